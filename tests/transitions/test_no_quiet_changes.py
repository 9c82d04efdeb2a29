"""§5.10 "no quiet changes": the check-in schedule changes only with a reason, on the timeline,
with the caseworker told, and never to nothing while aftercare runs; the same rules in the
API for schedules and commitments."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from notifications.models import Notification
from transitions import selectors, services
from transitions.models import AftercareCommitment

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def discharged(named_transition, residential_therapist):
    episode = named_transition.residential_episode
    episode.actual_end, episode.end_reason = date(2026, 3, 16), "completed"
    episode.save()
    transition = services.transition_record_discharge(episode=episode, actor=residential_therapist)
    assert transition is not None
    return transition


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_new_handovers_check_in_for_twelve_months(named_transition):
    assert selectors.checkin_schedule_weeks(named_transition.case) == [2, 6, 12, 26, 52]


def test_a_schedule_change_without_a_reason_is_refused(discharged, outpatient_therapist):
    with pytest.raises(ValidationError) as raised:
        services.transition_checkin_schedule_update(
            transition=discharged, actor=outpatient_therapist, weeks=[2, 4], reason=""
        )
    assert "reason" in raised.value.error_dict
    assert selectors.checkin_schedule_weeks(discharged.case) == [2, 6, 12, 26, 52]


def test_a_schedule_change_is_on_the_timeline_and_tells_the_caseworker(
    discharged, outpatient_therapist, caseworker
):
    services.transition_checkin_schedule_update(
        transition=discharged, actor=outpatient_therapist, weeks=[2, 4], reason="Borgeren flytter"
    )
    event = discharged.case.events.filter(data__action="checkin_schedule").get()
    assert event.data["reason"] == "Borgeren flytter"
    assert event.data["before"] == [2, 6, 12, 26, 52]
    assert event.data["after"] == [2, 4]
    notified = Notification.objects.filter(rule="checkin_schedule_changed")
    assert list(notified.values_list("recipient", flat=True)) == [caseworker.pk]


def test_the_schedule_cannot_be_emptied_while_aftercare_runs(discharged, outpatient_therapist):
    with pytest.raises(ValidationError) as raised:
        services.transition_checkin_schedule_update(
            transition=discharged, actor=outpatient_therapist, weeks=[], reason="Ikke nødvendigt"
        )
    assert "weeks" in raised.value.error_dict
    assert discharged.checkins.filter(kind="aftercare").count() == 5


def test_before_discharge_the_schedule_may_be_emptied(named_transition, caseworker):
    services.transition_checkin_schedule_update(
        transition=named_transition, actor=caseworker, weeks=[], reason="Afklares senere"
    )
    assert selectors.checkin_schedule_weeks(named_transition.case) == []


def test_the_schedule_page_refuses_emptying_in_danish_and_keeps_the_reason(
    discharged, outpatient_therapist
):
    url = reverse("transitions:checkin_schedule", kwargs={"case_id": discharged.case_id})
    response = login(outpatient_therapist).post(url, {"weeks": "", "reason": "Stop"})
    assert response.status_code == 200
    assert "kan ikke tømmes" in response.content.decode()
    assert "Stop</textarea>" in response.content.decode()


def test_the_api_refuses_a_schedule_change_without_a_reason(discharged, outpatient_therapist):
    url = f"/api/v1/transitions/{discharged.pk}/checkin-schedule/"
    response = api(outpatient_therapist).post(url, {"weeks": [2, 4]}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    response = api(outpatient_therapist).post(
        url, {"weeks": [2, 4], "reason": "Borgeren flytter"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["checkin_weeks"] == [2, 4]


def test_the_api_refuses_emptying_the_schedule_during_aftercare(discharged, outpatient_therapist):
    url = f"/api/v1/transitions/{discharged.pk}/checkin-schedule/"
    response = api(outpatient_therapist).post(url, {"weeks": [], "reason": "Stop"}, format="json")
    assert response.status_code == 400
    assert "weeks" in response.json()


@pytest.fixture
def commitment(named_transition, outpatient_therapist):
    return services.commitment_create(
        transition=named_transition,
        actor=outpatient_therapist,
        description="Individuelle samtaler",
        frequency="1 gang om ugen",
        starts_on=date(2026, 6, 15),
    )


def test_the_api_refuses_a_commitment_change_without_a_reason(commitment, outpatient_therapist):
    url = f"/api/v1/commitments/{commitment.pk}/change/"
    response = api(outpatient_therapist).post(
        url, {"frequency": "Hver 14. dag", "reason": ""}, format="json"
    )
    assert response.status_code == 400
    assert "reason" in response.json()
    commitment.refresh_from_db()
    assert commitment.frequency == "1 gang om ugen"


def test_the_api_keeps_the_change_in_the_history_and_notifies(
    commitment, outpatient_therapist, residential_therapist, caseworker
):
    url = f"/api/v1/commitments/{commitment.pk}/change/"
    response = api(outpatient_therapist).post(
        url, {"frequency": "Hver 14. dag", "reason": "Borgeren har fået arbejde"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["frequency"] == "Hver 14. dag"
    last = body["changes"][-1]
    assert last["kind"] == "changed"
    assert last["reason"] == "Borgeren har fået arbejde"
    assert last["before"]["frequency"] == "1 gang om ugen"
    assert set(
        Notification.objects.filter(rule="commitment_changed").values_list("recipient", flat=True)
    ) == {residential_therapist.pk, caseworker.pk}


def test_the_api_creates_a_commitment_with_the_outpatient_therapist_responsible(
    named_transition, outpatient_therapist
):
    response = api(outpatient_therapist).post(
        "/api/v1/commitments/",
        {
            "transition": named_transition.pk,
            "description": "Gruppe",
            "frequency": "Ugentlig",
            "starts_on": "2026-06-15",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["responsible"]["id"] == outpatient_therapist.pk
    assert AftercareCommitment.objects.get(pk=response.json()["id"]).responsible_id


def test_a_user_without_access_gets_404_for_a_commitment(commitment, other_team_caseworker):
    response = api(other_team_caseworker).get(f"/api/v1/commitments/{commitment.pk}/")
    assert response.status_code == 404
