"""What the case pages share: today's date and the link back to the case page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from ..models import Case


def local_today() -> Any:
    return timezone.localdate()


def detail_url(case: Case, anchor: str = "") -> str:
    url = reverse("cases:detail", kwargs={"case_id": case.pk})
    return f"{url}#{anchor}" if anchor else url
