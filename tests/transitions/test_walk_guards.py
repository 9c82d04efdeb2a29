"""Issue 15, "guards found on the walk": each guard of DESIGN §5.13 that a new user ran into."""

from __future__ import annotations

import pytest
from django.urls import reverse

from transitions.models import StatusNote

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
