"""Factories of the treatment_options app: providers, their offers and a case's episodes."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.db.models import Min
from django.utils import timezone

from cases.access import case_access_sync
from cases.models import TreatmentRequest
from cases.services.requests import refresh_urgency
from treatment_options.models import (
    Contact,
    Episode,
    Offer,
    Provider,
    TreatmentPlan,
    TreatmentPlanVersion,
    TreatmentType,
)

from .accounts import UserFactory
from .base import ModelFactory
from .cases import CaseFactory


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
    """A referral of the case to an offer; `actual_start` and so on as the test needs."""

    class Meta:
        model = Episode
        skip_postgeneration_save = True

    case = factory.SubFactory(
        CaseFactory,
        caseworker=factory.SubFactory(UserFactory, unit=factory.SelfAttribute("..team")),
    )
    offer = factory.SubFactory(OfferFactory)
    referral_date = factory.LazyAttribute(lambda o: o.case.inquiry_date)
    # As `episode_refer` records it. Empty for a case without a caseworker, as on imported
    # episodes (the services leave it out of full_clean for those).
    referred_by = factory.SelfAttribute("case.caseworker")

    @factory.post_generation
    def sync_access(self: Episode, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            request_attach(self)
            case_access_sync(self.case)

    @factory.post_generation
    def treatment_plan_on(self: Episode, create: bool, extracted: object, **kwargs: object) -> None:
        """`treatment_plan_on=<date>`: the episode has a treatment plan, version 1 made that
        day (as the plan date of episodes before plans had versions)."""
        if create and isinstance(extracted, date):
            plan = TreatmentPlan.objects.create(episode=self, made_on=extracted)
            TreatmentPlanVersion.objects.create(
                plan=plan, number=1, made_on=extracted, goals="Mål", activities="Aktiviteter"
            )


class TreatmentPlanFactory(ModelFactory[TreatmentPlan]):
    class Meta:
        model = TreatmentPlan

    episode = factory.SubFactory(EpisodeFactory)
    made_on = factory.LazyAttribute(lambda o: o.episode.actual_start or o.episode.referral_date)
    version = 1


class TreatmentPlanVersionFactory(ModelFactory[TreatmentPlanVersion]):
    class Meta:
        model = TreatmentPlanVersion

    plan = factory.SubFactory(TreatmentPlanFactory)
    number = factory.LazyAttribute(lambda o: o.plan.version)
    made_on = factory.LazyAttribute(lambda o: o.plan.made_on)
    goals = "Stoppe det daglige forbrug"
    activities = "Motivationssamtaler, derefter gruppeforløb"
    progress_follow_up = "Statussamtale hver fjerde uge"
    assessment_link = "Bygger på afdækningen af rusmidler og netværk"
    author = factory.SubFactory(UserFactory)


def request_attach(episode: Episode) -> None:
    """Put the episode under its case's latest request (as episode_refer does) and stop that
    request's clock at its first start (as episode_start does)."""
    if episode.request_id is None:
        latest = (
            TreatmentRequest.objects.filter(case=episode.case)
            .order_by("-requested_on", "-pk")
            .first()
        )
        if latest is None:
            return
        Episode.objects.filter(pk=episode.pk).update(request=latest)
        episode.request = latest
    request = episode.request
    assert request is not None
    first = Episode.objects.filter(request=request).aggregate(first=Min("actual_start"))["first"]
    if first != request.treatment_started_on:
        TreatmentRequest.objects.filter(pk=request.pk).update(treatment_started_on=first)
        request.treatment_started_on = first
    refresh_urgency(episode.case, today=max(date.today(), request.requested_on))


class ContactFactory(ModelFactory[Contact]):
    """An attended, planned session an hour ago, recorded by the case's caseworker."""

    class Meta:
        model = Contact

    episode = factory.SubFactory(EpisodeFactory)
    at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    kind = Contact.Kind.SESSION
    is_planned = True
    outcome = Contact.Outcome.ATTENDED
    recorded_by = factory.LazyAttribute(lambda o: o.episode.case.caseworker or UserFactory())
