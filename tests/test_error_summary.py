"""One heading for every error summary: "Der er fejl i formularen" (issue 18). Every form's
errors go through templates/includes/form_errors.html, which has no other heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
SKIP = {"node_modules", ".venv", "static", "staticfiles"}
SUMMARY = "includes/form_errors.html"


def _templates() -> list[Path]:
    return [
        p
        for p in ROOT.rglob("templates/**/*.html")
        if not SKIP.intersection(p.relative_to(ROOT).parts)
    ]


def test_no_template_overrides_the_summary_heading() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _templates()
        if re.search(r"form_errors\.html[^%]*\bheading=", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_form_errors_are_summarised_only_by_the_shared_include() -> None:
    own_summaries = []
    for path in _templates():
        if path.as_posix().endswith(SUMMARY):
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'class="alert alert-error[^"]*"', text):
            nearby = text[match.start() : match.start() + 600]
            if re.search(r"\.errors|non_field_errors", nearby):
                own_summaries.append(str(path.relative_to(ROOT)))
    assert own_summaries == []


class _Form(forms.Form):
    title = forms.CharField(label="Titel")


@pytest.mark.parametrize(
    ("language", "heading"),
    [("da", "Der er fejl i formularen"), ("en", "There are errors in the form")],
)
def test_the_summary_has_the_one_heading(language: str, heading: str) -> None:
    form = _Form(data={})
    with translation.override(language):
        html = render_to_string(SUMMARY, {"form": form, "heading": "Noget andet"})
    assert f">{heading}</h2>" in html
    assert "Noget andet" not in html


@pytest.mark.django_db
def test_a_product_form_shows_the_heading(client) -> None:
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    assert response.status_code == 200
    assert ">Der er fejl i formularen</h2>" in response.content.decode()
