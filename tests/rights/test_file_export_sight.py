"""The access-to-file export holds every case of the citizen, so it is made only by a user who
sees all of them: a caseworker whose citizen also has a case in another team is refused (403,
page and API), and sees none of the other team's records."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from rights.models import FileExport
from tests import factories as f

pytestmark = pytest.mark.django_db

API_URL = "/api/v1/file-exports/"


@pytest.fixture
def citizen(team_nord, team_syd, caseworker, other_team_caseworker):
    citizen = f.CitizenFactory()
    f.CaseFactory(citizen=citizen, team=team_nord, caseworker=caseworker, status="closed")
    f.CaseFactory(citizen=citizen, team=team_syd, caseworker=other_team_caseworker)
    return citizen


def start_url(citizen):
    return reverse("rights:file_export_start", kwargs={"citizen_id": citizen.pk})


def test_a_caseworker_who_sees_only_some_of_the_cases_is_refused_on_the_page(
    client, caseworker, citizen
):
    client.force_login(caseworker)
    response = client.post(start_url(citizen))
    assert response.status_code == 403
    assert "Borgeren har sager, som du ikke har adgang til" in response.content.decode()
    assert not FileExport.objects.filter(citizen=citizen).exists()


def test_and_in_the_api_with_a_structured_error(caseworker, citizen):
    api = APIClient()
    api.force_login(caseworker)
    response = api.post(API_URL, {"citizen": citizen.pk}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "cases_out_of_sight"
    assert not FileExport.objects.filter(citizen=citizen).exists()


def test_an_export_already_started_cannot_be_reviewed_once_a_case_is_out_of_sight(
    client, caseworker, team_nord, team_syd, other_team_caseworker
):
    citizen = f.CitizenFactory()
    f.CaseFactory(citizen=citizen, team=team_nord, caseworker=caseworker, status="closed")
    client.force_login(caseworker)
    assert client.post(start_url(citizen)).status_code == 302
    export = FileExport.objects.get(citizen=citizen)
    review = reverse("rights:file_export_review", kwargs={"export_id": export.pk})
    assert client.get(review).status_code == 200
    f.CaseFactory(citizen=citizen, team=team_syd, caseworker=other_team_caseworker)
    assert client.get(review).status_code == 403


def test_a_user_who_sees_every_case_may_start(client, caseworker, team_nord):
    citizen = f.CitizenFactory()
    f.CaseFactory(citizen=citizen, team=team_nord, caseworker=caseworker, status="closed")
    f.CaseFactory(citizen=citizen, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    assert client.post(start_url(citizen)).status_code == 302
    assert FileExport.objects.filter(citizen=citizen, status="review").count() == 1
