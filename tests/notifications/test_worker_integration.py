"""Integration: a real Celery worker process receives the sweep through Redis, makes the
notification in the test's database and e-mails it (not eager mode)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery import Celery
from django.db import connection

from notifications.models import Notification
from notifications.tasks import reminder_sweep_task
from tests.celery_worker import celery_worker, dedicated_redis_db, redis_url_or_skip, wait_for
from tests.conftest import skip_or_fail

from .conftest import TODAY, make_case

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# Redis database number reserved for this test's broker and results.
REDIS_DB = 13


def _database_url_for_the_worker() -> str:
    """A DATABASE_URL naming the very database this test writes to."""
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


def test_worker_process_sweeps_and_emails_through_redis(caseworker, team_nord, tmp_path):
    database_url = _database_url_for_the_worker()
    broker = dedicated_redis_db(redis_url_or_skip(), REDIS_DB)
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    case = make_case(
        caseworker=caseworker,
        team=team_nord,
        status="referred",
        inquiry_date=TODAY - timedelta(days=15),
        guarantee_deadline=TODAY - timedelta(days=1),
    )
    env = {
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "0",
        "REDIS_URL": broker,
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "SITE_URL": "https://overgang.kommune.example",
        "ACCESS_LOG_ANCHOR_FILE": str(tmp_path / "access-log-anchors.jsonl"),
    }
    # set_as_current=False: the tests' other task proxies must keep resolving to the real app.
    client = Celery("overgang-test", set_as_current=False)
    client.config_from_object("django.conf:settings", namespace="CELERY")
    client.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)

    with celery_worker(env, tmp_path / "worker.log"):
        client.send_task(reminder_sweep_task.name, kwargs={"today": TODAY.isoformat()})
        emailed = wait_for(
            lambda: Notification.objects.filter(
                recipient=caseworker, emailed_at__isnull=False
            ).first(),
            timeout=60,
        )
        if emailed is None:
            log = (tmp_path / "worker.log").read_text(errors="replace")[-4000:]
            pytest.fail(f"No e-mailed notification within 60 s. Worker log:\n{log}")

    assert emailed.rule == "guarantee_breached"
    assert emailed.case_id == case.pk
    assert emailed.threshold == f"breached:{(TODAY - timedelta(days=1)).isoformat()}"
    mails = "".join(p.read_text() for p in mail_dir.iterdir())
    assert caseworker.email in mails
    assert "Behandlingsgarantien er overskredet" in mails
    assert f"https://overgang.kommune.example/sager/{case.pk}/" in mails
    assert case.citizen.last_name not in mails
