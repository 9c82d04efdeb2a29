"""Plan sections over the API use the same version check as the pages (DESIGN §5.1)."""

from __future__ import annotations

import pytest

from transitions.models import PlanSection

pytestmark = pytest.mark.django_db


def _url(handover, key="goals"):
    return f"/api/v1/transitions/{handover.transition.pk}/plan-sections/{key}/"


def test_save_based_on_current_version_creates_next_version(handover, client_for, caseworker):
    response = client_for(caseworker).put(
        _url(handover), {"text": "Arbejde igen til foråret", "version": 0}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 1
    assert response.json()["text"] == "Arbejde igen til foråret"
    assert PlanSection.objects.get(pk=handover.section.pk).text == "Arbejde igen til foråret"


def test_stale_update_gets_409_with_current_text_and_overwrites_nothing(
    handover, client_for, caseworker, residential_therapist
):
    first = client_for(residential_therapist).put(
        _url(handover), {"text": "Døgnets formulering", "version": 0}, format="json"
    )
    assert first.status_code == 200

    # The caseworker opened the section at version 0 and saves after the therapist did.
    stale = client_for(caseworker).patch(
        _url(handover), {"text": "Sagsbehandlerens formulering", "version": 0}, format="json"
    )

    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "plan_section_conflict"
    assert body["current"]["text"] == "Døgnets formulering"
    assert body["current"]["version"] == 1
    section = PlanSection.objects.get(pk=handover.section.pk)
    assert section.text == "Døgnets formulering"
    assert section.version == 1
    # Nothing typed is lost: the stale text is kept as a flagged version, not as the text.
    assert section.versions.filter(is_stale=True, text="Sagsbehandlerens formulering").exists()


def test_merge_after_conflict_saves_on_current_version(
    handover, client_for, caseworker, residential_therapist
):
    client_for(residential_therapist).put(
        _url(handover), {"text": "A", "version": 0}, format="json"
    )
    client_for(caseworker).put(_url(handover), {"text": "B", "version": 0}, format="json")
    merged = client_for(caseworker).put(
        _url(handover), {"text": "A og B", "version": 1}, format="json"
    )
    assert merged.status_code == 200
    assert merged.json()["text"] == "A og B"
    versions = client_for(caseworker).get(_url(handover) + "versions/").json()
    assert [v["text"] for v in versions] == ["A", "A og B"]


def test_different_sections_never_conflict(handover, client_for, caseworker, residential_therapist):
    a = client_for(residential_therapist).put(
        _url(handover, "goals"), {"text": "Mål", "version": 0}, format="json"
    )
    b = client_for(caseworker).put(
        _url(handover, "housing"), {"text": "Bolig", "version": 0}, format="json"
    )
    assert (a.status_code, b.status_code) == (200, 200)


def test_unknown_section_key_is_404(handover, client_for, caseworker):
    assert client_for(caseworker).get(_url(handover, "nonsense")).status_code == 404


def test_version_is_required(handover, client_for, caseworker):
    response = client_for(caseworker).put(_url(handover), {"text": "x"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
