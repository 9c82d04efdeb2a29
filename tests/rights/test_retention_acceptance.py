"""Issue 14, acceptance 3: after the period, nothing of the citizen is left in any table, the
manager report for that year is unchanged, and a held case is untouched."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from cases.access_log import access_log_verify
from cases.models import AccessLog, Case
from reports.selectors import manager_report
from reports.selectors.periods import Period
from rights.models import AnonymisedCase, HoldKind, LegalHold, RetentionRule
from rights.retention.run import retention_run
from tests.clock import REPORT_NOW, at
from tests.reports import scenario
from tests.rights.retention_scenario import CPR, NAME, every_kind_of_record, place_markers, scan

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))
CLOSED_ON = date(2026, 11, 30)
# Past ten years after the cases' end: every case kind's period has run out.
RUN_AT = at(date(2037, 1, 15), 2)


@pytest.fixture
def frozen_at():
    return REPORT_NOW


@pytest.fixture
def world(
    clock,
    access_log_anchor_file,
    team_nord,
    team_syd,
    sydgaarden,
    residential_offer,
    outpatient_offer,
    caseworker,
    other_team_caseworker,
):
    scenario.build(
        team_nord=team_nord,
        team_syd=team_syd,
        residential_offer=residential_offer,
        outpatient_offer=outpatient_offer,
        caseworker=caseworker,
        other_team_caseworker=other_team_caseworker,
    )
    case = every_kind_of_record(
        team=team_nord,
        caseworker=caseworker,
        residential_offer=residential_offer,
        outpatient_offer=outpatient_offer,
        closed_on=CLOSED_ON,
    )
    markers = place_markers(case)
    # Every case ends with the year.
    Case.objects.filter(closed_on__isnull=True).update(closed_on=CLOSED_ON, status="closed")
    held = Case.objects.filter(team=team_syd).order_by("pk")[0]
    Case.objects.filter(pk=held.pk).update(inquiry_note="HELDMARK")
    LegalHold.objects.create(
        citizen_id=held.citizen_id, case=held, kind=HoldKind.MANAGER, reason="Klagesag"
    )
    RetentionRule.objects.update(confirmed=True, confirmed_at=timezone.now())
    return {
        "case": case,
        "held": held,
        "markers": markers,
        "units": [team_nord, team_syd, sydgaarden],
    }


def reports(units):
    return [manager_report(unit=unit, period=YEAR, today=RUN_AT.date()) for unit in units]


def test_after_the_period_nothing_of_the_citizen_is_left(world, clock):
    needles = [*NAME, CPR, CPR.replace("-", ""), *world["markers"]]
    assert len(scan(needles)) > 30  # the scan finds what is there
    clock.move_to(RUN_AT, tick=False)

    run = retention_run()

    assert scan(needles) == []
    assert run.counts["social_case"]["deleted"] >= 1
    assert run.counts["social_case"]["held"] == 1
    assert AccessLog.objects.count() == 0
    assert access_log_verify() == []


def test_the_manager_report_for_that_year_is_unchanged(world, clock):
    clock.move_to(RUN_AT, tick=False)
    before = reports(world["units"])

    retention_run()

    assert AnonymisedCase.objects.count() == Case.objects.count() - 1
    assert reports(world["units"]) == before


def test_a_held_case_is_untouched(world, clock):
    held = world["held"]
    clock.move_to(RUN_AT, tick=False)

    retention_run()

    held.refresh_from_db()
    assert held.inquiry_note == "HELDMARK"
    assert held.citizen.cpr is not None
    assert not AnonymisedCase.objects.filter(case=held).exists()


def test_a_second_run_changes_nothing(world, clock):
    clock.move_to(RUN_AT, tick=False)
    retention_run()
    after_first = reports(world["units"])

    run = retention_run()

    assert all(v["deleted"] == 0 for v in run.counts.values())
    assert reports(world["units"]) == after_first
