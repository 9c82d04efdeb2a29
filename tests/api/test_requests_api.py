"""/api/v1/requests/: treatment requests with their own clocks, under the pages' rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cases.models import TreatmentRequest
from tests import factories
from tests.clock import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def treated(caseworker, team_nord):
    """A SEL § 101 case in aftercare (its first request met)."""
    return factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        status="aftercare",
        inquiry_date=TODAY - timedelta(days=60),
        treatment_started_on=TODAY - timedelta(days=55),
    )


def test_list_and_detail_carry_each_requests_clock(client_for, caseworker, treated):
    client = client_for(caseworker)

    listed = client.get("/api/v1/requests/", {"case": treated.pk}).json()["results"]
    detail = client.get(f"/api/v1/requests/{listed[0]['id']}/").json()

    assert len(listed) == 1
    assert detail["kind"] == "first"
    assert detail["guarantee"]["status"] == "met"
    assert detail["is_open_clock"] is False
    assert detail["needs_decision"] is True


def test_create_a_renewed_request_with_its_own_clock(client_for, caseworker, treated):
    response = client_for(caseworker).post(
        "/api/v1/requests/",
        {
            "case": treated.pk,
            "kind": "renewed",
            "legal_basis": "SEL101",
            "requested_on": (TODAY - timedelta(days=2)).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["guarantee"]["deadline"] == (TODAY + timedelta(days=12)).isoformat()
    assert body["guarantee"]["status"] == "running"
    case = client_for(caseworker).get(f"/api/v1/cases/{treated.pk}/").json()
    assert len(case["requests"]) == 2
    assert case["guarantee"]["status"] == "running"


def test_a_request_in_the_future_is_a_400_with_the_field(client_for, caseworker, treated):
    response = client_for(caseworker).post(
        "/api/v1/requests/",
        {
            "case": treated.pk,
            "kind": "renewed",
            "legal_basis": "SEL101",
            "requested_on": (TODAY + timedelta(days=1)).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert "requested_on" in response.json()
    assert TreatmentRequest.objects.filter(case=treated).count() == 1


def test_an_outsider_gets_404_and_a_manager_403(
    client_for, other_team_caseworker, manager, treated
):
    request_id = treated.requests.get().pk
    assert client_for(other_team_caseworker).get(f"/api/v1/requests/{request_id}/").status_code == (
        404
    )
    payload = {
        "case": treated.pk,
        "kind": "renewed",
        "legal_basis": "SEL101",
        "requested_on": TODAY.isoformat(),
    }
    # An invisible case is "not found" as a field error, exactly as a case that does not exist.
    hidden = client_for(other_team_caseworker).post("/api/v1/requests/", payload, format="json")
    missing = client_for(other_team_caseworker).post(
        "/api/v1/requests/", {**payload, "case": 999999}, format="json"
    )
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())
    assert hidden.status_code == 400
    assert client_for(manager).post("/api/v1/requests/", payload, format="json").status_code == 403


def test_the_doctors_consultation_is_recorded_over_the_api(client_for, caseworker, team_nord):
    case = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, inquiry_date=TODAY - timedelta(days=3)
    )
    request_id = case.requests.get().pk
    client = client_for(caseworker)

    response = client.patch(
        f"/api/v1/requests/{request_id}/",
        {
            "doctor_consultation_offered_on": (TODAY - timedelta(days=2)).isoformat(),
            "doctor_consultation_declined_on": TODAY.isoformat(),
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["doctor_consultation_declined_on"] == TODAY.isoformat()
    both = client.patch(
        f"/api/v1/requests/{request_id}/",
        {"doctor_consultation_held_on": TODAY.isoformat()},
        format="json",
    )
    assert both.status_code == 400


def test_refer_over_the_api_checks_the_free_choice_type(
    client_for, caseworker, team_nord, outpatient_offer, residential_offer
):
    case = factories.CaseFactory(team=team_nord, caseworker=caseworker)
    client = client_for(caseworker)
    base = {"case": case.pk, "referral_date": TODAY.isoformat()}
    assert (
        client.post(
            "/api/v1/episodes/", {**base, "offer": outpatient_offer.pk}, format="json"
        ).status_code
        == 201
    )

    response = client.post(
        "/api/v1/episodes/",
        {**base, "offer": residential_offer.pk, "free_choice": True},
        format="json",
    )

    assert response.status_code == 400
    assert "offer" in response.json()
