"""§5.9: the gap from discharge to the first outpatient contact, shown on the transition page
from the recorded contacts (the sweep's outreach is tested in test_first_weeks.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests import factories
from tests.clock import at
from transitions import services
from transitions.models import Transition
from transitions.services import contacts as contact_services

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def discharged(named_transition, residential_therapist, outpatient_offer):
    named_transition.outpatient_episode = factories.EpisodeFactory(
        case=named_transition.case,
        offer=outpatient_offer,
        referral_date=date(2026, 2, 1),
        actual_start=date(2026, 3, 2),
    )
    named_transition.save(update_fields=["outpatient_episode"])
    episode = named_transition.residential_episode
    episode.actual_end, episode.end_reason = date(2026, 3, 10), "completed"
    episode.save()
    return services.transition_record_discharge(episode=episode, actor=residential_therapist)


def test_the_first_attended_contact_after_discharge_shows_the_gap_in_days(
    discharged, outpatient_therapist
):
    for day, outcome in ((date(2026, 3, 9), "attended"), (date(2026, 3, 12), "missed")):
        contact_services.contact_record_for_commitment(
            actor=outpatient_therapist,
            episode=discharged.outpatient_episode,
            at=at(day, 10),
            kind="session",
            outcome=outcome,
        )
    discharged.refresh_from_db()
    assert discharged.first_outpatient_contact_on is None  # before discharge; missed

    contact_services.contact_record_for_commitment(
        actor=outpatient_therapist,
        episode=discharged.outpatient_episode,
        at=at(date(2026, 3, 14), 10),
        kind="phone",
        outcome="attended",
    )
    discharged.refresh_from_db()
    assert discharged.gap_days == 4
    body = (
        login(outpatient_therapist)
        .get(reverse("transitions:detail", kwargs={"case_id": discharged.case_id}))
        .content.decode()
    )
    assert "4 dage efter udskrivning" in body
    assert discharged.first_appointment_status == Transition.AppointmentStatus.PLANNED


def test_the_hand_marking_address_is_gone(discharged, outpatient_therapist):
    response = login(outpatient_therapist).post(
        f"/overgange/{discharged.case_id}/efter-udskrivning/", {"action": "missed"}
    )
    assert response.status_code == 404
