"""Pages for citizens and cases (issue 3). Thin views: parse, one access helper, one service or
selector call, render. Every case-scoped view goes through `cases.decorators.case_view`, which
gives 404 without access and writes GET reads to the access log; writes also check the specific
permission with `has_case_perm` and answer 403 to a user who may only read.

One file per page or topic: lists.py, citizens.py, intake.py (opening a case), detail.py,
timeline.py, moves.py, assessment.py, decision.py, assignment.py, consents.py, break_glass.py,
access_log.py (the managers' access log);
shared: permissions.py, pages.py (today, the link to the case page), versioned.py (saving a
versioned edit form).
"""

from .access_log import access_log
from .assessment import case_assessment
from .assignment import case_reassign
from .break_glass import break_glass, break_glass_review, break_glass_unreviewed
from .caseload import caseload_move
from .citizens import citizen_create, citizen_detail
from .consents import consent_create, consent_withdraw
from .decision import case_decision
from .detail import case_detail
from .intake import CASE_CREATE_SESSION_KEY, case_create
from .lists import SEARCH_SESSION_KEY, case_list, case_list_count
from .moves import case_move
from .records import (
    action_plan,
    action_plan_hand_over,
    concern_notification_create,
    treatment_consent_create,
)
from .rectification import citizen_rectify
from .requests import request_consultation, request_create
from .timeline import IMPORTANT_TIMELINE_KINDS, case_timeline

__all__ = [
    "CASE_CREATE_SESSION_KEY",
    "IMPORTANT_TIMELINE_KINDS",
    "SEARCH_SESSION_KEY",
    "access_log",
    "action_plan",
    "action_plan_hand_over",
    "break_glass",
    "break_glass_review",
    "break_glass_unreviewed",
    "case_assessment",
    "case_create",
    "case_decision",
    "case_detail",
    "case_list",
    "case_list_count",
    "case_move",
    "case_reassign",
    "case_timeline",
    "caseload_move",
    "citizen_create",
    "citizen_detail",
    "citizen_rectify",
    "concern_notification_create",
    "consent_create",
    "consent_withdraw",
    "request_consultation",
    "request_create",
    "treatment_consent_create",
]
