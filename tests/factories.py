"""factory-boy factories for the domain. Services keep grants in step with relationships, so
factories that create relationships call `case_access_sync` as the services do."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import factory
from django.contrib.auth.models import Group

from accounts.models import Unit, User
from accounts.roles import Role
from cases.access import case_access_sync
from cases.models import Case, Citizen, Consent, LegalBasis
from treatment_options.models import Episode, Offer, Provider, TreatmentType

if TYPE_CHECKING:

    class ModelFactory[T](factory.django.DjangoModelFactory[T]):
        """DjangoModelFactory as the type checker should see it: calling a factory gives the
        model instance. At run time factory-boy's FactoryMetaClass.__call__ does that, but it is
        untyped, and mypy reads what calling a class gives from __new__ only."""

        # __new__ "must return a class instance": here it is the model's, not the factory's.
        def __new__(cls, **kwargs: Any) -> T: ...  # type: ignore[misc]

else:
    ModelFactory = factory.django.DjangoModelFactory


class UnitFactory(ModelFactory[Unit]):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")
    kind = Unit.Kind.MUNICIPAL_TEAM
    group = factory.LazyAttribute(lambda o: Group.objects.get_or_create(name=f"Enhed: {o.name}")[0])


def _add_role(user: User, create: bool, extracted: Role | None, **kwargs: object) -> None:
    """UserFactory(role=...): the role's group, and the unit's group."""
    if not create:
        return
    user.save()
    if extracted is not None:
        user.groups.add(Group.objects.get(name=extracted.value))
        if extracted == Role.ADMINISTRATOR:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    if user.unit and user.unit.group_id:
        user.groups.add(user.unit.group_id)


def _sync_case_access(case: Case, create: bool, extracted: object, **kwargs: object) -> None:
    if create:
        case_access_sync(case)


def _sync_episode_case_access(
    episode: Episode, create: bool, extracted: object, **kwargs: object
) -> None:
    if create:
        case_access_sync(episode.case)


class UserFactory(ModelFactory[User]):
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

    # A post-generation hook gets the model instance: a module function typed with it.
    role = factory.PostGeneration(_add_role)


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

    sync_access = factory.PostGeneration(_sync_case_access)


class ProviderFactory(ModelFactory[Provider]):
    class Meta:
        model = Provider
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Behandlingssted {n}")
    kind = Provider.Kind.MUNICIPAL
    unit = None


class OfferFactory(ModelFactory[Offer]):
    class Meta:
        model = Offer

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Tilbud {n}")
    treatment_type = TreatmentType.OUTPATIENT
    legal_bases = factory.LazyFunction(lambda: ["SEL101", "SUL141", "SUL142", "BL33"])


class EpisodeFactory(ModelFactory[Episode]):
    class Meta:
        model = Episode
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    offer = factory.SubFactory(OfferFactory)
    referral_date = factory.LazyAttribute(lambda o: o.case.inquiry_date)

    sync_access = factory.PostGeneration(_sync_episode_case_access)


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
