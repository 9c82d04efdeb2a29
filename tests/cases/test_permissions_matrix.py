"""Who gets what on every case URL (STYLE §5): one matrix of (user, URL, method) -> status.

- anonymous: 302 to the login page;
- unrelated users: 404, never a hint that the case exists;
- a user who may only read: 200 on reading pages, 403 on writes;
- related users: 200 on pages and forms, 302 after a write (or 200: the form again with an
  error, where the scenario's state refuses the write).

The scenario: `case` (Team Nord, assigned to `caseworker`) with a consent and a referral to
the outpatient unit that has not started yet, so the outpatient therapist's institution holds the
case too.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from cases import services
from tests import factories
from tests.clock import TODAY
from tests.conftest import ALL_USER_FIXTURES
from transitions.services import transition_create_for_episode
from treatment_options import services as episode_services

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def scenario(case, caseworker, outpatient_offer):
    consent = factories.ConsentFactory(case=case, recorded_by=caseworker)
    episode = factories.EpisodeFactory(case=case, offer=outpatient_offer, referral_date=TODAY)
    # Decided, so that recording the start is allowed where the user may (issue 12).
    case.requests.update(decision_on=case.inquiry_date, decision_text="Bevilget.")
    return {"case": case, "consent": consent, "episode": episode}


# How each user relates to the scenario's case.
WRITER = "writer"  # the assigned caseworker
MANAGER = "manager"  # reads the unit's cases, may reassign
INSTITUTION = "institution"  # staff of the unit with the open episode: reads, works on episodes
OUTSIDER = "outsider"

RELATION = {
    "caseworker": WRITER,
    "manager": MANAGER,
    "outpatient_therapist": INSTITUTION,
    "other_team_caseworker": OUTSIDER,
    "other_unit_manager": OUTSIDER,
    "residential_therapist": OUTSIDER,
    "admin_user": OUTSIDER,
}
assert set(RELATION) == set(ALL_USER_FIXTURES)

READ = {WRITER: 200, MANAGER: 200, INSTITUTION: 200}
# A write form: shown to the writer, refused to those who only read.
WRITE_FORM = {WRITER: 200, MANAGER: 403, INSTITUTION: 403}
# A write that succeeds redirects (post/redirect/get).
WRITE = {WRITER: 302, MANAGER: 403, INSTITUTION: 403}
GET_ONLY_POSTED = {WRITER: 405, MANAGER: 405, INSTITUTION: 405}
POST_ONLY_GOT = GET_ONLY_POSTED
EPISODE_WRITE = {WRITER: 302, MANAGER: 403, INSTITUTION: 302}

# (url name, kwargs builder, {method: {relation: status}}); outsiders always get 404.
CASE_URLS = [
    ("cases:detail", "case", {"get": READ, "post": GET_ONLY_POSTED}),
    ("cases:timeline", "case", {"get": READ, "post": GET_ONLY_POSTED}),
    ("cases:move", "case", {"get": POST_ONLY_GOT, "post": WRITE}),
    ("cases:assessment", "case", {"get": WRITE_FORM, "post": WRITE}),
    ("cases:decision", "case", {"get": WRITE_FORM, "post": WRITE}),
    (
        "cases:reassign",
        "case",
        {
            "get": {WRITER: 200, MANAGER: 200, INSTITUTION: 403},
            "post": {WRITER: 302, MANAGER: 302, INSTITUTION: 403},
        },
    ),
    ("cases:consent_create", "case", {"get": WRITE_FORM, "post": WRITE}),
    ("cases:consent_withdraw", "consent", {"get": WRITE_FORM, "post": WRITE}),
    (
        "treatment_options:episode_refer",
        "case",
        # The writer gets the form again: the case already has an open referral to the offer.
        {"get": WRITE_FORM, "post": {WRITER: 200, MANAGER: 403, INSTITUTION: 403}},
    ),
    ("treatment_options:episode_detail", "episode", {"get": READ, "post": GET_ONLY_POSTED}),
    ("treatment_options:episode_start", "episode", {"get": POST_ONLY_GOT, "post": EPISODE_WRITE}),
    ("treatment_options:episode_plan", "episode", {"get": READ, "post": EPISODE_WRITE}),
    (
        "treatment_options:episode_end",
        "episode",
        # Those who may end it get the episode page again: a referral not started cannot end.
        {"get": POST_ONLY_GOT, "post": {WRITER: 200, MANAGER: 403, INSTITUTION: 200}},
    ),
]

POST_DATA = {
    "cases:move": lambda s: {"action": "start_assessment"},
    "cases:assessment": lambda s: {
        "version": s["case"].version,
        "substance_use": "x",
        "social": "",
        "health": "",
        "work": "",
        "housing": "",
        "other": "",
    },
    "cases:decision": lambda s: {
        "version": s["case"].version,
        "decision_date": TODAY.isoformat(),
        "decision_result": "granted",
        "decision_text": "Bevilget.",
        "decision_complaint_guidance": "on",
    },
    "cases:reassign": lambda s: {"caseworker": s["case"].caseworker_id},
    "cases:consent_create": lambda s: {
        "party_kind": "relative",
        "party_name": "Mor",
        "information_kinds": ["case_status"],
        "purpose": "Orientering",
        "form": "oral",
        "valid_from": TODAY.isoformat(),
    },
    "cases:consent_withdraw": lambda s: {"withdrawn_on": TODAY.isoformat(), "reason": "Ringede."},
    "treatment_options:episode_refer": lambda s: {
        "offer": s["episode"].offer_id,
        "referral_date": TODAY.isoformat(),
    },
    "treatment_options:episode_start": lambda s: {"actual_start": TODAY.isoformat()},
    "treatment_options:episode_plan": lambda s: {
        "based_on": 0,
        "made_on": TODAY.isoformat(),
        "goals": "Mål",
        "activities": "Aktiviteter",
    },
    "treatment_options:episode_end": lambda s: {
        "actual_end": TODAY.isoformat(),
        "end_reason": "completed",
    },
}


def url_for(name, target, scenario):
    case = scenario["case"]
    if target == "case":
        return reverse(name, kwargs={"case_id": case.pk})
    return reverse(name, kwargs={"case_id": case.pk, "pk": scenario[target].pk})


MATRIX = [
    pytest.param(user, name, target, method, id=f"{user}-{name}-{method}")
    for user in [*ALL_USER_FIXTURES, "anonymous"]
    for name, target, expectations in CASE_URLS
    for method in expectations
]


@pytest.mark.parametrize(("user", "name", "target", "method"), MATRIX)
def test_case_url_matrix(client, request, scenario, user, name, target, method):
    url = url_for(name, target, scenario)
    data = POST_DATA.get(name, lambda s: {})(scenario) if method == "post" else None
    if user != "anonymous":
        client.force_login(request.getfixturevalue(user))
    response = client.get(url) if method == "get" else client.post(url, data)

    if user == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))
        return
    relation = RELATION[user]
    expected = 404 if relation == OUTSIDER else dict(CASE_URLS_BY_NAME[name])[method][relation]
    assert response.status_code == expected, (user, relation, name, method)


CASE_URLS_BY_NAME = {name: expectations.items() for name, _, expectations in CASE_URLS}


# --- citizen URLs: role-wide permission first (403), then visibility (404) --------------------

CITIZEN_EXPECTED = {
    "caseworker": {"get": 200, "post": 302},
    "manager": {"get": 200, "post": 403},  # reads citizens, may not change them
    "outpatient_therapist": {"get": 403, "post": 403},  # no role permission on citizens
    "residential_therapist": {"get": 403, "post": 403},
    "other_team_caseworker": {"get": 404, "post": 404},
    "other_unit_manager": {"get": 404, "post": 404},
    "admin_user": {"get": 403, "post": 403},
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("user", [*ALL_USER_FIXTURES, "anonymous"])
def test_citizen_page_matrix(client, request, scenario, user, method):
    citizen = scenario["case"].citizen
    url = reverse("cases:citizen_detail", kwargs={"citizen_id": citizen.pk})
    data = {"first_name": "Mette", "last_name": "Hansen", "cpr": "120385-1234"}
    if user != "anonymous":
        client.force_login(request.getfixturevalue(user))
    response = client.get(url) if method == "get" else client.post(url, data)
    if user == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))
        return
    assert response.status_code == CITIZEN_EXPECTED[user][method]


NEW_CASE_EXPECTED = {
    "caseworker": 200,
    "manager": 403,
    "outpatient_therapist": 403,
    "residential_therapist": 403,
    "other_team_caseworker": 404,
    "other_unit_manager": 403,
    "admin_user": 403,
}


@pytest.mark.parametrize("user", ALL_USER_FIXTURES)
def test_new_case_for_a_citizen_matrix(client, request, scenario, user):
    citizen = scenario["case"].citizen
    client.force_login(request.getfixturevalue(user))
    response = client.get(reverse("cases:case_create", kwargs={"citizen_id": citizen.pk}))
    assert response.status_code == NEW_CASE_EXPECTED[user]


# --- ending a relationship removes access -----------------------------------------------------


def test_reassigning_the_case_to_another_team_leaves_the_old_caseworker_with_404(
    client, manager, caseworker, case, team_syd, other_team_caseworker
):
    services.case_assign(
        actor=manager, case=case, caseworker=other_team_caseworker, team=team_syd, reason="Flytter"
    )
    client.force_login(caseworker)
    for name in ("cases:detail", "cases:timeline", "cases:assessment"):
        assert client.get(reverse(name, kwargs={"case_id": case.pk})).status_code == 404


def test_ended_episode_leaves_the_institution_with_404(
    client, caseworker, outpatient_therapist, case, outpatient_offer
):
    episode = factories.EpisodeFactory(
        case=case, offer=outpatient_offer, actual_start=TODAY - timedelta(days=2)
    )
    client.force_login(outpatient_therapist)
    assert client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).status_code == 200
    episode_services.episode_end(
        actor=caseworker, episode=episode, actual_end=TODAY, end_reason="completed"
    )
    assert client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).status_code == 404


def test_ended_residential_episode_keeps_access_while_the_handover_holds_it(
    client, caseworker, residential_therapist, residential_case
):
    episode = residential_case.episodes.get()
    transition_create_for_episode(episode=episode, actor=residential_therapist)
    episode_services.episode_end(
        actor=caseworker, episode=episode, actual_end=TODAY, end_reason="completed"
    )
    client.force_login(residential_therapist)
    url = reverse("cases:detail", kwargs={"case_id": residential_case.pk})
    # Discharged, but the receiver has not confirmed the handover: both sides hold the case.
    assert client.get(url).status_code == 200


def test_search_results_do_not_include_invisible_cases(
    client, caseworker, other_team_caseworker, case, team_syd
):
    hidden = factories.CaseFactory(
        team=team_syd,
        caseworker=other_team_caseworker,
        citizen=factories.CitizenFactory(first_name="Mette", last_name="Hansen-Berg"),
    )
    client.force_login(caseworker)
    client.post(reverse("cases:list"), {"q": "Hansen"})
    html = client.get(reverse("cases:list"), {"status": "all"}).content.decode()
    assert f">{case.number}</a>" in html
    assert f">{hidden.number}</a>" not in html
    # Searching for the exact case number of an invisible case finds nothing either.
    client.post(reverse("cases:list"), {"q": hidden.number})
    html = client.get(reverse("cases:list"), {"status": "all"}).content.decode()
    assert f">{hidden.number}</a>" not in html
    assert "Ingen sager matcher" in html
