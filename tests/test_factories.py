"""Every model of the project's apps has a factory, and each factory makes a valid saved row.

A new model without a factory fails `test_every_model_has_a_factory` by name: add one to the
app's module in tests/factories/ and export it from tests/factories/__init__.py."""

from __future__ import annotations

from pathlib import Path

import factory
import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import Model

from tests import factories

pytestmark = pytest.mark.django_db


def project_models() -> list[type[Model]]:
    """The concrete models of the apps in this repository (not Django's, not third parties')."""
    base = Path(settings.BASE_DIR).resolve()
    found: list[type[Model]] = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if not path.is_relative_to(base) or "site-packages" in path.parts:
            continue
        found += [
            model
            for model in config.get_models()
            if not model._meta.abstract and not model._meta.proxy
        ]
    return found


def model_factories() -> list[type[factory.django.DjangoModelFactory]]:
    return [
        getattr(factories, name)
        for name in factories.__all__
        if issubclass(getattr(factories, name), factory.django.DjangoModelFactory)
    ]


FACTORIES = model_factories()


def test_the_project_apps_are_found():
    labels = {model._meta.app_label for model in project_models()}
    assert {"accounts", "cases", "treatment_options", "transitions", "notifications"} <= labels
    assert {"reports", "api"} <= labels
    assert not labels & {"auth", "contenttypes", "guardian", "axes", "sessions", "admin"}


def test_every_model_has_a_factory():
    covered = {f._meta.model for f in FACTORIES}
    missing = [m._meta.label for m in project_models() if m not in covered]
    assert missing == [], f"No factory in tests/factories/ for: {', '.join(missing)}"


def test_every_factory_is_exported_once():
    assert len(factories.__all__) == len(set(factories.__all__))
    assert [f.__name__ for f in FACTORIES] == list(factories.__all__)


@pytest.mark.parametrize("model_factory", FACTORIES, ids=lambda f: f.__name__)
def test_factory_makes_a_valid_saved_row(model_factory):
    obj = model_factory()

    assert obj.pk is not None
    stored = type(obj).objects.get(pk=obj.pk)
    stored.full_clean()
    obj.full_clean()


@pytest.mark.parametrize("model_factory", FACTORIES, ids=lambda f: f.__name__)
def test_factory_can_be_called_twice(model_factory):
    """Sequences keep unique fields apart: a second row of the same kind is valid too."""
    first, second = model_factory(), model_factory()

    second.full_clean()
    if model_factory._meta.django_get_or_create != ("id",):
        assert first.pk != second.pk
