"""Factories of the records a case keeps beside the assessment (cases/records.py): consent to
treatment under 18, notifications of concern, action plans and their versions."""

from __future__ import annotations

from datetime import date, timedelta

import factory

from cases.models import Disclosure, DisclosureBasis, LegalBasis
from cases.models.records import (
    ActionPlan,
    ActionPlanVersion,
    ConcernNotification,
    ConsentForm,
    TreatmentConsent,
)

from .accounts import UserFactory
from .base import ModelFactory
from .cases import CaseFactory


class TreatmentConsentFactory(ModelFactory[TreatmentConsent]):
    class Meta:
        model = TreatmentConsent

    case = factory.SubFactory(CaseFactory, legal_basis=LegalBasis.BL33)
    name = "Hanne Møller"
    role = TreatmentConsent.Role.CUSTODY_HOLDER
    given_on = factory.LazyFunction(lambda: date.today() - timedelta(days=2))
    form = ConsentForm.WRITTEN
    recorded_by = factory.SubFactory(UserFactory)


class ConcernNotificationFactory(ModelFactory[ConcernNotification]):
    """An underretning (Barnets lov § 133) with the disclosure it is."""

    class Meta:
        model = ConcernNotification

    case = factory.SubFactory(CaseFactory, children_in_home=2, children_ages="4 og 9 år")
    notified_on = factory.LazyFunction(lambda: date.today() - timedelta(days=1))
    recipient = "Aarhus Kommune, Børn og Unge"
    reason = "Barnet kommer ofte uden madpakke og fortæller om uro i hjemmet."
    made_by = factory.SubFactory(UserFactory)
    disclosure = factory.LazyAttribute(
        lambda o: Disclosure.objects.create(
            case=o.case,
            basis=DisclosureBasis.BL133,
            information_kinds=["identity", "health"],
            recipient=o.recipient,
            disclosed_by=o.made_by,
        )
    )


class ActionPlanFactory(ModelFactory[ActionPlan]):
    class Meta:
        model = ActionPlan

    case = factory.SubFactory(CaseFactory)
    offered_on = factory.LazyFunction(lambda: date.today() - timedelta(days=1))
    accepted = True
    version = 0


class ActionPlanVersionFactory(ModelFactory[ActionPlanVersion]):
    class Meta:
        model = ActionPlanVersion

    plan = factory.SubFactory(ActionPlanFactory, version=1)
    number = factory.LazyAttribute(lambda o: o.plan.version)
    purpose = "Stabil bolig og et netværk uden rusmidler"
    actions = "Bostøtte to gange om ugen; mentor i jobcentret"
    expected_duration = "6 måneder"
    follow_up = "Opfølgende samtale hver måned med sagsbehandleren"
    author = factory.SubFactory(UserFactory)
