"""Output serializers of the API (what a client reads), one module per resource. Writes have
their own strict input serializers in api/inputs.py and go through the apps' services.

Descriptions are in Danish and English ("dansk / English"), as the schema is read by both.
"""

from __future__ import annotations

from .cases import (
    CaseEventSerializer,
    CaseListSerializer,
    CaseSerializer,
    GuaranteeSerializer,
    TreatmentRequestSerializer,
    guarantee_data,
)
from .checkins import CheckInScheduleSerializer, CheckInSerializer
from .citizens import CitizenSerializer, CitizenSummarySerializer, CprMixin
from .commitments import CommitmentChangeSerializer, CommitmentSerializer
from .contacts import ContactSerializer
from .course import CourseFactSerializer
from .deputies import DeputyshipSerializer
from .episodes import EpisodeSerializer, TreatmentPlanSerializer, TreatmentPlanVersionSerializer
from .meetings import ActionItemSerializer, MeetingSerializer, ParticipantSerializer
from .notifications import MarkedReadSerializer, NotificationSerializer
from .output import OutputModelSerializer
from .plan_sections import (
    PlanSectionConflictSerializer,
    PlanSectionSerializer,
    PlanSectionVersionSerializer,
)
from .refs import PersonSerializer, UnitRefSerializer, person, unit_ref
from .status_notes import StatusNoteSerializer
from .transitions import TransitionSerializer
from .work_agreements import WorkAgreementSerializer

__all__ = [
    "ActionItemSerializer",
    "CaseEventSerializer",
    "CaseListSerializer",
    "CaseSerializer",
    "CheckInScheduleSerializer",
    "CheckInSerializer",
    "CitizenSerializer",
    "CitizenSummarySerializer",
    "CommitmentChangeSerializer",
    "CommitmentSerializer",
    "ContactSerializer",
    "CourseFactSerializer",
    "CprMixin",
    "DeputyshipSerializer",
    "EpisodeSerializer",
    "GuaranteeSerializer",
    "MarkedReadSerializer",
    "MeetingSerializer",
    "NotificationSerializer",
    "OutputModelSerializer",
    "ParticipantSerializer",
    "PersonSerializer",
    "PlanSectionConflictSerializer",
    "PlanSectionSerializer",
    "PlanSectionVersionSerializer",
    "StatusNoteSerializer",
    "TransitionSerializer",
    "TreatmentPlanSerializer",
    "TreatmentPlanVersionSerializer",
    "TreatmentRequestSerializer",
    "UnitRefSerializer",
    "WorkAgreementSerializer",
    "guarantee_data",
    "person",
    "unit_ref",
]
