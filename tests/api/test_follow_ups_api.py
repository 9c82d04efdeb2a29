"""/api/v1/cases/{id}/follow-ups/: the legal follow-up after the course (BEK 1477/2019 § 4),
under the case page's rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cases.guarantee import add_months
from notifications.models import FollowUp
from tests import factories
from tests.clock import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

END = TODAY - timedelta(days=40)


@pytest.fixture
def ended(caseworker, team_nord, outpatient_offer):
    case = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        status="aftercare",
        inquiry_date=END - timedelta(days=90),
        treatment_started_on=END - timedelta(days=60),
    )
    factories.EpisodeFactory(
        case=case,
        offer=outpatient_offer,
        request=case.requests.first(),
        referral_date=END - timedelta(days=70),
        actual_start=END - timedelta(days=60),
        actual_end=END,
        end_reason="completed",
    )
    return case


def url(case, tail=""):
    return f"/api/v1/cases/{case.pk}/follow-ups/{tail}"


def test_lists_both_follow_ups_of_the_course(client_for, caseworker, ended):
    response = client_for(caseworker).get(url(ended))
    assert response.status_code == 200
    rows = response.json()
    assert [(r["due_kind"], r["due_on"], r["outcome"]) for r in rows] == [
        ("1m", add_months(END, 1).isoformat(), ""),
        ("6m", add_months(END, 6).isoformat(), ""),
    ]


def test_not_reached_needs_the_attempts_as_on_the_page(client_for, caseworker, ended):
    client = client_for(caseworker)
    outcome = {"outcome": "not_reached", "done_on": TODAY.isoformat()}
    assert client.post(url(ended, "1m/outcome/"), outcome, format="json").status_code == 400
    for days in (3, 2, 1):
        day = (TODAY - timedelta(days=days)).isoformat()
        response = client.post(url(ended, "1m/attempts/"), {"attempted_on": day}, format="json")
        assert response.status_code == 201
    response = client.post(url(ended, "1m/outcome/"), outcome, format="json")
    assert response.status_code == 200
    assert response.json()["outcome"] == "not_reached"
    assert len(response.json()["attempts"]) == 3


def test_a_need_for_new_treatment_opens_a_request(client_for, caseworker, ended):
    response = client_for(caseworker).post(
        url(ended, "1m/outcome/"),
        {
            "outcome": "held",
            "done_on": TODAY.isoformat(),
            "use": "worse",
            "needs_new_treatment": True,
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["new_request"] == ended.requests.get(kind="renewed").pk
    assert FollowUp.objects.get().use == "worse"


def test_foreign_cases_are_404(client_for, other_team_caseworker, ended):
    client = client_for(other_team_caseworker)
    assert client.get(url(ended)).status_code == 404
    body = {"outcome": "held", "done_on": TODAY.isoformat()}
    assert client.post(url(ended, "1m/outcome/"), body, format="json").status_code == 404
    assert not FollowUp.objects.exists()


def test_a_manager_reads_but_does_not_record(client_for, manager, ended):
    client = client_for(manager)
    assert client.get(url(ended)).status_code == 200
    body = {"outcome": "held", "done_on": TODAY.isoformat()}
    assert client.post(url(ended, "1m/outcome/"), body, format="json").status_code == 403
