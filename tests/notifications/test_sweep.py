"""The sweep notifies once per (recipient, rule, subject, threshold), however often and on
however many workers it runs, with a number of queries that does not grow with the cases."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.reminder_sweep import KINDS, build_sweep_data
from cases.models import Case
from notifications.models import Notification
from notifications.rules import RULES
from notifications.services import notify
from notifications.sweep import reminder_sweep
from notifications.tasks import notifications_dispatch_task as dispatch_task
from notifications.tasks import reminder_sweep_task
from tests.clock import REMINDER_DAY
from tests.concurrency import run_at_once
from transitions.models import CheckIn

from .conftest import make_case, make_checkin, make_transition


@pytest.fixture(autouse=True)
def _without_the_register_check_list(monkeypatch):
    """These tests count the reminders of the cases they make. REMINDER_DAY (10 March 2026) is
    also a notice day of the register check list, whose rows the same cases would fill (their
    team has no municipality code); the list has tests of its own
    (tests/reports/test_register_check.py)."""
    monkeypatch.delitem(RULES, "register_check")


def _keys() -> Counter:
    return Counter(
        Notification.objects.values_list(
            "recipient_id", "rule", "subject_type_id", "subject_id", "threshold"
        )
    )


@pytest.fixture
def due_cases(caseworker, manager, team_nord, residential_offer, outpatient_therapist):
    """A case a day past its guarantee (caseworker + manager) and one with a check-in due."""
    make_case(
        caseworker=caseworker,
        team=team_nord,
        status="referred",
        inquiry_date=REMINDER_DAY - timedelta(days=15),
        guarantee_deadline=REMINDER_DAY - timedelta(days=1),
    )
    # Its doctor's consultation was held before the start (SUL § 142, stk. 1-2: every drug
    # basis), so the consultation reminder has nothing to say.
    other = make_case(
        caseworker=caseworker,
        team=team_nord,
        doctor_consultation_on=REMINDER_DAY - timedelta(days=90),
    )
    transition = make_transition(
        other, residential_offer, outpatient_therapist=outpatient_therapist
    )
    make_checkin(transition, due_on=REMINDER_DAY)


# --- notify() ---------------------------------------------------------------------------------


def test_notify_creates_one_per_recipient_once_and_links_the_case(
    transition_checkin, caseworker, outpatient_therapist
):
    kwargs = {
        "recipients": [caseworker, outpatient_therapist.pk, caseworker],
        "rule": "checkin_due",
        "subject": transition_checkin,
        "threshold": "due:2026-03-10",
        "message": "Et tjek-ind skal gennemføres.",
        "url": "/sager/1/",
    }
    assert notify(**kwargs) == 2
    assert notify(**kwargs) == 0
    rows = Notification.objects.all()
    assert {n.recipient_id for n in rows} == {caseworker.pk, outpatient_therapist.pk}
    assert {n.case_id for n in rows} == {transition_checkin.transition.case_id}
    assert {n.subject for n in rows} == {transition_checkin}
    assert {n.due_on for n in rows} == {REMINDER_DAY}


def test_notify_queues_nothing_the_rows_are_the_outbox(
    transition_checkin, caseworker, queued_deliveries, django_capture_on_commit_callbacks
):
    """Issue 16: notify runs inside web requests (break the glass, a reduced commitment); it
    must not talk to the broker. The dispatcher publishes the rows' delivery."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(
            recipients=[caseworker],
            rule="checkin_due",
            subject=transition_checkin,
            threshold="due:2026-03-10",
            message="x",
            url="/",
        )
    assert callbacks == []
    assert queued_deliveries == []
    assert dispatch_task() is True
    assert queued_deliveries == [()]


@pytest.fixture
def transition_checkin(caseworker, team_nord, residential_offer) -> CheckIn:
    case = make_case(caseworker=caseworker, team=team_nord)
    return make_checkin(make_transition(case, residential_offer), due_on=REMINDER_DAY)


# --- The sweep --------------------------------------------------------------------------------


