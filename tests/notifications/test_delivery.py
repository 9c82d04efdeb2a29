"""E-mail delivery: once, only after the server accepted it, retried with back-off, never with
personal data in it."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from notifications import delivery
from notifications.delivery import (
    backoff_seconds,
    notification_message_id,
    notifications_deliver,
)
from notifications.models import Notification
from notifications.sweep import reminder_sweep
from notifications.tasks import (
    DeliveryFailed,
    deliver_notifications_task,
    notifications_dispatch_task,
)
from tests import factories
from tests.clock import REMINDER_DAY, at
from tests.concurrency import run_at_once

from .conftest import make_case

# The delivery runs at 08:00 on the reminder day (the tests that take the `clock` fixture).
SEND_AT = at(REMINDER_DAY, 8)


@pytest.fixture
def frozen_at():
    return SEND_AT


class FlakyBackend(BaseEmailBackend):
    """Refuses the first `failures` messages (the server drops the connection), then accepts."""

    failures = 0
    sent: list = []

    def send_messages(self, email_messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed: mail.kommune.example")
        FlakyBackend.sent.extend(email_messages)
        return len(email_messages)


class SlowBackend(BaseEmailBackend):
    """Accepts after a pause, so that two concurrent deliveries overlap."""

    sent: list = []
    lock = threading.Lock()

    def send_messages(self, email_messages):
        time.sleep(0.5)
        with SlowBackend.lock:
            SlowBackend.sent.extend(email_messages)
        return len(email_messages)


@pytest.fixture
def breached_case(caseworker, manager, team_nord):
    """Guarantee breached: the caseworker and the manager get a notification."""
    return make_case(
        caseworker=caseworker,
        team=team_nord,
        status="referred",
        inquiry_date=REMINDER_DAY - timedelta(days=15),
        guarantee_deadline=REMINDER_DAY - timedelta(days=1),
        inquiry_note="FRITEKST-MARKØR-7731 borgeren ringede fra Vesterbro",
        decision_text="FRITEKST-MARKØR-7732",
        assessment_social="FRITEKST-MARKØR-7733",
        citizen=factories.CitizenFactory(
            first_name="Xenia", last_name="Zebrasen", cpr="040404-4321", phone="12345678"
        ),
    )


def test_email_goes_to_users_who_want_it_in_danish_with_date_and_link(
    breached_case, caseworker, manager, settings
):
    settings.SITE_URL = "https://overgang.kommune.example"
    manager.wants_email_notifications = False
    manager.save()
    reminder_sweep(today=REMINDER_DAY)

    result = notifications_deliver()

    assert (result.sent, result.failed) == (1, 0)
    [message] = mail.outbox
    assert message.to == [caseworker.email]
    assert message.subject == "Overgang: Behandlingsgarantien er overskredet"
    deadline = (REMINDER_DAY - timedelta(days=1)).strftime("%d.%m.%Y")
    assert f"Dato: {deadline}" in message.body
    assert f"https://overgang.kommune.example/sager/{breached_case.pk}/" in message.body
    rows = {n.recipient_id: n for n in Notification.objects.all()}
    assert rows[caseworker.pk].emailed_at is not None
    # The manager's stays in the inbox, settled without e-mail.
    assert rows[manager.pk].emailed_at is None and rows[manager.pk].delivery_done


def test_email_holds_no_name_cpr_or_free_text_from_the_case(breached_case, caseworker):
    reminder_sweep(today=REMINDER_DAY)
    notifications_deliver()
    assert len(mail.outbox) == 2
    citizen = breached_case.citizen
    secrets = [
        citizen.first_name,
        citizen.last_name,
        citizen.cpr,
        citizen.cpr.replace("-", ""),
        citizen.phone,
        "FRITEKST-MARKØR",
        "Vesterbro",
        breached_case.number,
        caseworker.first_name,
    ]
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}\n{message.to}"
        for secret in secrets:
            assert secret not in text, secret
    for notification in Notification.objects.all():
        for secret in secrets[:-2]:
            assert secret not in notification.message


def test_mail_server_failing_twice_then_succeeding_sends_once(
    breached_case, caseworker, settings, clock
):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.sent = 2, []
    caseworker_only = breached_case.team.members.exclude(pk=caseworker.pk)
    caseworker_only.update(wants_email_notifications=False)
    reminder_sweep(today=REMINDER_DAY)
    row = Notification.objects.get(recipient=caseworker)

    with pytest.raises(DeliveryFailed):
        deliver_notifications_task()
    row.refresh_from_db()
    assert (row.delivery_attempts, row.emailed_at) == (1, None)
    assert row.last_error == "SMTPServerDisconnected"  # never the server's text
    assert row.next_attempt_at == SEND_AT + timedelta(seconds=backoff_seconds(1))

    # Too early: the row waits for its back-off, nothing is tried.
    assert deliver_notifications_task() == 0
    assert row.delivery_attempts == Notification.objects.get(pk=row.pk).delivery_attempts

    clock.shift(timedelta(seconds=backoff_seconds(1)))
    with pytest.raises(DeliveryFailed):
        deliver_notifications_task()
    row.refresh_from_db()
    assert row.delivery_attempts == 2
    assert row.next_attempt_at - timezone.now() == timedelta(seconds=backoff_seconds(2))
    assert backoff_seconds(2) == 2 * backoff_seconds(1)

    clock.shift(timedelta(seconds=backoff_seconds(2)))
    assert deliver_notifications_task() == 1
    assert deliver_notifications_task() == 0

    assert len(FlakyBackend.sent) == 1
    row.refresh_from_db()
    assert row.emailed_at is not None and row.delivery_done
    assert (row.delivery_attempts, row.last_error) == (3, "")


def test_preference_is_read_when_sending(breached_case, caseworker, manager):
    reminder_sweep(today=REMINDER_DAY)
    caseworker.wants_email_notifications = False
    caseworker.save()
    notifications_deliver()
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_given_up_email_stays_in_the_inbox(breached_case, caseworker, settings, monkeypatch, clock):
    monkeypatch.setattr(delivery, "MAX_EMAIL_ATTEMPTS", 1)
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.sent = 10, []
    reminder_sweep(today=REMINDER_DAY)
    notifications_deliver()
    clock.shift(timedelta(hours=1))
    notifications_deliver()
    rows = Notification.objects.all()
    assert all(n.delivery_done and n.emailed_at is None for n in rows)
    assert all(n.last_error == "SMTPServerDisconnected" for n in rows)
    assert rows.filter(read_at__isnull=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_email(breached_case, settings):
    """Two delivery runs at once. On PostgreSQL the second skips the row the first holds
    (select_for_update skip_locked) or finds it already sent; SQLite's shared in-memory test
    database cannot wait for a writer, so there the runs take turns."""
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    SlowBackend.sent = []
    reminder_sweep(today=REMINDER_DAY)
    run_at_once(notifications_deliver, notifications_deliver)

    assert sorted(m.to[0] for m in SlowBackend.sent) == sorted(
        Notification.objects.values_list("recipient__email", flat=True)
    )
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


# --- Issue 16: a worker that dies mid-send ----------------------------------------------------


class WorkerDies(BaseException):
    """Stands for SIGKILL: not an Exception, so delivery's error handling never sees it."""


