"""§5.9: the gap from discharge to the first outpatient contact; a missed first appointment."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from notifications.models import Notification
from transitions import services
from transitions.models import ActionItem, Transition

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def discharged(named_transition, residential_therapist):
    episode = named_transition.residential_episode
    episode.actual_end, episode.end_reason = date(2026, 3, 10), "completed"
    episode.save()
    return services.transition_record_discharge(episode=episode, actor=residential_therapist)


def test_missed_first_appointment_creates_outreach_and_notifies_the_caseworker_at_once(
    discharged, outpatient_therapist, caseworker
):
    url = reverse("transitions:first_contact", kwargs={"case_id": discharged.case_id})
    response = login(outpatient_therapist).post(url, {"action": "missed"})

    assert response.status_code == 302
    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Transition.AppointmentStatus.MISSED
    task = ActionItem.objects.get(kind=ActionItem.Kind.OUTREACH)
    assert task.owner == outpatient_therapist
    assert task.due_on == date(2026, 3, 17)
    notice = Notification.objects.get(rule="first_appointment_missed")
    assert notice.recipient == caseworker
    assert notice.url == reverse("transitions:detail", kwargs={"case_id": discharged.case_id})
    assert discharged.case.citizen.last_name not in notice.message


def test_marking_missed_twice_makes_one_task_and_one_notification(discharged, outpatient_therapist):
    services.transition_first_appointment_mark_missed(
        transition=discharged, actor=outpatient_therapist
    )
    services.transition_first_appointment_mark_missed(
        transition=discharged, actor=outpatient_therapist
    )
    assert ActionItem.objects.filter(kind=ActionItem.Kind.OUTREACH).count() == 1
    assert Notification.objects.filter(rule="first_appointment_missed").count() == 1


def test_first_contact_shows_the_gap_in_days(discharged, outpatient_therapist):
    client = login(outpatient_therapist)
    url = reverse("transitions:first_contact", kwargs={"case_id": discharged.case_id})
    client.post(url, {"action": "contact", "contact_on": "2026-03-14"})

    discharged.refresh_from_db()
    assert discharged.gap_days == 4
    assert discharged.first_appointment_status == Transition.AppointmentStatus.ATTENDED
    body = client.get(
        reverse("transitions:detail", kwargs={"case_id": discharged.case_id})
    ).content.decode()
    assert "4 dage efter udskrivning" in body


def test_first_contact_before_discharge_is_refused(discharged, outpatient_therapist):
    with pytest.raises(ValidationError):
        services.transition_first_contact_record(
            transition=discharged, actor=outpatient_therapist, contact_on=date(2026, 3, 1)
        )
