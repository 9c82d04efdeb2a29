"""The decision (afgørelse): date, result, reasons and complaint guidance."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User

from .. import guarantee
from ..access import CHANGE
from ..event_messages import EventCode, reason_part
from ..models import Case, CaseEvent
from .checks import Errors, local_today, require_open, require_perm
from .events import case_event_record
from .locking import lock_case
from .requests import request_decision_record


@transaction.atomic
def case_decision_save(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    decision_date: date,
    decision_result: str,
    decision_text: str,
    decision_complaint_guidance: bool,
) -> Case:
    """Record the decision (afgørelse): date, result, reasons and complaint guidance. A decision
    after the guarantee deadline is recorded with the BEK 1477/2019 § 1 warning."""
    require_perm(actor, CHANGE, case)
    case = lock_case(case, expected_version=expected_version)
    require_open(case)
    errors = Errors()
    decision_text = (decision_text or "").strip()
    if decision_date is None:
        errors.add("decision_date", _("Angiv afgørelsesdatoen."), code="required")
    elif decision_date > local_today():
        errors.add(
            "decision_date", _("Afgørelsesdatoen kan ikke ligge i fremtiden."), code="future"
        )
    elif decision_date < case.inquiry_date:
        errors.add(
            "decision_date",
            _("Afgørelsesdatoen kan ikke ligge før henvendelsesdatoen."),
            code="before_inquiry",
        )
    if decision_result not in Case.DecisionResult.values:
        errors.add("decision_result", _("Vælg afgørelsens resultat."), code="required")
    if not decision_text:
        errors.add("decision_text", _("Skriv begrundelsen for afgørelsen."), code="required")
    # Forvaltningsloven § 25: a decision that does not fully grant the request carries
    # complaint guidance.
    if decision_result in (Case.DecisionResult.PARTLY, Case.DecisionResult.REFUSED) and not (
        decision_complaint_guidance
    ):
        errors.add(
            "decision_complaint_guidance",
            _(
                "Der skal gives klagevejledning, når borgeren ikke får fuldt medhold "
                "(forvaltningsloven § 25)."
            ),
            code="required",
        )
    errors.raise_if_any()

    case.decision_date = decision_date
    case.decision_result = decision_result
    case.decision_text = decision_text
    case.decision_complaint_guidance = bool(decision_complaint_guidance)
    case.version += 1
    case.full_clean(validate_unique=False, validate_constraints=False)
    case.save(
        update_fields=[
            "decision_date",
            "decision_result",
            "decision_text",
            "decision_complaint_guidance",
            "version",
            "updated_at",
        ]
    )
    request_decision_record(case=case, decision_on=decision_date, decision_text=decision_text)
    warning = guarantee.decision_warning(
        case.inquiry_date,
        decision_date,
        case.legal_basis,
        regional_dual_diagnosis=case.regional_dual_diagnosis,
    )
    description = _("Afgørelse %(date)s: %(result)s.") % {
        "date": date_format(decision_date, "DATE_FORMAT"),
        "result": case.get_decision_result_display(),
    }
    values: dict[str, Any] = {"date": decision_date.isoformat(), "decision_result": decision_result}
    if warning:
        description += " " + warning.reason
        values["also"] = [reason_part(warning)]
    # The event keeps the whole decision: a later decision (after a relapse) overwrites the
    # fields on the case, the timeline keeps every one.
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.DECISION_SAVED,
        actor=actor,
        description=description,
        code=EventCode.DECISION_SAVED,
        values=values,
        data={
            "decision_date": decision_date.isoformat(),
            "decision_result": decision_result,
            "decision_text": decision_text,
            "decision_complaint_guidance": bool(decision_complaint_guidance),
            "late": bool(warning),
        },
    )
    return case
