"""The reminders of access requests and complaints (issue 14, acceptance 6), swept with the
others under a frozen clock: made once, not again at the next sweep, with no personal data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from notifications import tasks
from notifications.models import Notification, Rule
from notifications.sweep import reminder_sweep
from rights.models import AccessRequest
from rights.services import access_request_close, access_request_register, complaint_register
from tests.clock import TODAY, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture(autouse=True)
def queued_deliveries(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(tasks.deliver_notifications_task, "delay", lambda *a: calls.append(a))
    return calls


def _sent(rule: Rule) -> list[tuple[int, str]]:
    return sorted(Notification.objects.filter(rule=rule).values_list("recipient_id", "threshold"))


@pytest.fixture
def access_request(case, caseworker, manager):
    # Monday 16 March 2026: the 7 working days end Wednesday 25 March.
    return access_request_register(
        actor=caseworker, case=case, kind=AccessRequest.Kind.PUBLIC_ACCESS, received_on=TODAY
    )


def test_no_reminder_before_2_working_days_before_the_deadline(access_request, clock):
    clock.move_to(at(date(2026, 3, 20)), tick=False)
    reminder_sweep()
    assert _sent(Rule.ACCESS_REQUEST_DUE) == []


def test_the_handler_and_the_managers_are_reminded_once(access_request, caseworker, manager, clock):
    clock.move_to(at(date(2026, 3, 23)), tick=False)  # 2 working days before
    assert reminder_sweep() >= 2
    expected = sorted([(caseworker.pk, "before:2026-03-25"), (manager.pk, "before:2026-03-25")])
    assert _sent(Rule.ACCESS_REQUEST_DUE) == expected
    reminder_sweep()
    clock.move_to(at(date(2026, 3, 24)), tick=False)
    reminder_sweep()
    assert _sent(Rule.ACCESS_REQUEST_DUE) == expected, "notified once, not at the next sweeps"


def test_the_deadline_day_reminds_again_once(access_request, caseworker, manager, clock):
    clock.move_to(at(date(2026, 3, 23)), tick=False)
    reminder_sweep()
    clock.move_to(at(date(2026, 3, 25)), tick=False)
    reminder_sweep()
    reminder_sweep()
    due = [row for row in _sent(Rule.ACCESS_REQUEST_DUE) if row[1].startswith("due:")]
    assert due == sorted([(caseworker.pk, "due:2026-03-25"), (manager.pk, "due:2026-03-25")])


def test_a_closed_request_does_not_remind(access_request, caseworker, clock):
    access_request_close(
        actor=caseworker, request=access_request, status="answered", closed_on=TODAY
    )
    clock.move_to(at(date(2026, 3, 25)), tick=False)
    reminder_sweep()
    assert _sent(Rule.ACCESS_REQUEST_DUE) == []


def test_the_reminder_carries_no_personal_data(access_request, case, clock):
    clock.move_to(at(date(2026, 3, 25)), tick=False)
    reminder_sweep()
    messages = list(
        Notification.objects.filter(rule=Rule.ACCESS_REQUEST_DUE).values_list("message", flat=True)
    )
    assert messages
    for message in messages:
        assert case.citizen.first_name not in message
        assert case.citizen.last_name not in message
        assert case.citizen.cpr not in message
        assert "25.03.2026" in message


def test_an_open_complaint_reminds_after_4_weeks_once(case, caseworker, manager, clock):
    complaint_register(actor=caseworker, case=case, received_on=TODAY, about="decision")
    clock.move_to(at(TODAY + timedelta(days=27)), tick=False)
    reminder_sweep()
    assert _sent(Rule.COMPLAINT_OPEN) == []
    clock.move_to(at(TODAY + timedelta(days=28)), tick=False)
    reminder_sweep()
    reminder_sweep()
    expected = sorted([(caseworker.pk, "4w:2026-03-16"), (manager.pk, "4w:2026-03-16")])
    assert _sent(Rule.COMPLAINT_OPEN) == expected
    clock.move_to(at(TODAY + timedelta(days=35)), tick=False)
    reminder_sweep()
    assert _sent(Rule.COMPLAINT_OPEN) == expected


def test_a_forwarded_complaint_does_not_remind(case, caseworker, clock):
    complaint = complaint_register(actor=caseworker, case=case, received_on=TODAY, about="decision")
    complaint.status = "forwarded"
    complaint.save(update_fields=["status"])
    clock.move_to(at(TODAY + timedelta(days=28)), tick=False)
    reminder_sweep()
    assert _sent(Rule.COMPLAINT_OPEN) == []
