"""Factories of the records a case keeps beside the assessment (cases/records.py): consent to
treatment under 18, notifications of concern, action plans and their versions."""

from __future__ import annotations

from datetime import date, timedelta

import factory

from cases.models import LegalBasis
from cases.records import ConsentForm, TreatmentConsent

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
