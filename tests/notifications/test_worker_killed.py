"""Issue 16, acceptance 2: a real worker process is killed (SIGKILL) while it sends to a slow
local SMTP server, after the server took the message and before the worker recorded it. After
recovery (a second worker with its embedded beat running the dispatcher) every notification
is delivered, and each has exactly one distinct Message-ID at the server: the copy the dead
worker's message became is a duplicate any mail client drops.

The broker is kombu's file-system transport in the test's own folder (no Redis needed); the
worker needs a database it can share with the test: PostgreSQL (or a file-based SQLite)."""

from __future__ import annotations

import os
import signal
from collections import defaultdict
from pathlib import Path

import pytest
from django.db import connection

from notifications.delivery import notification_message_id
from notifications.models import Notification
from notifications.services import notify
from tests.celery_worker import celery_worker, wait_for
from tests.conftest import skip_or_fail
from tests.smtp_server import LocalSMTPServer

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SITE_URL = "https://overgang.kommune.example"


def _database_url_for_the_worker() -> str:
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
    name = str(s["NAME"])
    if connection.vendor == "sqlite" and "memory" not in name:
        return f"sqlite:///{name}"
    skip_or_fail(
        "a worker process cannot open SQLite's in-memory test database: run this test with "
        "DATABASE_URL=postgres://... (or a file-based SQLite test database)"
    )
    raise AssertionError  # not reached


def _worker_env(tmp_path: Path, smtp_port: int) -> dict[str, str]:
    broker_dir = tmp_path / "celery"
    return {
        "DATABASE_URL": _database_url_for_the_worker(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_FILESYSTEM_DIR": str(broker_dir),
        "CELERY_RESULT_BACKEND": f"file://{broker_dir / 'results'}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_TIMEOUT": "10",
        "NOTIFICATION_CLAIM_TIMEOUT_SECONDS": "11",
        "OUTBOX_DISPATCH_SECONDS": "1",
        "SITE_URL": SITE_URL,
        "ACCESS_LOG_ANCHOR_FILE": str(tmp_path / "access-log-anchors.jsonl"),
    }


def _log(path: Path) -> str:
    return path.read_text(errors="replace")[-4000:] if path.exists() else ""


def test_a_worker_killed_mid_send_resends_with_the_same_message_id(
    caseworker, manager, case, tmp_path, settings
):
    settings.SITE_URL = SITE_URL
    notify(
        recipients=[caseworker, manager],
        rule="break_glass",
        subject=case,
        threshold="granted",
        message="Nødadgang til en sag skal gennemgås",
        url="/indbakke/",
    )
    ours = list(
        Notification.objects.filter(subject_id=case.pk, rule="break_glass").values_list(
            "pk", flat=True
        )
    )
    assert len(ours) == 2

    with LocalSMTPServer() as smtp:
        env = _worker_env(tmp_path, smtp.port)
        smtp.state.slow.set()
        # The first worker dispatches the outbox when it starts, claims the first row and
        # sends; the server records the message and holds its reply; the worker is killed.
        first_log = tmp_path / "worker-1.log"
        with celery_worker(env, first_log) as worker:
            if not wait_for(lambda: smtp.state.received, timeout=90, interval=0.1):
                pytest.fail(f"The first worker sent nothing. Worker log:\n{_log(first_log)}")
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        [accepted] = smtp.state.received
        stuck = Notification.objects.get(recipient__email=accepted.recipients[0], pk__in=ours)
        assert stuck.claimed_at is not None and stuck.emailed_at is None
        assert not stuck.delivery_done

        # Recovery: a second worker with its embedded beat; the dispatcher finds the other row
        # at once and the dead worker's row once its claim is stale.
        smtp.state.slow.clear()
        second_log = tmp_path / "worker-2.log"
        with celery_worker(
            env, second_log, extra_args=("-B", "--schedule", str(tmp_path / "beat-schedule"))
        ):
            done = wait_for(
                lambda: (
                    Notification.objects.filter(
                        pk__in=ours, delivery_done=True, emailed_at__isnull=False
                    ).count()
                    == 2
                ),
                timeout=120,
            )
            if not done:
                pytest.fail(f"Not recovered within 120 s. Worker log:\n{_log(second_log)}")
        received = list(smtp.state.received)

    ids_by_recipient: dict[str, list[str]] = defaultdict(list)
    for message in received:
        ids_by_recipient[message.recipients[0]].append(message.message_id)
    for row in Notification.objects.filter(pk__in=ours).select_related("recipient"):
        ids = ids_by_recipient[row.recipient.email]
        assert set(ids) == {notification_message_id(row)}, ids
        assert row.claimed_at is None
    # The killed worker's message reached the server twice, with one Message-ID; the other once.
    assert len(ids_by_recipient[stuck.recipient.email]) == 2
    assert sum(len(ids) for ids in ids_by_recipient.values()) == 3
