"""Views of the handover (DESIGN §5). Every view is under a case: `case_view` loads the case
for a user who may read the handover (404 otherwise, and it writes the access log for GET);
writes then ask `has_case_perm` for the specific permission (403 for a read-only user).

One file per page or topic: `overview` (the transition page, create, edit, cancel), `plan`,
`notes`, `meetings` (and action items), `commitments`, `checkins`, `confirmation`,
`contacts`, `work`; `base` holds what every view shares."""

from __future__ import annotations

from .checkins import checkin_answer, checkin_schedule
from .commitments import commitment_create, commitment_detail
from .confirmation import transition_confirm
from .contacts import contact_create
from .meetings import (
    action_item_done,
    meeting_action_add,
    meeting_calendar,
    meeting_create,
    meeting_detail,
    meeting_participant_add,
)
from .notes import note_acknowledge, note_create, note_detail
from .overview import transition_cancel, transition_create, transition_detail, transition_edit
from .plan import (
    plan_section_display,
    plan_section_edit,
    plan_section_history,
    plan_stale_save_resolve,
)
from .work import work_agreement_edit

__all__ = [
    "action_item_done",
    "checkin_answer",
    "checkin_schedule",
    "commitment_create",
    "commitment_detail",
    "contact_create",
    "meeting_action_add",
    "meeting_calendar",
    "meeting_create",
    "meeting_detail",
    "meeting_participant_add",
    "note_acknowledge",
    "note_create",
    "note_detail",
    "plan_section_display",
    "plan_section_edit",
    "plan_section_history",
    "plan_stale_save_resolve",
    "transition_cancel",
    "transition_confirm",
    "transition_create",
    "transition_detail",
    "transition_edit",
    "work_agreement_edit",
]
