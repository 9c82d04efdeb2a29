"""Links to case pages that services put into notifications."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from ..models import Case


def case_url(case: Case) -> str:
    """The case page (no personal data in it: the case's database id only)."""
    try:
        return reverse("cases:detail", kwargs={"case_id": case.pk})
    except NoReverseMatch:
        return f"/sager/{case.pk}/"
