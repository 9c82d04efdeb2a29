"""The demo data has an access-to-file export awaiting review, which the caseworker can open
and release once every flagged field is decided."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.demo import seed_all
from rights.file_export import file_export_review
from rights.models import FileExport

pytestmark = pytest.mark.django_db


def test_the_demo_export_awaits_review_and_the_caseworker_can_open_it(client):
    seed_all()
    export = FileExport.objects.get()
    assert export.status == "review"
    items = file_export_review(export)
    assert items
    client.force_login(get_user_model().objects.get(username="karin"))
    response = client.get(reverse("rights:file_export_review", kwargs={"export_id": export.pk}))
    assert response.status_code == 200
    release = reverse("rights:file_export_release", kwargs={"export_id": export.pk})
    assert client.post(release).status_code == 409
