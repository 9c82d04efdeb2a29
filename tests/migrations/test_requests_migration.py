"""Issue 12's migration: every existing case becomes one treatment request (acceptance 3).

A database with cases in every state and guarantee status is built at the migration before
requests existed; after the migration every case shows the same guarantee status as before,
except the two corrections the issue makes, each listed by the migration as an event on the
case: a Barnets lov § 33 free choice is cleared, and a free choice made after the deadline no
longer erases the breach. A closed case's course end date comes from its last episode's end, or
is flagged for review where none fits.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("cases", "0003_break_glass_review"), ("treatment_options", "0001_initial")]
AFTER = [("cases", "0004_treatment_request"), ("treatment_options", "0003_requests_from_cases")]
MIGRATION = "treatment_options.0003_requests_from_cases"


def _old_status(case: Any, today: date) -> str:
    """The guarantee status as the code before issue 12 computed it from the case's fields:
    a free choice waived first, whatever its date (the bug the issue fixes)."""
    if case.legal_basis == "SEL101A" or case.regional_dual_diagnosis:
        return "not_covered"
    if case.free_choice:
        return "waived"
    deadline = case.inquiry_date + timedelta(days=14)
    start = case.treatment_started_on
    if start is not None and start <= today:
        return "met" if start <= deadline else "breached"
    return "running" if today <= deadline else "breached"


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_world() -> Any:
    apps = _migrate(BEFORE)
    yield apps
    # Leave the database at the latest migrations for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_every_case_keeps_its_status_except_the_listed_corrections(old_world: Any) -> None:
    apps = old_world
    today = timezone.localdate()
    Unit = apps.get_model("accounts", "Unit")
    Citizen = apps.get_model("cases", "Citizen")
    OldCase = apps.get_model("cases", "Case")
    Provider = apps.get_model("treatment_options", "Provider")
    Offer = apps.get_model("treatment_options", "Offer")
    OldEpisode = apps.get_model("treatment_options", "Episode")

    team = Unit.objects.create(name="Team Migrering", kind="municipal_team")
    provider = Provider.objects.create(name="Migreringsstedet", kind="municipal")
    outpatient = Offer.objects.create(
        provider=provider, name="Ambulant", treatment_type="outpatient", legal_bases=["SEL101"]
    )
    residential = Offer.objects.create(
        provider=provider, name="Døgn", treatment_type="residential", legal_bases=["SEL101"]
    )

    def d(days: int) -> date:
        return today + timedelta(days=days)

    # name: (basis, status, inquiry, started, free choice, episodes, extra case fields)
    # episodes: (offer, referral, start, end, free choice)
    specs: dict[str, dict[str, Any]] = {
        "inquiry_running": {"basis": "SEL101", "status": "inquiry", "inquiry": d(-3)},
        "assessment_breached": {"basis": "SUL141", "status": "assessment", "inquiry": d(-30)},
        "referred_waiting_breached": {
            "basis": "SEL101",
            "status": "referred",
            "inquiry": d(-20),
            "episodes": [(outpatient, d(-18), None, None, False)],
        },
        "in_treatment_met": {
            "basis": "SUL142",
            "status": "in_treatment",
            "inquiry": d(-40),
            "started": d(-30),
            "doctor": d(-31),
            "episodes": [(outpatient, d(-35), d(-30), None, False)],
        },
        "in_treatment_late": {
            "basis": "SEL101",
            "status": "in_treatment",
            "inquiry": d(-60),
            "started": d(-40),
            "decision": d(-50),
            "episodes": [(residential, d(-45), d(-40), None, False)],
        },
        "aftercare_met": {
            "basis": "SEL101",
            "status": "aftercare",
            "inquiry": d(-200),
            "started": d(-190),
            "decision": d(-195),
            "episodes": [
                (residential, d(-195), d(-190), d(-100), False),
                (outpatient, d(-101), d(-99), None, False),
            ],
        },
        "waived_in_time": {
            "basis": "SEL101",
            "status": "referred",
            "inquiry": d(-30),
            "free_choice": True,
            "episodes": [
                (outpatient, d(-28), None, None, False),
                (outpatient, d(-25), None, None, True),
            ],
        },
        "late_free_choice": {
            "basis": "SEL101",
            "status": "referred",
            "inquiry": d(-40),
            "free_choice": True,
            "episodes": [
                (outpatient, d(-38), None, None, False),
                (outpatient, d(-10), None, None, True),
            ],
        },
        "bl33_free_choice": {
            "basis": "BL33",
            "status": "referred",
            "inquiry": d(-5),
            "free_choice": True,
            "episodes": [(outpatient, d(-4), None, None, True)],
        },
        "anonymous": {"basis": "SEL101A", "status": "in_treatment", "inquiry": d(-50)},
        "regional": {"basis": "SEL101", "status": "assessment", "inquiry": d(-50), "regional": True},
        "closed_from_episode": {
            "basis": "SEL101",
            "status": "closed",
            "inquiry": d(-300),
            "started": d(-290),
            "closed_on": d(-10),
            "episodes": [(outpatient, d(-295), d(-290), d(-40), False)],
            "end_reason": "no_show",
        },
        "closed_without_episode": {
            "basis": "SUL141",
            "status": "closed",
            "inquiry": d(-100),
            "closed_on": d(-60),
        },
    }
    cases: dict[str, Any] = {}
    for i, (name, spec) in enumerate(specs.items()):
        citizen = Citizen.objects.create(first_name="Migrering", last_name=str(i))
        covered = spec["basis"] != "SEL101A" and not spec.get("regional", False)
        case = OldCase.objects.create(
            number=f"2026-9{i:04d}",
            citizen=citizen,
            legal_basis=spec["basis"],
            inquiry_date=spec["inquiry"],
            status=spec["status"],
            team=team,
            regional_dual_diagnosis=spec.get("regional", False),
            guarantee_deadline=spec["inquiry"] + timedelta(days=14) if covered else None,
            treatment_started_on=spec.get("started"),
            free_choice=spec.get("free_choice", False),
            decision_date=spec.get("decision"),
            doctor_consultation_on=spec.get("doctor"),
            closed_on=spec.get("closed_on"),
        )
        for offer, referral, start, end, free in spec.get("episodes", []):
            OldEpisode.objects.create(
                case=case,
                offer=offer,
                referral_date=referral,
                actual_start=start,
                actual_end=end,
                end_reason=spec.get("end_reason", "completed") if end else "",
                free_choice=free,
            )
        cases[name] = case
    before = {name: _old_status(case, today) for name, case in cases.items()}
    assert set(before.values()) == {"running", "met", "breached", "waived", "not_covered"}

    new_apps = _migrate(AFTER)
    # Then on to the latest migrations, so that the real models below match the tables (later
    # migrations add fields to the case); the statuses must survive those too.
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())
    # The real models from here: the database is at the latest schema, the code's rules apply.
    from cases.models import Case, CaseEvent  # late import: the models at the new schema

    after = {}
    corrections: dict[str, set[str]] = {}
    for name, old in cases.items():
        case = Case.objects.select_related("clock_request").get(pk=old.pk)
        after[name] = str(case.guarantee(today=today).status)
        assert case.requests.count() == 1
        request = case.requests.get()
        assert request.kind == "first"
        assert request.requested_on == case.inquiry_date
        assert request.legal_basis == case.legal_basis
        assert set(case.episodes.values_list("request_id", flat=True)) <= {request.pk}
        corrections[name] = {
            e.data["correction"]
            for e in CaseEvent.objects.filter(case=case, data__migration=MIGRATION)
        }

    changed = {name for name in cases if before[name] != after[name]}
    assert changed == {"late_free_choice", "bl33_free_choice"}
    assert (before["late_free_choice"], after["late_free_choice"]) == ("waived", "breached")
    assert (before["bl33_free_choice"], after["bl33_free_choice"]) == ("waived", "running")
    # Every correction is listed on its case; nothing else is.
    assert {n: c for n, c in corrections.items() if c} == {
        "late_free_choice": {"late_free_choice_breach_kept"},
        "bl33_free_choice": {"bl33_free_choice_cleared"},
        "closed_without_episode": {"course_end_needs_review"},
    }

    bl33 = Case.objects.get(pk=cases["bl33_free_choice"].pk)
    assert not bl33.free_choice
    assert not bl33.requests.get().free_choice
    assert not bl33.episodes.filter(free_choice=True).exists()
    late = Case.objects.get(pk=cases["late_free_choice"].pk).requests.get()
    assert late.free_choice and late.free_choice_on == d(-10)
    waived = Case.objects.get(pk=cases["waived_in_time"].pk).requests.get()
    assert waived.free_choice_on == d(-25) and waived.visited_treatment_type == "outpatient"

    from_episode = Case.objects.get(pk=cases["closed_from_episode"].pk)
    assert from_episode.course_ended_on == d(-40)
    assert from_episode.course_end_reason == "dropped_out"
    assert not from_episode.course_end_review
    flagged = Case.objects.get(pk=cases["closed_without_episode"].pk)
    assert flagged.course_end_review
    assert flagged.course_ended_on == d(-60)
    assert flagged.course_end_reason == "no_treatment"

    # The stored clock: open clocks keep their deadline (lists sort by it), others have none.
    running = Case.objects.get(pk=cases["inquiry_running"].pk)
    assert running.guarantee_deadline == d(-3) + timedelta(days=14)
    assert Case.objects.get(pk=cases["in_treatment_met"].pk).guarantee_deadline is None
    assert Case.objects.get(pk=cases["referred_waiting_breached"].pk).guarantee_deadline == d(-6)
    assert new_apps is not None
