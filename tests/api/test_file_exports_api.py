"""/api/v1/file-exports/: access to the file under the same rules as the pages (issue 14)."""

from __future__ import annotations

import pytest

from cases.models import AccessLog, Disclosure, DisclosureBasis
from rights.file_export import REDACTED
from tests.reports.conftest import pdf_text
from tests.rights.file_export_data import citizen_with_every_record

pytestmark = pytest.mark.django_db

URL = "/api/v1/file-exports/"


@pytest.fixture
def citizen(team_nord, caseworker):
    return citizen_with_every_record(team=team_nord, caseworker=caseworker)


def created(api, citizen):
    response = api.post(URL, {"citizen": citizen.pk}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def decide(api, export_id, fields, decision="approved"):
    decisions = [
        {
            "model": f["model"],
            "record_id": f["record_id"],
            "field": f["field"],
            "decision": decision,
        }
        for f in fields
    ]
    return api.post(f"{URL}{export_id}/decisions/", {"decisions": decisions}, format="json")


def test_create_review_decide_and_release(client_for, caseworker, citizen):
    api = client_for(caseworker)
    export = created(api, citizen)
    assert export["status"] == "review"
    assert export["pending"] > 0

    fields = api.get(f"{URL}{export['id']}/fields/").json()
    assert len(fields) == export["pending"]
    assert {"model", "record_id", "field", "value", "decision"} <= set(fields[0])
    assert AccessLog.objects.order_by("-pk")[0].purpose == "citizen_request"

    assert api.post(f"{URL}{export['id']}/release/").status_code == 409
    assert api.get(f"{URL}{export['id']}/json/").status_code == 409
    assert api.get(f"{URL}{export['id']}/pdf/").status_code == 409

    participant = fields[0]
    assert decide(api, export["id"], [participant], "redacted").status_code == 200
    response = decide(api, export["id"], [f for f in fields if f is not participant])
    assert response.status_code == 200
    assert response.json()["pending"] == 0

    released = api.post(f"{URL}{export['id']}/release/")
    assert released.status_code == 200
    assert released.json()["status"] == "released"
    assert Disclosure.objects.filter(case__citizen=citizen, basis=DisclosureBasis.FVL9).count() == 1

    data = api.get(f"{URL}{export['id']}/json/")
    assert data.status_code == 200
    section = next(s for s in data.json()["sections"] if s["model"] == participant["model"])
    record = next(r for r in section["records"] if r["id"] == participant["record_id"])
    assert record["fields"][participant["field"]] == REDACTED
    pdf = api.get(f"{URL}{export['id']}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert REDACTED in pdf_text(pdf.content)
    # Released once.
    assert api.post(f"{URL}{export['id']}/release/").status_code == 409
    assert decide(api, export["id"], [participant]).status_code == 409


def test_a_decision_on_a_field_not_up_for_review_is_a_400(client_for, caseworker, citizen):
    api = client_for(caseworker)
    export = created(api, citizen)
    unknown = {"model": "cases.Case", "record_id": 999999, "field": "decision_text"}
    assert decide(api, export["id"], [unknown]).status_code == 400
    bad = {**unknown, "decision": "maybe"}
    response = api.post(f"{URL}{export['id']}/decisions/", {"decisions": [bad]}, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [
        ("manager", 201),
        ("other_team_caseworker", 404),
        ("other_unit_manager", 404),
        ("residential_therapist", 403),
    ],
)
def test_who_may_create(client_for, request, citizen, user_fixture, expected):
    api = client_for(request.getfixturevalue(user_fixture))
    assert api.post(URL, {"citizen": citizen.pk}, format="json").status_code == expected


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [("other_team_caseworker", 404), ("other_unit_manager", 404), ("residential_therapist", 403)],
)
def test_others_get_403_or_404_on_every_endpoint(
    client_for, request, caseworker, citizen, user_fixture, expected
):
    export = created(client_for(caseworker), citizen)
    api = client_for(request.getfixturevalue(user_fixture))
    base = f"{URL}{export['id']}/"
    assert api.get(base).status_code == expected
    assert api.get(f"{base}fields/").status_code == expected
    assert api.post(f"{base}decisions/", {"decisions": []}, format="json").status_code == expected
    assert api.post(f"{base}release/").status_code == expected
    assert api.get(f"{base}json/").status_code == expected
    assert api.get(f"{base}pdf/").status_code == expected


def test_anonymous_gets_401(anonymous_client, citizen):
    assert anonymous_client.post(URL, {"citizen": citizen.pk}, format="json").status_code == 401


def test_the_endpoints_are_in_the_schema(client_for, caseworker):
    schema = client_for(caseworker).get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in ("", "{id}/", "{id}/fields/", "{id}/decisions/", "{id}/release/", "{id}/json/"):
        assert f"/api/v1/file-exports/{path}" in paths
    assert "409" in paths["/api/v1/file-exports/{id}/release/"]["post"]["responses"]
