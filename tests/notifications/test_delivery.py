"""E-mail delivery: once, only after the server accepted it, retried with back-off, never with
personal data in it."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, connections
from django.utils import timezone

from notifications import delivery
from notifications.delivery import backoff_seconds, notifications_deliver
from notifications.models import Notification
from notifications.sweep import reminder_sweep
from notifications.tasks import DeliveryFailed, deliver_notifications_task
from tests import factories

from .conftest import TODAY, make_case

NOW = timezone.make_aware(datetime(2026, 3, 10, 8, 0))


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
        inquiry_date=TODAY - timedelta(days=15),
        guarantee_deadline=TODAY - timedelta(days=1),
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
    reminder_sweep(today=TODAY)

    result = notifications_deliver()

    assert (result.sent, result.failed) == (1, 0)
    [message] = mail.outbox
    assert message.to == [caseworker.email]
    assert message.subject == "Overgang: Behandlingsgarantien er overskredet"
    deadline = (TODAY - timedelta(days=1)).strftime("%d.%m.%Y")
    assert f"Dato: {deadline}" in message.body
    assert f"https://overgang.kommune.example/sager/{breached_case.pk}/" in message.body
    rows = {n.recipient_id: n for n in Notification.objects.all()}
    assert rows[caseworker.pk].emailed_at is not None
    # The manager's stays in the inbox, settled without e-mail.
    assert rows[manager.pk].emailed_at is None and rows[manager.pk].delivery_done


def test_email_holds_no_name_cpr_or_free_text_from_the_case(breached_case, caseworker):
    reminder_sweep(today=TODAY)
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


def test_mail_server_failing_twice_then_succeeding_sends_once(breached_case, caseworker, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.sent = 2, []
    caseworker_only = breached_case.team.members.exclude(pk=caseworker.pk)
    caseworker_only.update(wants_email_notifications=False)
    reminder_sweep(today=TODAY)
    row = Notification.objects.get(recipient=caseworker)

    with time_machine.travel(NOW, tick=False) as clock:
        with pytest.raises(DeliveryFailed):
            deliver_notifications_task()
        row.refresh_from_db()
        assert (row.delivery_attempts, row.emailed_at) == (1, None)
        assert row.last_error == "SMTPServerDisconnected"  # never the server's text
        assert row.next_attempt_at == NOW + timedelta(seconds=backoff_seconds(1))

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
    reminder_sweep(today=TODAY)
    caseworker.wants_email_notifications = False
    caseworker.save()
    notifications_deliver()
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_given_up_email_stays_in_the_inbox(breached_case, caseworker, settings, monkeypatch):
    monkeypatch.setattr(delivery, "MAX_EMAIL_ATTEMPTS", 1)
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.sent = 10, []
    reminder_sweep(today=TODAY)
    with time_machine.travel(NOW, tick=False) as clock:
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
    reminder_sweep(today=TODAY)
    serialise = threading.Lock() if connection.vendor == "sqlite" else None
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            if serialise:
                with serialise:
                    notifications_deliver()
            else:
                notifications_deliver()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert errors == []
    assert sorted(m.to[0] for m in SlowBackend.sent) == sorted(
        Notification.objects.values_list("recipient__email", flat=True)
    )
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2
