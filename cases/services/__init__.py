"""Writes for citizens, cases, their lifecycle, consents, disclosures and break-the-glass access.

Every service is keyword-only and runs in one transaction. Errors a user can fix are raised as
django.core.exceptions.ValidationError with Danish messages (keyed by field where a field is to
blame), so that forms and the API show them; missing rights raise PermissionDenied (a view only
gets that far when the user can already see the case, so 403 reveals nothing new).

Every change to a case writes a CaseEvent (the timeline) in the same transaction.

One file per topic:
- citizens.py: registering a citizen, changing the citizen's details
- intake.py: opening a case, correcting its basic data
- assessment.py: the needs assessment, doctor's consultation and children in the home
- action_plans.py: the action plan (SEL § 141), its versions and the parts handed over
- decision.py: the decision (afgørelse)
- moves.py: moves through the lifecycle and their guards
- assignment.py: giving the case to another caseworker or team
- caseload.py: moving all of a leaving caseworker's cases in one step
- consents.py: consents, their withdrawal, disclosures
- concern_notifications.py: notifications of concern (Barnets lov § 133), each a disclosure
- treatment_consents.py: consent to treatment under 18 (Barnets lov § 33) and its check
- break_glass.py: emergency access
and what they share: events.py (the timeline), checks.py (permission, open case, field errors),
locking.py (the locked case row at the form's version), legal_bases.py, links.py.
"""

from .action_plans import (
    ACTION_PLAN_PARTS,
    action_plan_hand_over,
    action_plan_is_offered,
    action_plan_latest,
    action_plan_save,
)
from .assessment import ASSESSMENT_TOPICS, case_assessment_save
from .assignment import case_assign
from .break_glass import BREAK_GLASS_MIN_REASON, break_glass_review, case_break_glass
from .caseload import caseload_move, caseload_of
from .checks import Errors, require_open
from .citizens import CITIZEN_FIELDS, citizen_create, citizen_update
from .concern_notifications import concern_notification_record
from .consents import consent_create, consent_withdraw, disclosure_record
from .decision import case_decision_save
from .events import case_event_record
from .intake import CASE_UPDATE_FIELDS, case_open, case_update
from .legal_bases import ANONYMOUS_LEGAL_BASES, DRUG_LEGAL_BASES
from .links import case_url
from .locking import ConcurrentEditError, lock_case
from .moves import apply_move, case_move, case_move_problem
from .rectification import RECTIFIABLE, RectificationTarget, may_rectify, rectify
from .treatment_consents import treatment_consent_record, under_18_consents_missing

__all__ = [
    "ACTION_PLAN_PARTS",
    "ANONYMOUS_LEGAL_BASES",
    "ASSESSMENT_TOPICS",
    "BREAK_GLASS_MIN_REASON",
    "CASE_UPDATE_FIELDS",
    "CITIZEN_FIELDS",
    "DRUG_LEGAL_BASES",
    "RECTIFIABLE",
    "ConcurrentEditError",
    "Errors",
    "RectificationTarget",
    "action_plan_hand_over",
    "action_plan_is_offered",
    "action_plan_latest",
    "action_plan_save",
    "apply_move",
    "break_glass_review",
    "case_assessment_save",
    "case_assign",
    "case_break_glass",
    "case_decision_save",
    "case_event_record",
    "case_move",
    "case_move_problem",
    "case_open",
    "case_update",
    "case_url",
    "caseload_move",
    "caseload_of",
    "citizen_create",
    "citizen_update",
    "concern_notification_record",
    "consent_create",
    "consent_withdraw",
    "disclosure_record",
    "lock_case",
    "may_rectify",
    "rectify",
    "require_open",
    "treatment_consent_record",
    "under_18_consents_missing",
]
