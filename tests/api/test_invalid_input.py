"""Invalid input gets a 400 with field errors, never a 500 (DESIGN §8)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cases.models import Citizen

pytestmark = pytest.mark.django_db

LONG = "x" * 100_000


@pytest.fixture
def client(client_for, caseworker):
    return client_for(caseworker)


def _post(client, url, body):
    return client.post(url, body, format="json")


def test_unknown_field_is_rejected(client, case):
    response = client.patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": case.version, "inquiry_notee": "typo"},
        format="json",
    )
    assert response.status_code == 400
    assert "inquiry_notee" in response.json()


def test_wrong_types_give_field_errors(client, case):
    response = client.patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": "one", "regional_dual_diagnosis": "maybe", "substances": "alcohol"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"version", "regional_dual_diagnosis", "substances"}


def test_impossible_date_is_400(client, case):
    response = _post(
        client,
        "/api/v1/cases/",
        {"citizen": case.citizen_id, "legal_basis": "SEL101", "inquiry_date": "2026-02-30"},
    )
    assert response.status_code == 400
    assert "inquiry_date" in response.json()


def test_episode_start_before_the_inquiry_is_400(client, case, outpatient_offer):
    referred = _post(
        client,
        "/api/v1/episodes/",
        {"case": case.pk, "offer": outpatient_offer.pk, "referral_date": str(case.inquiry_date)},
    )
    assert referred.status_code == 201, referred.content
    response = _post(
        client,
        f"/api/v1/episodes/{referred.json()['id']}/start/",
        {"actual_start": str(case.inquiry_date - timedelta(days=3))},
    )
    assert response.status_code == 400
    assert "actual_start" in response.json()


def test_future_inquiry_date_is_400(client, case):
    case.status = "closed"
    case.save()
    response = _post(
        client,
        "/api/v1/cases/",
        {
            "citizen": case.citizen_id,
            "legal_basis": "SEL101",
            "inquiry_date": str(date.today() + timedelta(days=2)),
        },
    )
    assert response.status_code == 400
    assert "inquiry_date" in response.json()


def test_100000_character_string_is_400(client, handover):
    response = client.put(
        f"/api/v1/transitions/{handover.transition.pk}/plan-sections/goals/",
        {"text": LONG, "version": 0},
        format="json",
    )
    assert response.status_code == 400
    assert "text" in response.json()


def test_long_unknown_field_name_is_400(client, case):
    response = client.patch(
        f"/api/v1/cases/{case.pk}/", {"version": case.version, LONG: 1}, format="json"
    )
    assert response.status_code == 400


def test_nul_byte_is_a_field_error(client):
    response = _post(client, "/api/v1/citizens/", {"first_name": "Ma\x00ja", "last_name": "Ny"})
    assert response.status_code == 400
    assert "first_name" in response.json()
    assert not Citizen.objects.filter(last_name="Ny").exists()


def test_nul_byte_in_a_list_item_is_a_field_error(client, handover):
    response = _post(
        client,
        f"/api/v1/checkins/{handover.checkin.pk}/answer/",
        {"answer": "Bolig", "themes": ["housing\x00"]},
    )
    assert response.status_code == 400
    assert "themes" in response.json()


def test_non_utf8_body_is_400(client):
    response = client.post(
        "/api/v1/citizens/",
        data=b'{"first_name": "\xff\xfe"}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_unparseable_json_is_400(client):
    response = client.post(
        "/api/v1/citizens/", data=b'{"first_name": ', content_type="application/json"
    )
    assert response.status_code == 400


def test_json_that_is_not_an_object_is_400(client):
    response = client.post("/api/v1/citizens/", data=b"[1, 2]", content_type="application/json")
    assert response.status_code == 400


def test_form_encoded_body_is_415(client):
    response = client.post("/api/v1/citizens/", {"first_name": "A"})
    assert response.status_code == 415


def test_service_validation_error_becomes_field_errors(client):
    response = _post(client, "/api/v1/citizens/", {"first_name": "A", "cpr": "311399-1234"})
    assert response.status_code == 400
    assert "cpr" in response.json()


def test_duplicate_cpr_is_400(client, case):
    response = _post(client, "/api/v1/citizens/", {"first_name": "B", "cpr": "120385-1234"})
    assert response.status_code == 400
    assert "cpr" in response.json()


def test_second_open_case_for_a_citizen_is_400(client, case):
    response = _post(
        client,
        "/api/v1/cases/",
        {"citizen": case.citizen_id, "legal_basis": "SEL101", "inquiry_date": str(date.today())},
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


@pytest.mark.parametrize("pk", ["99999999999999999999999", "9223372036854775808"])
def test_huge_ids_are_not_found_or_invalid(client, case, pk):
    assert client.get(f"/api/v1/cases/{pk}/").status_code == 404
    response = _post(
        client,
        "/api/v1/episodes/",
        {"case": int(pk), "offer": int(pk), "referral_date": str(date.today())},
    )
    assert response.status_code == 400


def test_invisible_parent_in_a_create_is_the_same_as_a_missing_one(
    client_for, other_team_caseworker, handover
):
    client = client_for(other_team_caseworker)
    hidden = _post(
        client, "/api/v1/status-notes/", {"transition": handover.transition.pk, "kind": "start"}
    )
    missing = _post(client, "/api/v1/status-notes/", {"transition": 987654, "kind": "start"})
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json() == missing.json()


def test_page_out_of_range_is_404_not_500(client, case):
    assert client.get("/api/v1/episodes/?page=9999").status_code == 404
    # The cursor lists: a cursor the API did not make (api.pagination).
    assert client.get("/api/v1/cases/?cursor=n9999").status_code == 404