def test_sweep_twice_notifies_once(due_cases, caseworker, manager, outpatient_therapist):
    first = reminder_sweep(today=REMINDER_DAY)
    second = reminder_sweep(today=REMINDER_DAY)
    keys = _keys()
    assert first == 3 and second == 0
    assert set(keys.values()) == {1}
    assert {(r, rule) for r, rule, *_ in keys} == {
        (caseworker.pk, "guarantee_breached"),
        (manager.pk, "guarantee_breached"),
        (outpatient_therapist.pk, "checkin_due"),
    }


def test_sweep_task_takes_a_fixed_day(due_cases, queued_deliveries):
    assert reminder_sweep_task(today=REMINDER_DAY.isoformat()) == 3
    assert reminder_sweep_task(today=REMINDER_DAY.isoformat()) == 0
    # The sweep runs in a worker and queues delivery at once, also with nothing new.
    assert queued_deliveries == [(), ()]


def test_sweep_logs_counts_but_no_personal_data(due_cases, caplog):
    case = Case.objects.select_related("citizen").first()
    assert case is not None
    with caplog.at_level(logging.INFO, logger="notifications"):
        reminder_sweep(today=REMINDER_DAY)
    text = caplog.text
    assert "reminder rule guarantee: 1 subjects" in text
    assert "reminder rule checkin: 1 subjects" in text
    for secret in (case.citizen.first_name, case.citizen.last_name, case.citizen.cpr, case.number):
        assert secret and secret not in text


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_notify_once(due_cases):
    """Two threads (two connections) run the sweep at the same moment. On PostgreSQL they
    really overlap: the second insert waits on the unique index and skips the rows. SQLite
    allows one writer at a time (its test database is in-memory and shared, where a second
    writer fails at once instead of waiting), so there the sweeps take turns."""
    results = run_at_once(
        lambda: reminder_sweep(today=REMINDER_DAY), lambda: reminder_sweep(today=REMINDER_DAY)
    )

    keys = _keys()
    assert len(keys) == 3
    assert set(keys.values()) == {1}
    # In the race the counts are best effort, but together they never exceed the rows.
    assert 3 <= sum(results) <= 6


def test_sweep_query_count_does_not_grow_with_the_cases(caseworker, team_nord, residential_offer):
    fixtures = {"caseworker": caseworker, "team": team_nord, "offer": residential_offer}
    ContentType.objects.get_for_models(Case, CheckIn)  # warm the content-type cache
    build_sweep_data(10, today=REMINDER_DAY, **fixtures)
    reminder_sweep(today=REMINDER_DAY)  # warm-up: content types of every subject model
    Notification.objects.all().delete()

    with CaptureQueriesContext(connection) as small:
        created_small = reminder_sweep(today=REMINDER_DAY)
    rules_small = set(Notification.objects.values_list("rule", flat=True))
    Notification.objects.all().delete()
    build_sweep_data(190, today=REMINDER_DAY, start=10, **fixtures)
    with CaptureQueriesContext(connection) as large:
        created_large = reminder_sweep(today=REMINDER_DAY)

    # Every swept rule found subjects in both runs ...
    assert len(rules_small) == len(KINDS) + 1  # the discharge kind is due for two rules
    assert set(Notification.objects.values_list("rule", flat=True)) == rules_small
    assert created_large > 15 * created_small // 2
    # ... and the number of queries is the same for 10 and for 200 cases.
    assert len(large.captured_queries) == len(small.captured_queries), [
        q["sql"][:120] for q in large.captured_queries
    ]


@pytest.mark.parametrize(
    ("threshold", "due_on"),
    [("7d:2026-03-17", "2026-03-17"), ("missed-2026-03-09", "2026-03-09"), ("change-17", None)],
)
def test_notify_reads_the_date_for_the_email_from_the_key(
    transition_checkin, caseworker, threshold, due_on
):
    notify(
        recipients=[caseworker],
        rule="commitment_reduced",
        subject=transition_checkin,
        threshold=threshold,
        message="En aftalt indsats er reduceret.",
        url="/",
    )
    row = Notification.objects.get()
    assert (row.due_on.isoformat() if row.due_on else None) == due_on
