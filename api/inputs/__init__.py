"""Input serializers: what a client may send. Strict (unknown fields are a 400), every text
bounded, NUL bytes refused (DRF's CharField does that), dates and numbers range-checked here
so that nothing out of range reaches the database. The services check the domain rules.
"""

from __future__ import annotations

from .cases import (
    AssessmentInput,
    CaseCreateInput,
    CaseloadMoveInput,
    CaseMoveInput,
    CaseUpdateInput,
    CitizenInput,
    DecisionInput,
    DeputyshipInput,
    RequestCreateInput,
    RequestUpdateInput,
)
from .common import MAX_ID, MAX_VERSION, id_field, version_field
from .episodes import (
    ContactCreateInput,
    ContactUpdateInput,
    EpisodeEndInput,
    EpisodeReferInput,
    EpisodeStartInput,
    TreatmentPlanInput,
)
from .transitions import (
    ActionItemInput,
    CheckInAnswerInput,
    CheckInScheduleInput,
    CommitmentChangeInput,
    CommitmentCreateInput,
    MeetingCreateInput,
    MeetingUpdateInput,
    ParticipantInput,
    PlannedActionInput,
    PlanSectionInput,
    StatusNoteInput,
    TransitionConfirmInput,
    TransitionUpdateInput,
)

__all__ = [
    "MAX_ID",
    "MAX_VERSION",
    "ActionItemInput",
    "AssessmentInput",
    "CaseCreateInput",
    "CaseMoveInput",
    "CaseUpdateInput",
    "CaseloadMoveInput",
    "CheckInAnswerInput",
    "CheckInScheduleInput",
    "CitizenInput",
    "CommitmentChangeInput",
    "CommitmentCreateInput",
    "ContactCreateInput",
    "ContactUpdateInput",
    "DecisionInput",
    "DeputyshipInput",
    "EpisodeEndInput",
    "EpisodeReferInput",
    "EpisodeStartInput",
    "MeetingCreateInput",
    "MeetingUpdateInput",
    "ParticipantInput",
    "PlanSectionInput",
    "PlannedActionInput",
    "RequestCreateInput",
    "RequestUpdateInput",
    "StatusNoteInput",
    "TransitionConfirmInput",
    "TransitionUpdateInput",
    "TreatmentPlanInput",
    "id_field",
    "version_field",
]
