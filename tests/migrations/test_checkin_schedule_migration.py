"""transitions 0008: the check-in schedule moves from the transition to the course. Its data
function is run here on rows made with today's models (the columns it reads are all still
there): a case's schedule is its newest live transition's, and an open outpatient-only course
gets its check-ins from the newest outpatient start."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps

from tests import factories
from transitions.models import CheckIn, CheckInSchedule, Transition
from treatment_options.models import TreatmentType

pytestmark = pytest.mark.django_db

migration = importlib.import_module("transitions.migrations.0008_checkin_schedule_from_transitions")


def test_the_schedule_comes_from_the_newest_live_transition():
    old = factories.TransitionFactory(checkin_weeks=[2, 6])
    factories.TransitionFactory(
        case=old.case, checkin_weeks=[4], status=Transition.Status.CANCELLED
    )
    emptied = factories.TransitionFactory(checkin_weeks=[])
    migration.forwards(apps, None)
    assert CheckInSchedule.objects.get(case=old.case).weeks == [2, 6]
    assert CheckInSchedule.objects.get(case=emptied.case).weeks == []


def test_an_open_outpatient_only_course_gets_its_check_ins():
    start = date(2026, 2, 2)
    episode = factories.EpisodeFactory(
        offer__treatment_type=TreatmentType.OUTPATIENT,
        referral_date=start - timedelta(days=7),
        actual_start=start,
    )
    closed = factories.EpisodeFactory(
        offer__treatment_type=TreatmentType.OUTPATIENT,
        referral_date=start - timedelta(days=7),
        actual_start=start,
        case__status="closed",
    )
    migration.forwards(apps, None)
    rows = CheckIn.objects.filter(case=episode.case).order_by("due_on")
    assert [(c.weeks_after_discharge, c.due_on, c.transition_id) for c in rows] == [
        (w, start + timedelta(weeks=w), None) for w in (2, 6, 12, 26, 52)
    ]
    assert not CheckIn.objects.filter(case=closed.case).exists()
    # Run twice, nothing doubles.
    migration.forwards(apps, None)
    assert CheckIn.objects.filter(case=episode.case).count() == 5
