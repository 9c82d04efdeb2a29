"""transitions 0008: the check-in schedule moves from the transition to the course. Its data
function is run here: a case's schedule is its newest live transition's (on the tables as they
were before 0014 dropped the transition's column), and an open outpatient-only course gets its
check-ins from the newest outpatient start (on rows made with today's models)."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories
from transitions.models import CheckIn, Transition
from treatment_options.models import TreatmentType

migration = importlib.import_module("transitions.migrations.0008_checkin_schedule_from_transitions")


# The schedule's source, Transition.checkin_weeks, was dropped by 0014: the copy is tested on
# the tables as they were before that (every app at its latest migration, transitions at 0013).
BEFORE_DROP = ("transitions", "0013_action_item_case_required")


def _migrate(transitions: tuple[str, str] | None) -> Any:
    """Every app at its latest migration, transitions at `transitions` (None: its latest too)."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    targets = (
        leaves
        if transitions is None
        else [leaf for leaf in leaves if leaf[0] != "transitions"] + [transitions]
    )
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def apps_before_drop() -> Any:
    yield _migrate(BEFORE_DROP)
    _migrate(None)


@pytest.mark.django_db(transaction=True)
def test_the_schedule_comes_from_the_newest_live_transition(apps_before_drop: Any) -> None:
    old_apps = apps_before_drop
    Unit = old_apps.get_model("accounts", "Unit")
    Citizen = old_apps.get_model("cases", "Citizen")
    Case = old_apps.get_model("cases", "Case")
    Provider = old_apps.get_model("treatment_options", "Provider")
    Offer = old_apps.get_model("treatment_options", "Offer")
    Episode = old_apps.get_model("treatment_options", "Episode")
    OldTransition = old_apps.get_model("transitions", "Transition")
    team = Unit.objects.create(name="Team Migrering", kind="municipal_team")
    offer = Offer.objects.create(
        provider=Provider.objects.create(name="Migreringsgården", kind="municipal"),
        name="Døgn",
        treatment_type=TreatmentType.RESIDENTIAL,
        legal_bases=["SEL101"],
    )

    def transition(case: Any, weeks: list[int], status: str = "planning") -> Any:
        episode = Episode.objects.create(
            case=case, offer=offer, referral_date=date(2026, 1, 2), actual_start=date(2026, 1, 5)
        )
        return OldTransition.objects.create(
            case=case, residential_episode=episode, checkin_weeks=weeks, status=status
        )

    cases = [
        Case.objects.create(
            number=f"M-{n}",
            citizen=Citizen.objects.create(first_name="Mig", last_name=f"Rering {n}"),
            legal_basis="SEL101",
            inquiry_date=date(2026, 1, 2),
            team=team,
        )
        for n in (1, 2)
    ]
    transition(cases[0], [2, 6])
    transition(cases[0], [4], status="cancelled")
    transition(cases[1], [])
    migration.forwards(old_apps, None)
    schedules = old_apps.get_model("transitions", "CheckInSchedule").objects
    assert schedules.get(case_id=cases[0].pk).weeks == [2, 6]
    assert schedules.get(case_id=cases[1].pk).weeks == []


def test_the_field_is_gone():
    assert "checkin_weeks" not in {f.name for f in Transition._meta.get_fields()}


@pytest.mark.django_db(transaction=True)
def test_an_open_outpatient_only_course_gets_its_check_ins(apps_before_drop: Any) -> None:
    # Rows made with today's models: no transition among them, whose table is older here.
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
    migration.forwards(apps_before_drop, None)
    rows = CheckIn.objects.filter(case=episode.case).order_by("due_on")
    assert [(c.weeks_after_discharge, c.due_on, c.transition_id) for c in rows] == [
        (w, start + timedelta(weeks=w), None) for w in (2, 6, 12, 26, 52)
    ]
    assert not CheckIn.objects.filter(case=closed.case).exists()
    # Run twice, nothing doubles.
    migration.forwards(apps_before_drop, None)
    assert CheckIn.objects.filter(case=episode.case).count() == 5
