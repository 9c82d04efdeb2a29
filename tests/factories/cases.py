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
)

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
    def sync_access(self: Case, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            case_access_sync(self)


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
