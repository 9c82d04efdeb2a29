"""Reads for the handover pages. The case itself is already access-checked by the view
decorator (`cases.decorators.case_view`); everything here is scoped to that case, so an object
of another case is a 404, never a leak.

The transition page loads a fixed number of queries however many versions, notes, meetings
and check-ins the transition has (see tests/transitions/test_query_counts.py).

One file per topic: `handover` (the case's transition, readiness and confirmation facts),
`people` (who can be named or must acknowledge), `lookups` (one object of the transition),
`page` (the transition page), and what the handover adds to the case (registered on
`cases.hooks`): `case_access` (who holds the case, "my cases"), `case_panel` (the panel on the
case page), `timeline` (the case's timeline). Selectors never import the services.
"""

from __future__ import annotations

from .case_access import handover_holders, named_on_handover_q
from .case_panel import TRANSITION_PANEL, case_transition_panel
from .checkins import (
    CourseCheckIns,
    checkin_get_for_case,
    checkin_schedule_weeks,
    course_checkin_anchor,
    course_checkins,
)
from .handover import (
    confirmation_is_early,
    confirmation_problems_for,
    readiness_facts,
    residential_episode_for_transition,
    transition_current_for_case,
    transition_get_for_case,
)
from .lookups import (
    action_item_get,
    case_consents,
    checkin_get,
    commitment_get,
    meeting_get,
    note_get,
    plan_section_get,
    plan_section_versions,
)
from .page import (
    PAGE_PERMS,
    NoteRow,
    ThemeGrid,
    TransitionPage,
    page_perms,
    theme_grid,
    transition_page,
)
from .page_rows import transition_for_page
from .people import note_receivers, outpatient_therapists_for, users_with_case_access
from .stale_saves import stale_saves_open_for
from .timeline import handover_timeline
from .waiting import note_waiting_for_q, notes_waiting_for, outreach_tasks_covered_by

__all__ = [
    "PAGE_PERMS",
    "TRANSITION_PANEL",
    "CourseCheckIns",
    "NoteRow",
    "ThemeGrid",
    "TransitionPage",
    "action_item_get",
    "case_consents",
    "case_transition_panel",
    "checkin_get",
    "checkin_get_for_case",
    "checkin_schedule_weeks",
    "commitment_get",
    "confirmation_is_early",
    "confirmation_problems_for",
    "course_checkin_anchor",
    "course_checkins",
    "handover_holders",
    "handover_timeline",
    "meeting_get",
    "named_on_handover_q",
    "note_get",
    "note_receivers",
    "note_waiting_for_q",
    "notes_waiting_for",
    "outpatient_therapists_for",
    "outreach_tasks_covered_by",
    "page_perms",
    "plan_section_get",
    "plan_section_versions",
    "readiness_facts",
    "residential_episode_for_transition",
    "stale_saves_open_for",
    "theme_grid",
    "transition_current_for_case",
    "transition_for_page",
    "transition_get_for_case",
    "transition_page",
    "users_with_case_access",
]
