"""Factories of the cases app. Services keep grants in step with relationships, so factories
that create relationships call `case_access_sync` as the services do."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone

from cases.access import case_access_sync
from cases.access_log import GENESIS_HASH, access_log_record
from cases.models import (
    AccessLog,
    AccessLogHead,
    Case,
    CaseEvent,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Citizen,
    Consent,
    Disclosure,
    LegalBasis,
    TemporaryCaseAccess,
    TreatmentRequest,
)
from cases.services.requests import refresh_urgency

from .accounts import GroupFactory, UnitFactory, UserFactory
from .base import ModelFactory


def _case_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="cases", codename=codename)


class CitizenFactory(ModelFactory[Citizen]):
    class Meta:
        model = Citizen

    first_name = factory.Iterator(["Mette", "Lars", "Sofie", "Jens", "Anne", "Peter"])
    last_name = factory.Iterator(["Hansen", "Nielsen", "Jensen", "Pedersen", "Andersen"])
    cpr = factory.Sequence(lambda n: f"0101{70 + n % 30:02d}-{1000 + n:04d}")
    birth_date = factory.LazyAttribute(
        lambda o: date(1900 + int(o.cpr[4:6]), 1, 1) if o.cpr else None
    )


class CaseFactory(ModelFactory[Case]):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"2026-{n + 1:05d}")
    citizen = factory.SubFactory(CitizenFactory)
    legal_basis = LegalBasis.SEL101
    substances = factory.LazyFunction(lambda: ["cannabis"])
    inquiry_date = factory.LazyFunction(lambda: date.today() - timedelta(days=3))
    team = factory.SubFactory(UnitFactory)
    caseworker = None
    guarantee_deadline = factory.LazyAttribute(lambda o: o.inquiry_date + timedelta(days=14))

    @factory.post_generation
    def first_request(self: Case, create: bool, extracted: object, **kwargs: object) -> None:
        """The first request, as case_open makes it, mirroring the case's guarantee inputs
        (pass first_request=False for a case without one)."""
        if create and extracted is not False:
            request_from_case(self)

    @factory.post_generation
    def sync_access(self: Case, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            case_access_sync(self)


DECIDED = frozenset({"referred", "in_treatment", "aftercare", "closed"})


def _mirror(case: Case) -> dict[str, Any]:
    covered = case.legal_basis != LegalBasis.SEL101A and not case.regional_dual_diagnosis
    free_choice = bool(case.free_choice) and case.legal_basis != LegalBasis.BL33
    return dict(
        legal_basis=case.legal_basis,
        requested_on=case.inquiry_date,
        regional_dual_diagnosis=case.regional_dual_diagnosis,
        # A case made past assessment was decided (the referral needs it); tests of the refused
        # start build an undecided one.
        decision_on=case.decision_date or (case.inquiry_date if case.status in DECIDED else None),
        decision_text=case.decision_text,
        doctor_consultation_held_on=case.doctor_consultation_on,
        free_choice=free_choice,
        guarantee_deadline=(case.guarantee_deadline or case.inquiry_date + timedelta(days=14))
        if covered
        else None,
        treatment_started_on=case.treatment_started_on,
    )


def request_from_case(case: Case) -> TreatmentRequest:
    """The case's first request from the fields a test gave the case."""
    request = TreatmentRequest.objects.create(
        case=case, kind=TreatmentRequest.Kind.FIRST, **_mirror(case)
    )
    refresh_urgency(case, today=max(date.today(), case.inquiry_date))
    return request


def sync_first_request(case: Case) -> TreatmentRequest:
    """After a test changed the case's own fields (inquiry date, basis, start, free choice):
    give its first request the same, as the services keep them in step."""
    first = TreatmentRequest.objects.filter(case=case, kind=TreatmentRequest.Kind.FIRST).first()
    if first is None:
        return request_from_case(case)
    mirror = _mirror(case)
    for name, value in mirror.items():
        setattr(first, name, value)
    first.save()
    refresh_urgency(case, today=max(date.today(), case.inquiry_date))
    return first