class DyingBackend(BaseEmailBackend):
    """The mail server accepts the message, then the worker dies before it records the send.
    It also notes what the database said about the row at the moment of sending."""

    die = True
    sent: list = []
    claims_seen: list = []

    def send_messages(self, email_messages):
        for message in email_messages:
            row = Notification.objects.get(recipient__email=message.to[0])
            DyingBackend.claims_seen.append((row.claimed_at, row.delivery_attempts))
        DyingBackend.sent.extend(email_messages)
        if DyingBackend.die:
            raise WorkerDies
        return len(email_messages)


def test_every_email_has_a_stable_message_id_from_its_notification(
    breached_case, caseworker, settings
):
    settings.SITE_URL = "https://overgang.kommune.example"
    reminder_sweep(today=REMINDER_DAY)
    notifications_deliver()
    row = Notification.objects.get(recipient=caseworker)
    [message] = [m for m in mail.outbox if m.to == [caseworker.email]]
    assert message.message()["Message-ID"] == f"<notification-{row.pk}@overgang.kommune.example>"
    assert notification_message_id(row) == f"<notification-{row.pk}@overgang.kommune.example>"


def test_claim_is_committed_before_the_send_and_a_dead_workers_claim_is_recovered(
    breached_case, caseworker, settings, clock, queued_deliveries
):
    settings.EMAIL_BACKEND = f"{__name__}.DyingBackend"
    settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS = 60
    DyingBackend.die, DyingBackend.sent, DyingBackend.claims_seen = True, [], []
    breached_case.team.members.exclude(pk=caseworker.pk).update(wants_email_notifications=False)
    reminder_sweep(today=REMINDER_DAY)

    with pytest.raises(WorkerDies):
        notifications_deliver()
    # At the send the claim was already in the database; the worker died before recording.
    assert DyingBackend.claims_seen == [(SEND_AT, 1)]
    row = Notification.objects.get(recipient=caseworker)
    assert (row.claimed_at, row.emailed_at, row.delivery_done) == (SEND_AT, None, False)

    # While the claim is fresh, no other run sends (the claimer might still be sending) ...
    clock.shift(timedelta(seconds=59))
    assert notifications_dispatch_task() is False
    assert notifications_deliver().sent == 0
    # ... once it is stale, the dispatcher publishes the delivery, which sends it again.
    clock.shift(timedelta(seconds=2))
    assert notifications_dispatch_task() is True
    assert queued_deliveries == [()]
    DyingBackend.die = False
    assert deliver_notifications_task() == 1

    first, second = DyingBackend.sent
    assert first.message()["Message-ID"] == second.message()["Message-ID"]
    assert first.message()["Message-ID"] == notification_message_id(row)
    row.refresh_from_db()
    assert row.delivery_done and row.emailed_at is not None and row.claimed_at is None
    assert row.delivery_attempts == 2
    assert notifications_dispatch_task() is False
