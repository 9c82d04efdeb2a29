"""Issue 15, "guards found on the walk": each guard of DESIGN §5.13 that a new user ran into."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from transitions import services
from transitions.models import ActionItem, StatusNote

from .conftest import login

pytestmark = pytest.mark.django_db


# --- the before-discharge kind always uses the structured form ---------------------------------


def test_plain_note_form_does_not_offer_the_before_discharge_kind(
    named_transition, residential_therapist
):
    url = reverse("transitions:note_create", kwargs={"case_id": named_transition.case_id})
    page = login(residential_therapist).get(url).content.decode()
    assert 'value="before_discharge"' not in page
    assert "?type=before_discharge" in page


def test_before_discharge_kind_from_the_plain_form_keeps_the_text(
    named_transition, residential_therapist
):
    url = reverse("transitions:note_create", kwargs={"case_id": named_transition.case_id})
    response = login(residential_therapist).post(
        url, {"kind": "before_discharge", "body": "Borgeren er klar, men boligen er usikker."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "ManagementForm" not in page
    assert "Borgeren er klar, men boligen er usikker." in page
    assert 'name="actions-TOTAL_FORMS"' in page  # the structured form, with its action list
    assert not StatusNote.objects.exists()


def test_structured_note_with_errors_keeps_what_was_typed(named_transition, residential_therapist):
    url = reverse("transitions:note_create", kwargs={"case_id": named_transition.case_id})
    response = login(residential_therapist).post(
        url,
        {
            "kind": "before_discharge",
            "summary": "Seks stabile uger.",
            "risks": "Ensomhed i weekenderne.",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-0-text": "Ring til boligselskabet",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    for typed in ("Seks stabile uger.", "Ensomhed i weekenderne.", "Ring til boligselskabet"):
        assert typed in page
    assert not StatusNote.objects.exists()


# --- dates keep their order --------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_discharge_planned_before_the_residential_start_is_refused_on_the_page(
    named_transition, caseworker
):
    start = named_transition.residential_episode.actual_start
    url = reverse("transitions:edit", kwargs={"case_id": named_transition.case_id})
    response = login(caseworker).post(url, {"planned_discharge_on": "2025-12-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Udskrivningen kan ikke planlægges før døgnopholdets start" in page
    assert start.strftime("%d.%m.%Y") in page
    assert 'value="2025-12-01"' in page  # what was typed stays in the field
    named_transition.refresh_from_db()
    assert named_transition.planned_discharge_on != date(2025, 12, 1)


def test_discharge_planned_before_the_residential_start_is_a_400_in_the_api(
    named_transition, caseworker
):
    response = api(caseworker).patch(
        f"/api/v1/transitions/{named_transition.pk}/",
        {"planned_discharge_on": "2025-12-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "planned_discharge_on" in response.json()


def test_action_due_in_the_past_is_refused_by_the_service(named_transition, caseworker):
    with pytest.raises(ValidationError) as error:
        services.action_item_create(
            transition=named_transition,
            actor=caseworker,
            text="Ring til boligselskabet",
            owner=caseworker,
            due_on=timezone.localdate() - timedelta(days=1),
        )
    assert "due_on" in error.value.message_dict
    assert not ActionItem.objects.filter(text="Ring til boligselskabet").exists()


def test_action_due_in_the_past_is_a_400_in_the_api(named_transition, caseworker):
    meeting = services.meeting_create(
        transition=named_transition,
        actor=caseworker,
        starts_at=timezone.now() + timedelta(days=2),
        place="Sydgården",
    )
    response = api(caseworker).post(
        f"/api/v1/meetings/{meeting.pk}/action-items/",
        {"text": "Ring", "owner": caseworker.pk, "due_on": "2026-03-15"},
        format="json",
    )
    assert response.status_code == 400
    assert "due_on" in response.json()


def test_note_action_due_in_the_past_is_a_form_error_that_keeps_the_text(
    named_transition, residential_therapist
):
    url = reverse("transitions:note_create", kwargs={"case_id": named_transition.case_id})
    response = login(residential_therapist).post(
        url,
        {
            "kind": "before_discharge",
            "severity": "stable",
            "summary": "Seks stabile uger.",
            "risks": "Ensomhed.",
            "contingency": "Ring samme dag.",
            "overdose_risk": "Naloxon udleveret.",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-text": "Ring til boligselskabet",
            "actions-0-owner_text": "Boligrådgiver",
            "actions-0-due_on": "2026-03-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fristen kan ikke ligge i fortiden." in page
    assert "Ring til boligselskabet" in page
    assert not StatusNote.objects.exists()
