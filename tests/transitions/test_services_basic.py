"""The two services the episode services call: creation at start, check-ins at discharge."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import CaseEvent
from transitions import selectors
from transitions.models import PlanSectionKey, Transition
from transitions.services import (
    TransitionChanges,
    transition_create_for_episode,
    transition_record_discharge,
    transition_update,
)

from .conftest import login


@pytest.fixture
def episode(residential_case):
    episode = residential_case.episodes.get()
    episode.planned_end = episode.actual_start + timedelta(weeks=12)
    episode.save()
    return episode


def test_create_for_episode_makes_ten_sections_and_is_idempotent(episode, residential_therapist):
    transition = transition_create_for_episode(episode=episode, actor=residential_therapist)
    again = transition_create_for_episode(episode=episode, actor=residential_therapist)

    assert again.pk == transition.pk
    assert Transition.objects.count() == 1
    assert sorted(transition.plan_sections.values_list("key", flat=True)) == sorted(
        PlanSectionKey.values
    )
    assert transition.residential_therapist == residential_therapist
    assert transition.planned_discharge_on == episode.planned_end
    assert selectors.checkin_schedule_weeks(transition.case) == [2, 6, 12, 26, 52]
    assert CaseEvent.objects.filter(case=episode.case, kind=CaseEvent.Kind.HANDOVER).count() == 1


def test_caseworker_creating_does_not_become_residential_therapist(episode, caseworker):
    transition = transition_create_for_episode(episode=episode, actor=caseworker)
    assert transition.residential_therapist is None


def test_discharge_schedules_checkins_once(episode, residential_therapist):
    transition_create_for_episode(episode=episode, actor=residential_therapist)
    episode.actual_end = date.today()
    episode.end_reason = "completed"
    episode.save()

    transition = transition_record_discharge(episode=episode, actor=residential_therapist)
    transition_record_discharge(episode=episode, actor=residential_therapist)

    assert transition is not None
    assert transition.discharged_on == date.today()
    assert transition.status == Transition.Status.HANDED_OVER
    assert list(transition.checkins.filter(kind="aftercare").values_list("due_on", flat=True)) == [
        date.today() + timedelta(weeks=w) for w in (2, 6, 12, 26, 52)
    ]


def test_discharge_without_transition_returns_none(episode, residential_therapist):
    assert transition_record_discharge(episode=episode, actor=residential_therapist) is None


def test_naming_the_outpatient_therapist_grants_access(
    transition, caseworker, outpatient_therapist
):
    url = reverse("transitions:detail", kwargs={"case_id": transition.case_id})
    assert login(outpatient_therapist).get(url).status_code == 404

    transition_update(
        transition=transition,
        actor=caseworker,
        changes=TransitionChanges(outpatient_therapist=outpatient_therapist),
    )

    assert login(outpatient_therapist).get(url).status_code == 200
    assert CaseEvent.objects.filter(data__action="outpatient_therapist").exists()


def test_only_an_outpatient_therapist_can_be_named_receiver(
    transition, caseworker, residential_therapist
):
    with pytest.raises(ValidationError):
        transition_update(
            transition=transition,
            actor=caseworker,
            changes=TransitionChanges(outpatient_therapist=residential_therapist),
        )


def test_planned_discharge_moves_the_final_checkin(transition, caseworker):
    transition_update(
        transition=transition,
        actor=caseworker,
        changes=TransitionChanges(planned_discharge_on=date(2026, 4, 20)),
    )
    assert transition.checkins.get(kind="final").due_on == date(2026, 4, 20)
