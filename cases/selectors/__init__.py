"""Reads of citizens and cases, always limited to what the user may see, filtered in the
database (DESIGN §1). Selectors never write; the views write the access log.

One file per topic: case_lists.py (the case list, the user's cases, coming deadlines),
guarantee_status.py (the guarantee status in SQL, for the lists, reports and reminders),
timeline.py, citizens.py, moves.py (the lifecycle moves a user may make), break_glass.py (the
uses of break the glass a manager reviews), access_log.py (the managers' access log).
"""

from .access_log import AccessLogRow, access_log_rows, access_log_visible_to
from .break_glass import break_glass_get_for_reviewer, break_glass_unreviewed_for
from .case_lists import (
    ORDERINGS,
    case_list_for,
    case_list_ordering,
    my_cases,
    upcoming_deadlines,
)
from .citizens import (
    CITIZEN_RIGHTS_PERM,
    citizen_cases,
    citizen_find_by_cpr,
    citizen_get_for_rights_request,
    citizen_get_for_user,
    citizens_for_new_case,
    citizens_without_case_for,
)
from .guarantee_status import (
    CASE_CLOCK,
    annotate_guarantee_status,
    free_choice_in_time_q,
    guarantee_started_q,
    guarantee_status_expression,
    open_clock_q,
)
from .moves import available_actions
from .timeline import TimelineEntry, TimelineItem, case_timeline

__all__ = [
    "CASE_CLOCK",
    "CITIZEN_RIGHTS_PERM",
    "ORDERINGS",
    "AccessLogRow",
    "TimelineEntry",
    "TimelineItem",
    "access_log_rows",
    "access_log_visible_to",
    "annotate_guarantee_status",
    "available_actions",
    "break_glass_get_for_reviewer",
    "break_glass_unreviewed_for",
    "case_list_for",
    "case_list_ordering",
    "case_timeline",
    "citizen_cases",
    "citizen_find_by_cpr",
    "citizen_get_for_rights_request",
    "citizen_get_for_user",
    "citizens_for_new_case",
    "citizens_without_case_for",
    "free_choice_in_time_q",
    "guarantee_started_q",
    "guarantee_status_expression",
    "my_cases",
    "open_clock_q",
    "upcoming_deadlines",
]
