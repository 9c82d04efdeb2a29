"""Issue 14, acceptance 1: the look-up extract for a demo citizen lists every read with date,
unit and purpose, and contains no user's name."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.models import Unit
from cases.access_log import access_log_verify
from cases.models import AccessLog, Case
from core.demo import seed_all
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_the_extract_of_a_demo_citizen_lists_every_read_and_names_nobody(client):
    seed_all()
    reads = list(AccessLog.objects.exclude(case_id_logged=None).order_by("pk"))
    assert len(reads) >= 3
    case_id = reads[0].case_id_logged
    assert case_id is not None
    case = Case.objects.get(pk=case_id)
    karin = get_user_model().objects.get(username="karin")
    client.force_login(karin)
    today = timezone.localdate()
    response = client.get(
        reverse("reports:lookup_extract", kwargs={"citizen_id": case.citizen_id}),
        {"fra": str(today - timedelta(days=30)), "til": str(today), "format": "pdf"},
    )
    assert response.status_code == 200
    text = pdf_text(response.content)
    squeezed = text.replace(" ", "").replace("\u2010", "")

    units = dict(Unit.objects.values_list("pk", "name"))
    for entry in reads:
        when = timezone.localtime(entry.created_at)
        line = (
            f"{when:%d.%m.%Y}{when:%H:%M}"
            f"{units.get(entry.reader_unit_id_logged or 0, '')}{entry.purpose_label}"
        ).replace(" ", "")
        assert line.lower() in squeezed.lower(), line
    # Whole words ("Bo" is a name, "Borgerens" is not); a full name also without spaces, so a
    # line break in the PDF cannot hide it.
    joined = text.replace("\u2010 ", "")
    for user in get_user_model().objects.all():
        for name in {user.username, user.first_name, user.last_name}:
            assert not re.search(rf"\b{re.escape(name)}\b", joined), name
        assert user.get_full_name().replace(" ", "") not in squeezed, user.get_full_name()
    assert access_log_verify() == []
