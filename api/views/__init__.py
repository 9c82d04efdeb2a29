"""The API's view sets (DESIGN §8), one module per resource. Thin: parse with a strict input
serializer, check access (404 for what the user may not see, 403 for a write a read-only role
may not make), call one service, answer with the output serializer. Reads are written to the
access log (api/base.py).
"""

from __future__ import annotations

from .caseload import CaseloadMoveViewSet
from .cases import CaseViewSet
from .checkins import CheckInViewSet
from .citizens import CitizenViewSet
from .commitments import CommitmentViewSet
from .contacts import ContactViewSet
from .deputies import DeputyshipViewSet
from .episodes import EpisodeViewSet
from .file_exports import FileExportViewSet
from .meetings import ActionItemViewSet, MeetingViewSet
from .notifications import NotificationViewSet
from .plan_sections import PlanSectionViewSet
from .requests import TreatmentRequestViewSet
from .status_notes import StatusNoteViewSet
from .transitions import TransitionViewSet

__all__ = [
    "ActionItemViewSet",
    "CaseViewSet",
    "CaseloadMoveViewSet",
    "CheckInViewSet",
    "CitizenViewSet",
    "CommitmentViewSet",
    "ContactViewSet",
    "DeputyshipViewSet",
    "EpisodeViewSet",
    "FileExportViewSet",
    "MeetingViewSet",
    "NotificationViewSet",
    "PlanSectionViewSet",
    "StatusNoteViewSet",
    "TransitionViewSet",
    "TreatmentRequestViewSet",
]
