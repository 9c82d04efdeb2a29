"""Writes for the handover (DESIGN §5). Every change to a transition goes through here.

Permission checks (role + per-case grant) are the views' job (`has_case_perm`); the services
enforce the domain rules: who may confirm, which consent covers a meeting participant, that a
reduction has a reason.

One file per topic: `handover` (the transition itself), `status` (planning <-> ready), `plan`,
`commitments`, `notes`, `meetings` (participants and action items too), `checkins`,
`confirmation`, `after_discharge`, `work` (the work agreement); `bookkeeping` holds what every
write does besides its own change (lock, version, case event, access sync). Reads are in
`transitions.selectors`; the moments other apps react to (a commitment reduced, a first
appointment missed) are in `transitions.hooks`.
"""

from __future__ import annotations

from .after_discharge import (
    first_appointments_missed_sweep,
    transition_first_appointment_missed,
    transition_first_weeks_refresh,
    transitions_first_weeks_refresh_for_case,
)
from .bookkeeping import transition_url
from .checkins import (
    checkin_answer,
    checkin_label_for_weeks,
    checkins_schedule_after_discharge,
    course_checkin_schedule_update,
    course_checkins_schedule,
    transition_checkin_schedule_update,
)
from .commitments import commitment_change, commitment_create
from .confirmation import TransitionNotConfirmable, confirmation_messages, transition_confirm
from .contacts import contact_record_for_commitment, contact_update_for_commitment
from .handover import (
    CLOSED_STATUSES,
    DEFAULT_CHECKIN_WEEKS,
    TransitionChanges,
    transition_cancel,
    transition_create_for_case,
    transition_create_for_episode,
    transition_record_discharge,
    transition_update,
)
from .meetings import (
    action_item_create,
    action_item_mark_done,
    consent_problem,
    meeting_create,
    meeting_participant_add_external,
    meeting_participant_add_internal,
    meeting_update,
)
from .notes import PlannedAction, status_note_acknowledge, status_note_create
from .plan import PlanSectionConflict, plan_section_save, plan_stale_save_resolve
from .status import transition_status_refresh
from .work import work_agreement_save

__all__ = [
    "CLOSED_STATUSES",
    "DEFAULT_CHECKIN_WEEKS",
    "PlanSectionConflict",
    "PlannedAction",
    "TransitionChanges",
    "TransitionNotConfirmable",
    "action_item_create",
    "action_item_mark_done",
    "checkin_answer",
    "checkin_label_for_weeks",
    "checkins_schedule_after_discharge",
    "commitment_change",
    "commitment_create",
    "confirmation_messages",
    "consent_problem",
    "contact_record_for_commitment",
    "contact_update_for_commitment",
    "course_checkin_schedule_update",
    "course_checkins_schedule",
    "first_appointments_missed_sweep",
    "meeting_create",
    "meeting_participant_add_external",
    "meeting_participant_add_internal",
    "meeting_update",
    "plan_section_save",
    "plan_stale_save_resolve",
    "status_note_acknowledge",
    "status_note_create",
    "transition_cancel",
    "transition_checkin_schedule_update",
    "transition_confirm",
    "transition_create_for_case",
    "transition_create_for_episode",
    "transition_first_appointment_missed",
    "transition_first_weeks_refresh",
    "transition_record_discharge",
    "transition_status_refresh",
    "transition_update",
    "transition_url",
    "transitions_first_weeks_refresh_for_case",
    "work_agreement_save",
]
