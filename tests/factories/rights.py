"""Factories of the rights app (access requests, complaints, legal holds, exports) and the
cases app's rectifications."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone

from cases.models import Rectification
from rights.deadlines import answer_deadline
from rights.models import (
    AccessRequest,
    Complaint,
    FileExport,
    FileExportDecision,
    HoldKind,
    LegalHold,
)

from .accounts import UserFactory
from .base import ModelFactory
from .cases import CaseFactory


class LegalHoldFactory(ModelFactory[LegalHold]):
    """An open manager's hold on all a citizen's data."""

    class Meta:
        model = LegalHold

    citizen = factory.SubFactory("tests.factories.cases.CitizenFactory")
    kind = HoldKind.MANAGER
    reason = "Sag ved Datatilsynet"


class AccessRequestFactory(ModelFactory[AccessRequest]):
    """An open access request under offentlighedsloven received 2 days ago (no hold: use the
    service for one with its hold)."""

    class Meta:
        model = AccessRequest

    case = factory.SubFactory(CaseFactory)
    citizen = factory.SelfAttribute("case.citizen")
    kind = AccessRequest.Kind.PUBLIC_ACCESS
    received_on = factory.LazyFunction(lambda: date.today() - timedelta(days=2))
    deadline_on = factory.LazyAttribute(lambda o: answer_deadline(o.kind, o.received_on))


class ComplaintFactory(ModelFactory[Complaint]):
    class Meta:
        model = Complaint

    case = factory.SubFactory(CaseFactory)
    citizen = factory.SelfAttribute("case.citizen")
    received_on = factory.LazyFunction(lambda: date.today() - timedelta(days=2))
    about = Complaint.About.DECISION


class RectificationFactory(ModelFactory[Rectification]):
    class Meta:
        model = Rectification

    citizen = factory.SubFactory("tests.factories.cases.CitizenFactory")
    model_label = "cases.Citizen"
    object_id = factory.SelfAttribute("citizen.pk")
    field = "last_name"
    old_value = "Hansn"
    new_value = "Hansen"
    reason = "Stavefejl"
    rectified_at = factory.LazyFunction(timezone.now)


class FileExportFactory(ModelFactory[FileExport]):
    """An access-to-file export under review."""

    class Meta:
        model = FileExport

    citizen = factory.SubFactory("tests.factories.cases.CitizenFactory")
    created_by = factory.SubFactory(UserFactory)


class FileExportDecisionFactory(ModelFactory[FileExportDecision]):
    """A caseworker's approval of one field of the citizen's record."""

    class Meta:
        model = FileExportDecision

    export = factory.SubFactory(FileExportFactory)
    record_label = "cases.Citizen"
    record_id = factory.SelfAttribute("export.citizen_id")
    field = "address"
    value_digest = "0" * 64
    decision = FileExportDecision.Decision.APPROVED
    decided_by = factory.SelfAttribute("export.created_by")
