"""Factories of retention (rights app) and of the access log's pruning checkpoint."""

from __future__ import annotations

import factory
from django.utils import timezone

from cases.models import AccessLogCheckpoint
from rights.models import AnonymisedCase, RetentionKind, RetentionRule, RetentionRun

from .base import ModelFactory
from .cases import CaseFactory


class RetentionRuleFactory(ModelFactory[RetentionRule]):
    """A row of the settings table (the migration fills every kind; this returns it)."""

    class Meta:
        model = RetentionRule
        django_get_or_create = ("kind",)

    kind = factory.Iterator(RetentionKind.values)
    period_months = 60
    counted_from = "case_end"
    action = "delete"
    legal_source = "GDPR art. 5(1)(e)"


class RetentionRunFactory(ModelFactory[RetentionRun]):
    class Meta:
        model = RetentionRun

    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
    counts = factory.LazyFunction(lambda: {"social_case": {"deleted": 1, "held": 0}})


class AnonymisedCaseFactory(ModelFactory[AnonymisedCase]):
    class Meta:
        model = AnonymisedCase

    case = factory.SubFactory(CaseFactory)
    kind = RetentionKind.SOCIAL_CASE
    anonymised_at = factory.LazyFunction(timezone.now)


class AccessLogCheckpointFactory(ModelFactory[AccessLogCheckpoint]):
    """A checkpoint row (unsigned: `cases.access_log.pruning` makes the real ones)."""

    class Meta:
        model = AccessLogCheckpoint

    last_id = factory.Sequence(lambda n: n + 1)
    last_hash = "0" * 64
    count = factory.Sequence(lambda n: n + 1)
    created_at = factory.LazyFunction(timezone.now)
    key_id = "0" * 16
    mac = "0" * 64
