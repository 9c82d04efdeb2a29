"""Whether the citizen has a job, recorded with the needs assessment's "work and education"
topic (DESIGN §5.12: the handover then prompts inviting the employer)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Case
from tests.cases.test_views import assessment_data


def test_the_assessment_page_records_that_the_citizen_has_a_job(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:assessment", kwargs={"case_id": case.pk}),
        assessment_data(case, has_job="true"),
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).has_job is True
    page = client.get(reverse("cases:assessment", kwargs={"case_id": case.pk}))
    assert 'name="has_job"' in page.content.decode()


def test_the_api_sets_has_job_and_keeps_it_when_left_out(caseworker, case):
    client = APIClient()
    client.force_login(caseworker)
    url = f"/api/v1/cases/{case.pk}/assessment/"
    body = {"substance_use": "Dagligt.", "work": "I arbejde."}

    first = client.put(url, {**body, "version": case.version, "has_job": True}, format="json")
    assert first.status_code == 200
    assert first.json()["has_job"] is True

    second = client.put(url, {**body, "version": first.json()["version"]}, format="json")
    assert second.status_code == 200
    assert Case.objects.get(pk=case.pk).has_job is True
