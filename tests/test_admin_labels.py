"""The admin shows labels, not raw names such as TREATMENT_OPTIONS (issue 18): every app of the
product with models has a Danish verbose_name with an English translation, and every model and
field the admin shows has its own label."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

PRODUCT_APPS = [
    "accounts",
    "cases",
    "treatment_options",
    "transitions",
    "notifications",
    "reports",
    "api",
]


@pytest.mark.parametrize("label", PRODUCT_APPS)
def test_every_product_app_has_a_danish_name_and_an_english_one(label: str) -> None:
    config = apps.get_app_config(label)
    raw = label.replace("_", " ").title()
    with translation.override("da"):
        danish = str(config.verbose_name)
    with translation.override("en"):
        english = str(config.verbose_name)
    assert danish != raw and "_" not in danish
    assert english != danish, f"{label}: no English translation of {danish!r}"


def _registered() -> list:
    return [m for m in admin.site._registry if m._meta.app_label in PRODUCT_APPS]


@pytest.mark.parametrize("model", _registered(), ids=lambda m: m._meta.label)
def test_admin_models_and_their_fields_have_labels(model) -> None:
    meta = model._meta
    assert "verbose_name" in meta.original_attrs, f"{meta.label} has no verbose_name"
    unlabelled = [
        f.name
        for f in meta.get_fields()
        if f.concrete and not f.auto_created and f._verbose_name is None
    ]
    assert unlabelled == [], f"{meta.label}: fields without a label: {unlabelled}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("da", ["Behandlingstilbud", "Sager og borgere", "API-adgang"]),
        ("en", ["Treatment services", "Cases and citizens", "API access"]),
    ],
)
def test_admin_index_shows_the_labels(client, admin_user, language: str, shown: list[str]) -> None:
    admin_user.is_staff = True
    admin_user.is_superuser = True
    admin_user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(admin_user)

    html = client.get(reverse("admin:index"), headers={"accept-language": language}).content
    text = html.decode()

    for label in shown:
        assert label in text
    for raw in ("Treatment_Options", "Treatment_options", "TREATMENT_OPTIONS", ">Api<"):
        assert raw not in text
