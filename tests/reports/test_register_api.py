"""The register extracts and the check list in the API (issue 13: everything under the same
rules as the pages): the same bytes as the page's file, the same rows as the page's list, the
unit's managers only, bad input as a 400 with the field, every call in the access log."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import AccessLog
from tests.reports.test_register_extract import golden


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def extract_url(unit):
    return reverse("api:register-extract", kwargs={"unit_id": unit.pk})


def check_url(unit):
    return reverse("api:register-check", kwargs={"unit_id": unit.pk})


@pytest.mark.parametrize("register", ["stof-social", "stof-medicinsk", "alkohol"])
def test_the_api_extract_is_the_pages_file_byte_for_byte(manager, team_nord, october, register):
    response = api_for(manager).get(
        extract_url(team_nord), {"register": register, "month": "2026-10"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content == golden(register, october)
    entry = AccessLog.objects.get(object_type="register_extract")
    assert (entry.action, entry.purpose, entry.object_id) == (
        "api",
        "register",
        f"{register}:2026-10",
    )


def test_the_api_check_list_has_the_pages_rows_with_problem_codes(manager, team_nord, october):
    response = api_for(manager).get(check_url(team_nord), {"month": "2026-10"})

    assert response.status_code == 200
    body = response.json()
    assert body["month"] == "2026-10"
    assert {
        (row["case_number"], row["register"], tuple(row["problems"])) for row in body["rows"]
    } == {
        ("2026-00103", "alkohol", ("enrolment",)),
        ("2026-00108", "stof-social", ("end_status",)),
        ("2026-00110", "stof-social", ("decision_date",)),
    }
    assert "241290" not in response.content.decode()
    assert AccessLog.objects.filter(object_type="register_check", action="api").count() == 1


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [("caseworker", 403), ("outpatient_therapist", 403), ("other_unit_manager", 404)],
)
def test_only_the_units_manager_gets_them(request, team_nord, user_fixture, expected):
    client = api_for(request.getfixturevalue(user_fixture))
    assert (
        client.get(extract_url(team_nord), {"register": "alkohol", "month": "2026-10"}).status_code
        == expected
    )
    assert client.get(check_url(team_nord), {"month": "2026-10"}).status_code == expected
    assert not AccessLog.objects.exists()


def test_without_credentials_nothing_is_shown(team_nord):
    response = APIClient().get(check_url(team_nord), {"month": "2026-10"})
    assert response.status_code in (401, 403)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"register": "stof-social", "month": "1999-01"}, "month"),
        ({"register": "stof-social"}, "month"),
        ({"register": "anonym", "month": "2026-10"}, "register"),
    ],
)
def test_bad_input_is_a_400_with_the_field(manager, team_nord, params, field):
    response = api_for(manager).get(extract_url(team_nord), params)
    assert response.status_code == 400
    assert field in response.json()
    assert not AccessLog.objects.exists()
