"""Forms for the case pages. They parse and pre-check input; the services decide (and raise
ValidationError with Danish messages, which `apply_validation_error` puts back on the form).

One file per page or topic, named like the views: lists.py, citizens.py, intake.py,
assessment.py, decision.py, moves.py, assignment.py, consents.py, break_glass.py; shared:
fields.py (date widget, today, caseworker and team choices), errors.py, versioned.py.
"""

from .assessment import AssessmentForm
from .assignment import ReassignForm
from .break_glass import BREAK_GLASS_MIN_REASON, BreakGlassForm, BreakGlassReviewForm
from .caseload import CaseloadMoveForm
from .citizens import CitizenForm
from .consents import ConsentForm, ConsentWithdrawForm
from .decision import DecisionForm
from .errors import apply_validation_error
from .fields import DATE_WIDGET, UserChoiceField, caseworker_queryset, team_queryset
from .intake import CaseCreateForm
from .lists import GUARANTEE_STATUS_CHOICES, CaseFilterForm, CaseSearchForm
from .moves import CaseMoveForm
from .versioned import STALE_VERSION_MESSAGE, VersionedForm

__all__ = [
    "BREAK_GLASS_MIN_REASON",
    "DATE_WIDGET",
    "GUARANTEE_STATUS_CHOICES",
    "STALE_VERSION_MESSAGE",
    "AssessmentForm",
    "BreakGlassForm",
    "BreakGlassReviewForm",
    "CaseCreateForm",
    "CaseFilterForm",
    "CaseMoveForm",
    "CaseSearchForm",
    "CaseloadMoveForm",
    "CitizenForm",
    "ConsentForm",
    "ConsentWithdrawForm",
    "DecisionForm",
    "ReassignForm",
    "UserChoiceField",
    "VersionedForm",
    "apply_validation_error",
    "caseworker_queryset",
    "team_queryset",
]