class TreatmentRequestFactory(ModelFactory[TreatmentRequest]):
    """A further request in a case (renewed treatment), with its own clock."""

    class Meta:
        model = TreatmentRequest
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    kind = TreatmentRequest.Kind.RENEWED
    legal_basis = factory.LazyAttribute(lambda o: o.case.legal_basis)
    requested_on = factory.LazyAttribute(lambda o: o.case.inquiry_date)
    guarantee_deadline = factory.LazyAttribute(
        lambda o: None if o.legal_basis == LegalBasis.SEL101A else o.requested_on + timedelta(14)
    )

    @factory.post_generation
    def refresh(self: TreatmentRequest, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            refresh_urgency(self.case, today=max(date.today(), self.requested_on))


class CaseUserObjectPermissionFactory(ModelFactory[CaseUserObjectPermission]):
    """A direct per-case grant to one user (normally made by `case_access_sync`)."""

    class Meta:
        model = CaseUserObjectPermission

    content_object = factory.SubFactory(CaseFactory)
    user = factory.SubFactory(UserFactory)
    permission = factory.LazyFunction(lambda: _case_permission("view_case"))


class CaseGroupObjectPermissionFactory(ModelFactory[CaseGroupObjectPermission]):
    """A direct per-case grant to a group (normally a unit's group, by `case_access_sync`)."""

    class Meta:
        model = CaseGroupObjectPermission

    content_object = factory.SubFactory(CaseFactory)
    group = factory.SubFactory(GroupFactory)
    permission = factory.LazyFunction(lambda: _case_permission("view_case"))


class TemporaryCaseAccessFactory(ModelFactory[TemporaryCaseAccess]):
    """Break-the-glass access for four hours from now (DESIGN §1)."""

    class Meta:
        model = TemporaryCaseAccess

    case = factory.SubFactory(CaseFactory)
    user = factory.SubFactory(UserFactory)
    kind = TemporaryCaseAccess.Kind.BREAK_GLASS
    reason = "Borgeren ringede akut; sagsbehandleren er syg."
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=4))


class CaseEventFactory(ModelFactory[CaseEvent]):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(CaseFactory)
    kind = CaseEvent.Kind.OTHER
    actor = None
    occurred_at = factory.LazyFunction(timezone.now)
    description = "Telefonsamtale med borgeren"


class ConsentFactory(ModelFactory[Consent]):
    class Meta:
        model = Consent

    case = factory.SubFactory(CaseFactory)
    party_kind = "employer"
    party_name = "Vestas A/S"
    information_kinds = factory.LazyFunction(lambda: ["meetings", "plan"])
    purpose = "Tilbagevenden til arbejdet"
    form = Consent.Form.WRITTEN
    valid_from = factory.LazyFunction(lambda: date.today() - timedelta(days=10))
    valid_to = factory.LazyFunction(lambda: date.today() + timedelta(days=180))
    recorded_by = factory.SubFactory(UserFactory)


class DisclosureFactory(ModelFactory[Disclosure]):
    """A disclosure under a consent of the same case."""

    class Meta:
        model = Disclosure

    case = factory.SubFactory(CaseFactory)
    consent = factory.SubFactory(ConsentFactory, case=factory.SelfAttribute("..case"))
    information_kinds = factory.LazyAttribute(lambda o: list(o.consent.information_kinds))
    recipient = factory.LazyAttribute(lambda o: o.consent.party_name)
    description = "Overgangsplanen sendt før statusmødet"
    disclosed_by = factory.SubFactory(UserFactory)


class AccessLogFactory(ModelFactory[AccessLog]):
    """An entry appended through `access_log_record`, so that the hash chain stays intact
    (a hand-made row would break `access_log_verify`). Create only; `build` is not offered."""

    class Meta:
        model = AccessLog

    user = factory.SubFactory(UserFactory)
    case = factory.SubFactory(CaseFactory)
    object_type = "case"
    object_id = factory.LazyAttribute(lambda o: o.case.pk if o.case else "")
    action = AccessLog.Action.VIEW
    purpose = AccessLog.Purpose.CASE_WORK

    @classmethod
    def _create(cls, model_class: type[AccessLog], *args: Any, **kwargs: Any) -> AccessLog:
        return access_log_record(**kwargs)

    @classmethod
    def _build(cls, model_class: type[AccessLog], *args: Any, **kwargs: Any) -> AccessLog:
        raise NotImplementedError("AccessLogFactory only creates (the chain needs the head row)")


class AccessLogHeadFactory(ModelFactory[AccessLogHead]):
    """The single head row of the access-log chain, at the start of an empty chain."""

    class Meta:
        model = AccessLogHead
        django_get_or_create = ("id",)

    id = 1
    last_hash = GENESIS_HASH
