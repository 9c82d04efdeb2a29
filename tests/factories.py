"""factory-boy factories for the domain. Services keep grants in step with relationships, so
factories that create relationships call `case_access_sync` as the services do."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.contrib.auth.models import Group

from accounts.models import Unit, User
from accounts.roles import Role
from cases.access import case_access_sync
from cases.models import Case, Citizen, Consent, LegalBasis
from treatment_options.models import Episode, Offer, Provider, TreatmentType


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")
    kind = Unit.Kind.MUNICIPAL_TEAM
    group = factory.LazyAttribute(lambda o: Group.objects.get_or_create(name=f"Enhed: {o.name}")[0])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@kommune.example")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger{n}")
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "Kodeord-123!")

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if not create:
            return
        self.save()
        if extracted is not None:
            self.groups.add(Group.objects.get(name=extracted.value))
            if extracted == Role.ADMINISTRATOR:
                self.is_staff = True
                self.save(update_fields=["is_staff"])
        if self.unit and self.unit.group_id:
            self.groups.add(self.unit.group_id)


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen

    first_name = factory.Iterator(["Mette", "Lars", "Sofie", "Jens", "Anne", "Peter"])
    last_name = factory.Iterator(["Hansen", "Nielsen", "Jensen", "Pedersen", "Andersen"])
    cpr = factory.Sequence(lambda n: f"0101{70 + n % 30:02d}-{1000 + n:04d}")
    birth_date = factory.LazyAttribute(
        lambda o: date(1900 + int(o.cpr[4:6]), 1, 1) if o.cpr else None
    )


class CaseFactory(factory.django.DjangoModelFactory):
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
    def sync_access(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            case_access_sync(self)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Behandlingssted {n}")
    kind = Provider.Kind.MUNICIPAL
    unit = None


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Tilbud {n}")
    treatment_type = TreatmentType.OUTPATIENT
    legal_bases = factory.LazyFunction(lambda: ["SEL101", "SUL141", "SUL142", "BL33"])


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    offer = factory.SubFactory(OfferFactory)
    referral_date = factory.LazyAttribute(lambda o: o.case.inquiry_date)

    @factory.post_generation
    def sync_access(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            case_access_sync(self.case)


class ConsentFactory(factory.django.DjangoModelFactory):
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
