"""Factories of the reports app."""

from __future__ import annotations

from datetime import date

import factory

from reports.models import ReportJob

from .accounts import UnitFactory, UserFactory
from .base import ModelFactory


class ReportJobFactory(ModelFactory[ReportJob]):
    """A queued manager report for the user's own unit, June to November 2026."""

    class Meta:
        model = ReportJob

    unit = factory.SubFactory(UnitFactory)
    user = factory.SubFactory(UserFactory, unit=factory.SelfAttribute("..unit"))
    file_format = ReportJob.Format.PDF
    period_start = date(2026, 6, 1)
    period_end = date(2026, 11, 30)
