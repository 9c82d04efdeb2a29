"""The plan's version history and conflict screen read plainly (issue 18): the first version
says "Første version", not "Bygger på 0"; the merge field spans both texts (a CSS class, no
inline style)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from transitions.models import PlanSection
from transitions.services import plan_section_save

from .conftest import login

pytestmark = pytest.mark.django_db


def _based_on_cells(body: str) -> list[str]:
    rows = re.findall(r"<tr>\s*(.*?)</tr>", body, re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    return [" ".join(re.sub(r"<[^>]+>", " ", c[3]).split()) for c in cells if len(c) >= 4]


def test_history_says_forste_version_instead_of_bygger_pa_0(
    named_transition, residential_therapist, outpatient_therapist
):
    section = PlanSection.objects.get(transition=named_transition, key="goals")
    plan_section_save(actor=residential_therapist, section=section, text="Ét.", based_on_version=0)
    plan_section_save(actor=outpatient_therapist, section=section, text="To.", based_on_version=1)
    url = reverse(
        "transitions:section_history",
        kwargs={"case_id": named_transition.case_id, "key": "goals"},
    )

    body = login(outpatient_therapist).get(url).content.decode()

    cells = _based_on_cells(body)
    assert "Første version" in cells
    assert "Version 1" in cells
    assert "0" not in cells


def test_merge_field_and_conflict_marks_are_styled_in_the_stylesheet():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "overgang.css").read_text(encoding="utf-8")
    merge = re.search(r"\.form-input\.merge-text\s*\{([^}]*)\}", css)
    assert merge and "max-width: none" in merge.group(1) and "width: 100%" in merge.group(1)
    only = re.search(r"\.diff-only\s*\{([^}]*)\}", css)
    assert only and "line-through" not in only.group(1)
