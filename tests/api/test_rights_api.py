"""/api/v1/cases/{id}/access-requests/, /complaints/, /rectifications/ (issue 14): the rules of
the pages, exact status codes and structured errors, and the operations in the schema."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rights.models import AccessRequest, Complaint, LegalHold
from tests import factories
from tests.clock import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def url(case, tail):
    return f"/api/v1/cases/{case.pk}/{tail}"


def test_registering_an_access_request_places_the_hold(client_for, caseworker, case):
    response = client_for(caseworker).post(
        url(case, "access-requests/"),
        {"kind": "offentlighedsloven", "received_on": TODAY.isoformat()},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["deadline_on"] == "2026-03-25"
    assert body["status"] == "open"
    assert body["hold"]["lifted_at"] is None
    assert LegalHold.objects.filter(citizen=case.citizen, lifted_at__isnull=True).count() == 1


def test_closing_lifts_the_hold(client_for, caseworker, case):
    client = client_for(caseworker)
    created = client.post(
        url(case, "access-requests/"),
        {"kind": "gdpr", "received_on": TODAY.isoformat()},
        format="json",
    ).json()
    response = client.post(
        url(case, f"access-requests/{created['id']}/close/"),
        {"status": "refused", "closed_on": TODAY.isoformat()},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["hold"]["lifted_at"] is not None
    again = client.post(
        url(case, f"access-requests/{created['id']}/close/"),
        {"status": "answered", "closed_on": TODAY.isoformat()},
        format="json",
    )
    assert again.status_code == 400
    assert "non_field_errors" in again.json()


def test_a_future_date_is_a_field_error(client_for, caseworker, case):
    response = client_for(caseworker).post(
        url(case, "access-requests/"),
        {"kind": "gdpr", "received_on": (TODAY + timedelta(days=1)).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "received_on" in response.json()
    assert not AccessRequest.objects.exists()


def test_an_unknown_field_is_refused(client_for, caseworker, case):
    response = client_for(caseworker).post(
        url(case, "access-requests/"),
        {"kind": "gdpr", "received_on": TODAY.isoformat(), "deadline_on": "2030-01-01"},
        format="json",
    )
    assert response.status_code == 400


def test_a_complaint_is_registered_forwarded_and_decided(client_for, manager, case):
    client = client_for(manager)
    created = client.post(
        url(case, "complaints/"),
        {"received_on": TODAY.isoformat(), "about": "decision"},
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    forwarded = client.post(
        url(case, f"complaints/{pk}/forward/"), {"on": TODAY.isoformat()}, format="json"
    )
    assert forwarded.status_code == 200
    assert forwarded.json()["status"] == "forwarded"
    decided = client.post(
        url(case, f"complaints/{pk}/decide/"), {"on": TODAY.isoformat()}, format="json"
    )
    assert decided.status_code == 200
    assert Complaint.objects.get().status == "decided"
    assert not LegalHold.objects.get().is_open
    listed = client.get(url(case, "complaints/"))
    assert listed.status_code == 200
    assert [row["status"] for row in listed.json()] == ["decided"]


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("caseworker", 200),
        ("manager", 200),
        ("other_team_caseworker", 404),
        ("residential_therapist", 403),
        (None, 401),
    ],
)
def test_who_may_read_the_access_requests(request, client_for, residential_case, user, status):
    actor = request.getfixturevalue(user) if user else None
    response = client_for(actor).get(url(residential_case, "access-requests/"))
    assert response.status_code == status
    if status >= 400:
        assert "code" in response.json()


def test_a_rectification_keeps_the_old_value(client_for, caseworker, case):
    client = client_for(caseworker)
    response = client.post(
        url(case, "rectifications/"),
        {"field": "citizen.first_name", "new_value": "Mete", "reason": "Stavet som i CPR"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["old_value"], body["new_value"], body["rectified_by"]["id"]) == (
        "Mette",
        "Mete",
        caseworker.pk,
    )
    listed = client.get(url(case, "rectifications/")).json()
    assert [row["field"] for row in listed] == ["first_name"]


def test_a_rectification_without_a_reason_is_a_field_error(client_for, caseworker, case):
    response = client_for(caseworker).post(
        url(case, "rectifications/"),
        {"field": "citizen.first_name", "new_value": "Mete", "reason": ""},
        format="json",
    )
    assert response.status_code == 400
    assert "reason" in response.json()


def test_a_therapist_may_not_rectify(client_for, residential_therapist, residential_case):
    response = client_for(residential_therapist).post(
        url(residential_case, "rectifications/"),
        {"field": "case.inquiry_date", "new_value": TODAY.isoformat(), "reason": "x"},
        format="json",
    )
    assert response.status_code == 403


def test_the_operations_are_in_the_schema(client_for, caseworker):
    schema = client_for(caseworker).get("/api/schema/?format=json").json()
    paths = schema["paths"]
    assert "post" in paths["/api/v1/cases/{id}/access-requests/"]
    assert "get" in paths["/api/v1/cases/{id}/access-requests/"]
    assert "/api/v1/cases/{id}/access-requests/{request_pk}/close/" in paths
    assert "/api/v1/cases/{id}/complaints/{complaint_pk}/{step}/" in paths
    assert "post" in paths["/api/v1/cases/{id}/rectifications/"]


def test_a_later_requests_date_is_rectified_by_naming_the_request(client_for, caseworker, case):
    later = factories.TreatmentRequestFactory(case=case, requested_on=TODAY)
    client = client_for(caseworker)
    body = {"field": "request.requested_on", "new_value": "2026-03-13", "reason": "Poststempel"}
    missing = client.post(url(case, "rectifications/"), body, format="json")
    assert missing.status_code == 400
    assert "request" in missing.json()
    response = client.post(
        url(case, "rectifications/"), {**body, "request": later.pk}, format="json"
    )
    assert response.status_code == 201
    later.refresh_from_db()
    assert later.requested_on.isoformat() == "2026-03-13"
