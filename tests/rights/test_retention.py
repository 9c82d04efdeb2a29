"""Retention (issue 14, docs/retention.md): the settings table covers every model holding a
citizen's data (acceptance 5), the nightly run keeps what is held or not confirmed, records
counts, and the managers see what goes in the next 30 days."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, Citizen
from notifications.models import Notification
from reports.models import ReportJob
from rights.models import AnonymisedCase, HoldKind, LegalHold, RetentionRule, RetentionRun
from rights.retention.case_files import DELETED, KEPT, WITH_THE_CITIZEN
from rights.retention.defaults import DEFAULTS, MODEL_KINDS, Kind, add_months, case_kind
from rights.retention.due import preview
from rights.retention.run import retention_run
from rights.tasks import retention_task
from tests import factories
from tests.clock import NOW, TODAY
from tests.rights.citizen_models import citizen_data_model_labels
from tests.rights.conftest import retention_rules_fill

pytestmark = pytest.mark.usefixtures("clock")

# Due four days after the frozen today under the 5-year rule.
CLOSED_ON = date(2021, 3, 20)


def confirm(*kinds: Kind) -> None:
    rules = RetentionRule.objects.all()
    if kinds:
        rules = rules.filter(kind__in=[kind.value for kind in kinds])
    rules.update(confirmed=True, confirmed_at=timezone.now())


@pytest.fixture
def old_case(team_nord, caseworker):
    citizen = factories.CitizenFactory(first_name="Gammel", last_name="Sag", cpr="010160-1111")
    return factories.CaseFactory(
        citizen=citizen,
        team=team_nord,
        caseworker=caseworker,
        inquiry_date=CLOSED_ON - timedelta(days=60),
        closed_on=CLOSED_ON,
        status="closed",
        inquiry_note="Henvendelsen",
    )


def run_after_due(clock) -> RetentionRun:
    clock.move_to(NOW + timedelta(days=5), tick=False)
    return retention_run()


# --- the settings table ------------------------------------------------------------------------


def test_every_model_holding_citizen_data_has_a_retention_kind():
    missing = sorted(citizen_data_model_labels() - set(MODEL_KINDS))
    assert missing == [], f"No retention kind in rights/retention/defaults.py for: {missing}"


def test_every_case_file_model_is_deleted_or_kept_without_text():
    handled = {label for label, _paths in (*DELETED, *KEPT, *WITH_THE_CITIZEN)}
    by_other_rules = {
        "cases.Citizen",
        "cases.AccessLog",
        "reports.ReportJob",
        "rights.AnonymisedCase",
    }
    assert sorted(citizen_data_model_labels() - handled - by_other_rules) == []


def test_the_migration_fills_one_unconfirmed_row_per_kind(db):
    RetentionRule.objects.all().delete()
    retention_rules_fill()
    retention_rules_fill()  # a second time adds nothing

    rows = {rule.kind: rule for rule in RetentionRule.objects.all()}
    assert len(rows) == RetentionRule.objects.count()
    assert set(rows) == {default.kind.value for default in DEFAULTS}
    assert not any(rule.confirmed for rule in rows.values())
    assert rows["social_case"].period_months == 60
    assert rows["health_record"].period_months == 120
    assert rows["report_file"].period_months == 1
    assert rows["statistics"].period_months is None


def test_case_kind_and_months():
    assert case_kind("SEL101", anonymous=False) == Kind.SOCIAL_CASE
    assert case_kind("SUL142", anonymous=False) == Kind.HEALTH_RECORD
    assert case_kind("SUL141", anonymous=True) == Kind.ANONYMOUS_ALIAS
    assert case_kind("SEL101A", anonymous=False) == Kind.ANONYMOUS_ALIAS
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)


# --- the nightly run ---------------------------------------------------------------------------


def test_unconfirmed_kinds_are_untouched(old_case, clock):
    run = run_after_due(clock)

    assert run.counts == {}
    assert "social_case" in run.unconfirmed
    old_case.refresh_from_db()
    assert old_case.inquiry_note == "Henvendelsen"
    assert not AnonymisedCase.objects.exists()


def test_a_case_is_deleted_only_after_its_period(old_case, clock):
    confirm()
    assert retention_run().counts["social_case"] == {"deleted": 0, "held": 0}

    run = run_after_due(clock)

    assert run.counts["social_case"] == {"deleted": 1, "held": 0}
    assert run.unconfirmed == []
    old_case.refresh_from_db()
    assert old_case.inquiry_note == ""
    citizen = Citizen.objects.get(pk=old_case.citizen_id)
    assert (citizen.first_name, citizen.last_name, citizen.cpr) == ("", "", None)


def test_a_health_record_waits_ten_years(old_case, clock):
    Case.objects.filter(pk=old_case.pk).update(legal_basis="SUL142")
    confirm()

    run = run_after_due(clock)

    assert run.counts["health_record"] == {"deleted": 0, "held": 0}
    assert not AnonymisedCase.objects.exists()


@pytest.mark.parametrize("on_case", [True, False], ids=["case hold", "citizen-wide hold"])
def test_a_hold_stops_deletion(old_case, clock, on_case):
    LegalHold.objects.create(
        citizen=old_case.citizen,
        case=old_case if on_case else None,
        kind=HoldKind.COMPLAINT,
        reason="Klage",
    )
    confirm()

    run = run_after_due(clock)

    assert run.counts["social_case"] == {"deleted": 0, "held": 1}
    old_case.refresh_from_db()
    assert old_case.inquiry_note == "Henvendelsen"


def test_a_hold_keeps_the_case_30_days_after_it_is_lifted(old_case, clock):
    hold = LegalHold.objects.create(
        citizen=old_case.citizen, case=old_case, kind=HoldKind.MANAGER, reason="Politiet"
    )
    LegalHold.objects.filter(pk=hold.pk).update(lifted_at=NOW)
    confirm()

    assert run_after_due(clock).counts["social_case"]["held"] == 1
    clock.move_to(NOW + timedelta(days=31), tick=False)
    assert retention_run().counts["social_case"]["deleted"] == 1
    assert not LegalHold.objects.exists()


def test_a_citizen_without_a_case_goes_a_year_after_registration(clock, team_nord):
    clock.move_to(NOW - timedelta(days=370), tick=False)
    gone = factories.CitizenFactory(first_name="Uden", last_name="Sag")
    held = factories.CitizenFactory()
    LegalHold.objects.create(citizen=held, kind=HoldKind.ACCESS_REQUEST, reason="Aktindsigt")
    clock.move_to(NOW, tick=False)
    young = factories.CitizenFactory()
    confirm(Kind.CITIZEN_WITHOUT_CASE)

    run = retention_run()

    assert run.counts["citizen_without_case"] == {"deleted": 1, "held": 1}
    assert set(Citizen.objects.values_list("pk", flat=True)) == {held.pk, young.pk}
    assert not Citizen.objects.filter(pk=gone.pk).exists()


def test_old_notifications_and_report_files_go(clock, case):
    clock.move_to(NOW - timedelta(days=400), tick=False)
    old_note = factories.NotificationFactory(case=case)
    old_job = factories.ReportJobFactory(
        status="done", finished_at=timezone.now(), content=b"%PDF", filename="rapport.pdf"
    )
    clock.move_to(NOW, tick=False)
    new_note = factories.NotificationFactory(case=case)
    new_job = factories.ReportJobFactory(
        status="done", finished_at=timezone.now(), content=b"%PDF", filename="ny.pdf"
    )
    confirm(Kind.NOTIFICATION, Kind.REPORT_FILE)

    run = retention_run()

    assert run.counts["notification"] == {"deleted": 1, "held": 0}
    assert run.counts["report_file"] == {"deleted": 1, "held": 0}
    assert list(Notification.objects.values_list("pk", flat=True)) == [new_note.pk]
    assert not Notification.objects.filter(pk=old_note.pk).exists()
    old_job.refresh_from_db()
    assert (old_job.content, old_job.filename) == (None, "")
    assert ReportJob.objects.get(pk=new_job.pk).content is not None
    assert retention_run().counts["report_file"] == {"deleted": 0, "held": 0}


def test_the_run_records_counts_and_never_content(old_case, clock):
    confirm()
    run = run_after_due(clock)

    stored = RetentionRun.objects.get(pk=run.pk)
    assert stored.finished_at is not None
    assert "Gammel" not in str(stored.counts) and "010160" not in str(stored.counts)
    assert set(stored.counts["social_case"]) == {"deleted", "held"}


# --- the preview -------------------------------------------------------------------------------


def test_the_preview_lists_what_goes_in_the_next_30_days_for_the_unit(
    old_case, team_nord, team_syd, caseworker, other_team_caseworker
):
    later = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        inquiry_date=CLOSED_ON - timedelta(days=60),
        closed_on=CLOSED_ON + timedelta(days=40),
        status="closed",
    )
    elsewhere = factories.CaseFactory(
        team=team_syd,
        caseworker=other_team_caseworker,
        inquiry_date=CLOSED_ON - timedelta(days=60),
        closed_on=CLOSED_ON,
        status="closed",
    )
    assert preview(unit_id=team_nord.pk, now=timezone.now()) == []  # nothing confirmed
    confirm()

    rows = preview(unit_id=team_nord.pk, now=timezone.now())

    assert [(row.case, row.kind, row.due_on, row.held) for row in rows] == [
        (old_case, Kind.SOCIAL_CASE, date(2026, 3, 20), False)
    ]
    assert later not in [row.case for row in rows]
    assert [row.case for row in preview(unit_id=team_syd.pk, now=timezone.now())] == [elsewhere]
    assert rows[0].due_on > TODAY


def test_the_command_runs_the_task_and_prints_the_counts(old_case, clock):
    confirm(Kind.SOCIAL_CASE)
    clock.move_to(NOW + timedelta(days=5), tick=False)
    out = StringIO()

    call_command("retention_run", stdout=out)

    assert json.loads(out.getvalue())["counts"]["social_case"] == {"deleted": 1, "held": 0}
    assert RetentionRun.objects.count() == 1


def test_the_task_is_scheduled_nightly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["retention-nightly"]
    assert entry["task"] == "rights.tasks.retention_task"
    assert retention_task.name == "rights.tasks.retention_task"


def test_notifications_of_a_held_case_stay(clock, case, old_case):
    clock.move_to(NOW - timedelta(days=400), tick=False)
    held_note = factories.NotificationFactory(case=case)
    other_note = factories.NotificationFactory(case=old_case)
    clock.move_to(NOW, tick=False)
    LegalHold.objects.create(citizen=case.citizen, case=case, kind=HoldKind.MANAGER, reason="x")
    confirm(Kind.NOTIFICATION)

    run = retention_run()

    assert run.counts["notification"] == {"deleted": 1, "held": 1}
    assert list(Notification.objects.values_list("pk", flat=True)) == [held_note.pk]
    assert not Notification.objects.filter(pk=other_note.pk).exists()
