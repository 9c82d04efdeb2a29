"""The retention settings table is filled by a data migration; a transactional test elsewhere
flushes it, so the tests here fill it again the same way when it is empty."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from rights.models import RetentionRule

DEFAULTS_MIGRATION = importlib.import_module("rights.migrations.0003_retention_defaults")


def retention_rules_fill() -> None:
    DEFAULTS_MIGRATION.fill(apps, None)


@pytest.fixture(autouse=True)
def retention_rules(request):
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            if not RetentionRule.objects.exists():
                retention_rules_fill()
            return
