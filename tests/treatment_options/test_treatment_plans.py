"""The provider's treatment plan (SEL § 101, stk. 8): goals, activities and phases, how progress
is followed, and how it builds on the needs assessment; made at the start of an episode and
revised in versions (every version kept, who and when, compared part by part). The reminder
"started with no treatment plan after 7 days" reads TreatmentPlan: tests/notifications/
test_rules.py (test_episode_with_treatment_plan_or_ended_is_silent makes a TreatmentPlan)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from tests.clock import TODAY
from treatment_options.models import TreatmentPlan
from treatment_options.treatment_plans import treatment_plan_save

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def started(case, outpatient_offer):
    return factories.EpisodeFactory(
        case=case,
        offer=outpatient_offer,
        referral_date=TODAY - timedelta(days=4),
        actual_start=TODAY - timedelta(days=2),
    )


def _save(episode, actor, based_on, **kwargs):
    values = dict(made_on=TODAY, goals="Stoppe forbruget", activities="Fase 1: samtaler")
    return treatment_plan_save(
        actor=actor, episode=episode, based_on=based_on, **{**values, **kwargs}
    )


def _client(user):
    client = APIClient()
    client.force_login(user)
    return client


def test_every_save_is_a_version_and_all_versions_are_kept(started, outpatient_therapist):
    first = _save(started, outpatient_therapist, 0, assessment_link="Afdækningens emne 1")
    assert (first.version, first.made_on) == (1, TODAY)
    later = _save(started, outpatient_therapist, 1, activities="Fase 2: gruppe")
    assert later.version == 2
    versions = list(later.versions.order_by("number"))
    assert [(v.number, v.activities, v.author) for v in versions] == [
        (1, "Fase 1: samtaler", outpatient_therapist),
        (2, "Fase 2: gruppe", outpatient_therapist),
    ]
    assert versions[0].assessment_link == "Afdækningens emne 1"
    # The plan was made when the first version was.
    assert TreatmentPlan.objects.get(episode=started).made_on == TODAY


def test_a_save_based_on_an_old_version_is_refused(started, outpatient_therapist, caseworker):
    _save(started, outpatient_therapist, 0)
    _save(started, caseworker, 1, goals="Andet mål")
    with pytest.raises(ValidationError) as raised:
        _save(started, outpatient_therapist, 1, goals="Mit mål")
    assert "based_on" in raised.value.message_dict
    assert TreatmentPlan.objects.get(episode=started).versions.count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"goals": " "}, "goals"),
        ({"activities": ""}, "activities"),
        ({"made_on": TODAY + timedelta(days=1)}, "made_on"),
        ({"made_on": TODAY - timedelta(days=30)}, "made_on"),
    ],
)
def test_bad_input_is_refused(started, outpatient_therapist, kwargs, field):
    with pytest.raises(ValidationError) as raised:
        _save(started, outpatient_therapist, 0, **kwargs)
    assert field in raised.value.message_dict
    assert not TreatmentPlan.objects.exists()


def test_only_the_episodes_staff_and_caseworkers_write_the_plan(started, residential_therapist):
    with pytest.raises(PermissionDenied):
        _save(started, residential_therapist, 0)


def test_the_page_shows_versions_compares_them_and_keeps_what_was_typed(
    case, started, outpatient_therapist
):
    client = _client(outpatient_therapist)
    url = reverse("treatment_options:episode_plan", kwargs={"case_id": case.pk, "pk": started.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Helhedsorienteret afdækning" in page.content.decode()
    base = {"made_on": TODAY.isoformat(), "goals": "Stoppe forbruget"}
    assert client.post(url, {**base, "based_on": 0, "activities": "Samtaler"}).status_code == 302
    assert client.post(url, {**base, "based_on": 1, "activities": "Gruppe"}).status_code == 302
    stale = client.post(url, {**base, "based_on": 1, "activities": "Mistet?"})
    assert stale.status_code == 200
    assert "Mistet?" in stale.content.decode()
    compared = client.get(url + "?a=1&b=2").content.decode()
    assert "Version 1 sammenlignet med version 2" in compared
    assert '<ins class="diff-ins"><span class="sr-only">Tilføjet: </span>Gruppe</ins>' in compared
    detail = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Behandlingsplan mangler" not in detail


def test_the_case_page_warns_while_a_started_episode_has_no_plan(case, started, caseworker):
    detail = _client(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    assert "Behandlingsplan mangler" in detail.content.decode()


def test_the_api_reads_and_saves_versions(started, outpatient_therapist, manager):
    client = _client(outpatient_therapist)
    url = f"/api/v1/episodes/{started.pk}/treatment-plan/"
    assert client.get(url).json() == {"made_on": None, "version": 0, "versions": []}
    body = {"based_on": 0, "made_on": TODAY.isoformat(), "goals": "Mål", "activities": "Fase 1"}
    saved = client.put(url, body, format="json")
    assert saved.status_code == 200
    assert [v["number"] for v in saved.json()["versions"]] == [1]
    assert client.put(url, body, format="json").status_code == 400  # stale: based on 0
    assert client.put(url, {**body, "based_on": 1, "goals": ""}, format="json").status_code == 400
    episode = client.get(f"/api/v1/episodes/{started.pk}/").json()
    assert episode["treatment_plan_on"] == TODAY.isoformat()
    assert _client(manager).put(url, {**body, "based_on": 1}, format="json").status_code in (
        403,
        404,
    )
