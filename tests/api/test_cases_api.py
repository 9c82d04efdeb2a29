"""Cases over the API: the guarantee, CPR masking, filters, lifecycle, and a list whose query
count does not grow with the number of cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.access_log import access_log_verify
from cases.models import Case, CaseEvent
from tests import factories
from tests.clock import REMINDER_DAY, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_at():
    # The guarantee examples below are dated around 10 March 2026.
    return at(REMINDER_DAY)


def test_case_carries_its_guarantee(clock, client_for, caseworker, team_nord):
    case = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, inquiry_date=date(2026, 3, 2)
    )
    body = client_for(caseworker).get(f"/api/v1/cases/{case.pk}/").json()
    assert body["guarantee"] == {
        "deadline": "2026-03-16",
        "covered": True,
        "status": "running",
        "days_left": 6,
        "reason": "14 dage fra henvendelse 2026-03-02",
        "reason_code": "guarantee.running",
        "reason_values": {"days": 14, "inquiry": "2026-03-02", "deadline": "2026-03-16"},
    }


def test_anonymous_case_is_not_covered(clock, client_for, caseworker, team_nord):
    citizen = factories.CitizenFactory(cpr=None, birth_date=None, is_anonymous=True, alias="Bjørn")
    case = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, citizen=citizen, legal_basis="SEL101A"
    )
    guarantee = client_for(caseworker).get(f"/api/v1/cases/{case.pk}/").json()["guarantee"]
    assert guarantee["covered"] is False
    assert guarantee["status"] == "not_covered"
    assert guarantee["deadline"] is None
    assert "anonym" in guarantee["reason"]


def test_cpr_is_masked_by_default(case, client_for, caseworker):
    body = client_for(caseworker).get(f"/api/v1/cases/{case.pk}/").json()
    assert body["citizen"]["cpr"] == "120385-XXXX"


def test_caseworker_gets_full_cpr_in_a_detail_on_request(case, client_for, caseworker):
    client = client_for(caseworker)
    assert client.get(f"/api/v1/cases/{case.pk}/?cpr=full").json()["citizen"]["cpr"] == (
        "120385-1234"
    )
    citizen = client.get(f"/api/v1/citizens/{case.citizen_id}/?cpr=full").json()
    assert citizen["cpr"] == "120385-1234"
    # DESIGN §1: lists stay masked.
    listing = client.get("/api/v1/cases/?cpr=full").json()["results"]
    assert listing[0]["citizen"]["cpr"] == "120385-XXXX"


@pytest.mark.parametrize(
    ("user_fixture", "cpr"),
    [("manager", "120385-1234"), ("residential_therapist", "120385-XXXX")],
)
def test_full_cpr_follows_the_citizen_page_rule(request, handover, client_for, user_fixture, cpr):
    # The manager reads the citizen's page with the full number (read access is enough); a
    # therapist's role may not see citizens at all.
    client = client_for(request.getfixturevalue(user_fixture))
    body = client.get(f"/api/v1/cases/{handover.case.pk}/?cpr=full").json()
    assert body["citizen"]["cpr"] == cpr


def test_filters(clock, client_for, caseworker, other_team_caseworker, team_nord, team_syd):
    running = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, inquiry_date=date(2026, 3, 5)
    )
    breached = factories.CaseFactory(
        team=team_nord, caseworker=None, inquiry_date=date(2026, 1, 5), legal_basis="SUL141"
    )
    closed = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, inquiry_date=date(2025, 6, 1), status="closed"
    )
    factories.CaseFactory(team=team_syd, caseworker=other_team_caseworker)
    client = client_for(caseworker)

    def ids(query: str) -> set[int]:
        response = client.get(f"/api/v1/cases/?{query}")
        assert response.status_code == 200, response.content
        return {c["id"] for c in response.json()["results"]}

    assert ids("") == {running.pk, breached.pk, closed.pk}
    assert ids("status=closed") == {closed.pk}
    assert ids("status=inquiry&status=closed") == {running.pk, breached.pk, closed.pk}
    assert ids("legal_basis=SUL141") == {breached.pk}
    assert ids("guarantee_status=breached") == {breached.pk, closed.pk}
    assert ids("guarantee_status=running") == {running.pk}
    assert ids(f"caseworker={caseworker.pk}") == {running.pk, closed.pk}
    assert ids(f"team={team_nord.pk}") == {running.pk, breached.pk, closed.pk}
    assert ids("inquiry_from=2026-01-01&inquiry_to=2026-03-01") == {breached.pk}
    assert ids("ordering=oldest")
    first = client.get("/api/v1/cases/?ordering=urgency").json()["results"][0]
    assert first["id"] == breached.pk


@pytest.mark.parametrize(
    "query",
    [
        "status=nonsense",
        "guarantee_status=late",
        "inquiry_from=2026-02-30",
        "caseworker=abc",
        "team=99999999999999999999999",
        "citizen=-1",
    ],
)
def test_bad_filters_are_400(case, client_for, caseworker, query):
    response = client_for(caseworker).get(f"/api/v1/cases/?{query}")
    assert response.status_code == 400, response.content


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/cases/?cpr=full")
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_case_list_query_count_does_not_grow_with_cases(
    client_for, caseworker, team_nord, django_assert_max_num_queries
):
    client = client_for(caseworker)
    for _ in range(2):
        factories.CaseFactory(team=team_nord, caseworker=caseworker)
    client.get("/api/v1/cases/")  # warm-up: session, permission caches
    few = _list_queries(client)
    for _ in range(20):
        factories.CaseFactory(team=team_nord, caseworker=caseworker)
    with django_assert_max_num_queries(few):
        response = client.get("/api/v1/cases/?cpr=full")
    assert len(response.json()["results"]) == 22
    assert response.json()["next"] is None
    assert access_log_verify() == []


def test_open_case_and_move_it_through_the_lifecycle(client_for, caseworker, team_nord):
    client = client_for(caseworker)
    citizen = client.post(
        "/api/v1/citizens/",
        {"first_name": "Lars", "last_name": "Nielsen", "cpr": "0101901234"},
        format="json",
    )
    assert citizen.status_code == 201, citizen.content
    assert citizen.json()["cpr"] == "010190-XXXX"
    opened = client.post(
        "/api/v1/cases/",
        {
            "citizen": citizen.json()["id"],
            "legal_basis": "SUL141",
            "inquiry_date": str(date.today() - timedelta(days=1)),
            "substances": ["alcohol"],
        },
        format="json",
    )
    assert opened.status_code == 201, opened.content
    body = opened.json()
    assert body["team"]["id"] == team_nord.pk
    assert body["caseworker"]["id"] == caseworker.pk
    assert body["guarantee"]["status"] == "running"
    assert "start_assessment" in body["allowed_actions"]

    moved = client.post(
        f"/api/v1/cases/{body['id']}/move/",
        {"action": "start_assessment", "version": body["version"]},
        format="json",
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == "assessment"
    events = client.get(f"/api/v1/cases/{body['id']}/events/").json()["results"]
    assert [e["kind"] for e in events] == ["created", "status_changed"]


def test_move_the_table_does_not_allow_is_409_and_changes_nothing(case, client_for, caseworker):
    response = client_for(caseworker).post(
        f"/api/v1/cases/{case.pk}/move/", {"action": "start_aftercare"}, format="json"
    )
    assert response.status_code == 409
    assert Case.objects.get(pk=case.pk).status == "inquiry"
    assert not CaseEvent.objects.filter(case=case).exists()


def test_old_transition_path_still_moves_the_case_and_says_it_is_deprecated(
    case, client_for, caseworker
):
    response = client_for(caseworker).post(
        f"/api/v1/cases/{case.pk}/transition/", {"action": "start_assessment"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "assessment"
    assert Case.objects.get(pk=case.pk).status == "assessment"
    assert CaseEvent.objects.filter(case=case, kind="status_changed").count() == 1
    assert response["Deprecation"] == "@1796083200"  # RFC 9745: since 2026-12-01
    assert response["Link"] == f'</api/v1/cases/{case.pk}/move/>; rel="successor-version"'


@pytest.mark.parametrize(
    ("user_fixture", "action", "expected"),
    [("caseworker", "start_aftercare", 409), ("manager", "start_assessment", 403)],
)
def test_old_transition_path_refuses_as_move_does_and_says_it_is_deprecated(
    request, case, client_for, user_fixture, action, expected
):
    client = client_for(request.getfixturevalue(user_fixture))
    old = client.post(f"/api/v1/cases/{case.pk}/transition/", {"action": action}, format="json")
    new = client.post(f"/api/v1/cases/{case.pk}/move/", {"action": action}, format="json")
    assert old.status_code == new.status_code == expected
    assert old.json() == new.json()
    assert old["Deprecation"] == "@1796083200"
    assert "Deprecation" not in new
    assert Case.objects.get(pk=case.pk).status == "inquiry"


@pytest.mark.parametrize("user_fixture", ["caseworker", "manager", "residential_therapist"])
def test_allowed_actions_are_the_moves_the_case_page_offers_the_user(
    request, handover, client_for, client, user_fixture
):
    user = request.getfixturevalue(user_fixture)
    body = client_for(user).get(f"/api/v1/cases/{handover.case.pk}/").json()
    client.force_login(user)
    page = client.get(reverse("cases:detail", args=[handover.case.pk]))
    assert page.status_code == 200
    assert body["allowed_actions"] == [a["action"] for a in page.context["actions"]]


def test_a_manager_who_may_only_read_is_offered_no_moves(handover, client_for, manager):
    body = client_for(manager).get(f"/api/v1/cases/{handover.case.pk}/").json()
    assert body["allowed_actions"] == []


def test_guard_refusal_is_400_with_message(case, client_for, caseworker):
    client = client_for(caseworker)
    client.post(f"/api/v1/cases/{case.pk}/move/", {"action": "start_assessment"}, format="json")
    response = client.post(f"/api/v1/cases/{case.pk}/move/", {"action": "refer"}, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


def test_stale_case_version_is_409_and_changes_nothing(case, client_for, caseworker):
    response = client_for(caseworker).patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": case.version + 5, "inquiry_note": "Ny note"},
        format="json",
    )
    assert response.status_code == 409
    assert Case.objects.get(pk=case.pk).inquiry_note == ""


def test_decision_then_refer(case, client_for, caseworker, outpatient_offer):
    client = client_for(caseworker)
    body = client.post(
        f"/api/v1/cases/{case.pk}/move/", {"action": "start_assessment"}, format="json"
    ).json()
    decided = client.put(
        f"/api/v1/cases/{case.pk}/decision/",
        {
            "version": body["version"],
            "decision_date": str(date.today()),
            "decision_result": "granted",
            "decision_text": "Bevilget ambulant behandling.",
            "decision_complaint_guidance": True,
        },
        format="json",
    )
    assert decided.status_code == 200, decided.content
    referred = client.post(f"/api/v1/cases/{case.pk}/move/", {"action": "refer"}, format="json")
    assert referred.status_code == 200, referred.content
    episode = client.post(
        "/api/v1/episodes/",
        {"case": case.pk, "offer": outpatient_offer.pk, "referral_date": str(date.today())},
        format="json",
    )
    assert episode.status_code == 201, episode.content
    started = client.post(
        f"/api/v1/episodes/{episode.json()['id']}/start/",
        {"actual_start": str(date.today())},
        format="json",
    )
    assert started.status_code == 200, started.content
    guarantee = client.get(f"/api/v1/cases/{case.pk}/").json()["guarantee"]
    assert guarantee["status"] == "met"
