"""Issue 16: web requests never talk to the broker (the notification rows are the outbox, the
dispatcher publishes them); beat sweeps once when it starts; a starting worker dispatches."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from celery.signals import beat_init, worker_ready
from django.core import mail
from django.urls import reverse

from config.celery import app as celery_app
from notifications.models import Notification
from notifications.tasks import notifications_dispatch_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_deliveries() -> list[tuple[Any, ...]]:
    """Overrides the directory's autouse fixture: here the real `delay` must run, so that a
    request that talked to the broker would show at the recording listener."""
    return []


class ConnectionRecorder:
    """A TCP listener standing in for an unreachable broker: it records every connection
    attempt and closes it at once (a request that tried to publish would fail or hang)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.attempts = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.attempts += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def _forget_connections() -> None:
    """Drop the app's cached connection and producer pools: the next publish connects anew,
    to the broker URL configured now."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down() -> Iterator[ConnectionRecorder]:
    """The Celery app's broker is the recording listener for the test."""
    recorder = ConnectionRecorder()
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url = f"redis://127.0.0.1:{recorder.port}/0"
    celery_app.conf.task_always_eager = False
    _forget_connections()
    try:
        yield recorder
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        _forget_connections()
        recorder.close()


def test_a_request_that_notifies_makes_no_broker_connection_and_mails_once_it_returns(
    client, other_team_caseworker, manager, case, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(other_team_caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases:break_glass"),
            {"case_number": case.number, "reason_code": "police", "reason": "Politiet ringer"},
        )
    assert response.status_code == 302
    # The request made the manager's notification and did not try the broker.
    assert Notification.objects.filter(recipient=manager, delivery_done=False).count() == 1
    assert broker_down.attempts == 0
    assert mail.outbox == []

    # The broker returns: the dispatcher (beat) publishes the delivery, which sends the e-mail.
    celery_app.conf.task_always_eager = True
    assert notifications_dispatch_task() is True
    assert notifications_dispatch_task() is False
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert Notification.objects.get(recipient=manager).emailed_at is not None


def test_beat_sweeps_once_when_it_starts():
    with mock.patch("notifications.tasks.reminder_sweep_task.delay") as delay:
        beat_init.send(sender=None)
    delay.assert_called_once_with()


def test_a_starting_worker_dispatches_the_outboxes():
    with (
        mock.patch("notifications.tasks.notifications_dispatch_task.delay") as notifications,
        mock.patch("reports.tasks.report_jobs_dispatch_task.delay") as reports,
    ):
        worker_ready.send(sender=None)
    notifications.assert_called_once_with()
    reports.assert_called_once_with()
