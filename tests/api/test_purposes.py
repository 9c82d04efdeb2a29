"""The API's ?purpose= (DESIGN §10): a documented enum, 400 where the context does not decide
and none is given; lists never ask."""

from __future__ import annotations

import pytest

from cases.models import AccessLog
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(team_nord, caseworker):
    return factories.CaseFactory(team=team_nord, caseworker=caseworker, status="closed")


def test_the_api_answers_400_when_the_context_does_not_decide_and_no_purpose_is_given(
    client_for, manager, closed_case
):
    api = client_for(manager)
    response = api.get(f"/api/v1/cases/{closed_case.pk}/")
    assert response.status_code == 400
    assert list(response.json()) == ["purpose"]
    assert not AccessLog.objects.exists()

    response = api.get(f"/api/v1/cases/{closed_case.pk}/", {"purpose": "oversight"})
    assert response.status_code == 200
    assert AccessLog.objects.get().purpose == "oversight"


def test_the_api_lists_without_asking(client_for, manager, closed_case):
    response = client_for(manager).get("/api/v1/cases/")
    assert response.status_code == 200
    assert AccessLog.objects.get().purpose == "list"


def test_the_schema_documents_the_purpose_enum(client_for, manager):
    schema = client_for(manager).get("/api/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/cases/{id}/"]["get"]["parameters"]
    purpose = next(p for p in parameters if p["name"] == "purpose")
    assert sorted(purpose["schema"]["enum"]) == [
        "case_work",
        "citizen_request",
        "oversight",
        "treatment",
    ]
    assert not any(p["name"] == "formaal" for p in parameters)


def test_the_extract_takes_any_valid_date(client_for, caseworker, case):
    url = f"/api/v1/citizens/{case.citizen_id}/lookups/"
    response = client_for(caseworker).get(url, {"start": "0001-01-01", "end": "9999-12-31"})
    assert response.status_code == 200
