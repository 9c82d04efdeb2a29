"""factory-boy factories for every model of the project, one module per app.

Import them from here (`from tests import factories`; `factories.CaseFactory(...)`).
`tests/test_factories.py` fails when a model has no factory here, and checks that each one
makes a valid saved row. A whole handover at a given stage: `tests.builders.HandoverBuilder`.
"""

from __future__ import annotations

from .accounts import (
    DeputyshipFactory,
    GroupFactory,
    UnitFactory,
    UserEventFactory,
    UserFactory,
)
from .api import ApiTokenFactory
from .cases import (
    AccessLogFactory,
    AccessLogHeadFactory,
    CaseEventFactory,
    CaseFactory,
    CaseGroupObjectPermissionFactory,
    CaseUserObjectPermissionFactory,
    CitizenFactory,
    ConsentFactory,
    DisclosureFactory,
    TemporaryCaseAccessFactory,
    TreatmentRequestFactory,
)
from .notifications import (
    FollowUpAttemptFactory,
    FollowUpFactory,
    NotificationFactory,
)
from .records import (
    ActionPlanFactory,
    ActionPlanVersionFactory,
    ConcernNotificationFactory,
    TreatmentConsentFactory,
)
from .reports import ReportJobFactory
from .retention import (
    AccessLogCheckpointFactory,
    AnonymisedCaseFactory,
    RetentionRuleFactory,
    RetentionRunFactory,
)
from .rights import (
    AccessRequestFactory,
    ComplaintFactory,
    FileExportDecisionFactory,
    FileExportFactory,
    LegalHoldFactory,
    RectificationFactory,
)
from .transitions import (
    ActionItemFactory,
    AftercareCommitmentFactory,
    CheckInFactory,
    CheckInScheduleFactory,
    CommitmentChangeFactory,
    CommitmentDeliveryFactory,
    NoteAcknowledgementFactory,
    ParticipantFactory,
    PlanSectionFactory,
    PlanSectionVersionFactory,
    StatusMeetingFactory,
    StatusNoteFactory,
    TransitionFactory,
    WorkAgreementFactory,
)
from .treatment_options import (
    ContactFactory,
    EpisodeFactory,
    OfferFactory,
    ProviderFactory,
    TreatmentPlanFactory,
    TreatmentPlanVersionFactory,
)

__all__ = [
    "AccessLogCheckpointFactory",
    "AccessLogFactory",
    "AccessLogHeadFactory",
    "AccessRequestFactory",
    "ActionItemFactory",
    "ActionPlanFactory",
    "ActionPlanVersionFactory",
    "AftercareCommitmentFactory",
    "AnonymisedCaseFactory",
    "ApiTokenFactory",
    "CaseEventFactory",
    "CaseFactory",
    "CaseGroupObjectPermissionFactory",
    "CaseUserObjectPermissionFactory",
    "CheckInFactory",
    "CheckInScheduleFactory",
    "CitizenFactory",
    "CommitmentChangeFactory",
    "CommitmentDeliveryFactory",
    "ComplaintFactory",
    "ConcernNotificationFactory",
    "ConsentFactory",
    "ContactFactory",
    "DeputyshipFactory",
    "DisclosureFactory",
    "EpisodeFactory",
    "FileExportDecisionFactory",
    "FileExportFactory",
    "FollowUpAttemptFactory",
    "FollowUpFactory",
    "GroupFactory",
    "LegalHoldFactory",
    "NoteAcknowledgementFactory",
    "NotificationFactory",
    "OfferFactory",
    "ParticipantFactory",
    "PlanSectionFactory",
    "PlanSectionVersionFactory",
    "ProviderFactory",
    "RectificationFactory",
    "ReportJobFactory",
    "RetentionRuleFactory",
    "RetentionRunFactory",
    "StatusMeetingFactory",
    "StatusNoteFactory",
    "TemporaryCaseAccessFactory",
    "TransitionFactory",
    "TreatmentConsentFactory",
    "TreatmentPlanFactory",
    "TreatmentPlanVersionFactory",
    "TreatmentRequestFactory",
    "UnitFactory",
    "UserEventFactory",
    "UserFactory",
    "WorkAgreementFactory",
]
