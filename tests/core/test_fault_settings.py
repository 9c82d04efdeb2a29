"""Issue 16: the settings that bound faults: the Redis visibility timeout follows the task time
limit, connections time out, the outbox dispatchers are on the beat schedule and recovery of
a dead worker's e-mail fits in 2 minutes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings

from notifications.tasks import notifications_dispatch_task
from reports.tasks import report_jobs_dispatch_task

BASE_DIR = Path(__file__).resolve().parent.parent.parent

PRINT_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "visibility_timeout": s.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"],
    "broker_socket_timeout": s.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"],
    "result_socket_timeout": s.CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS["socket_timeout"],
    "task_time_limit": s.CELERY_TASK_TIME_LIMIT,
    "report_time_limit": __import__("reports.tasks").tasks.manager_report_task.time_limit,
    "conn_health_checks": s.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "connect_timeout": s.DATABASES["default"]["OPTIONS"]["connect_timeout"],
    "cache_socket_timeout": s.CACHES["default"]["OPTIONS"]["socket_timeout"],
}))
"""


def _production_like_settings() -> dict[str, Any]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "postgres://overgang@db.example:5432/overgang",
        "REDIS_URL": "redis://redis.example:6379/0",
        "CELERY_BROKER_URL": "redis://redis.example:6379/0",
    }
    code = "import django; django.setup()\n" + PRINT_SETTINGS
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_redis_and_postgresql_settings_bound_every_wait():
    s = _production_like_settings()
    # Longer than the longest task's hard limit (no task runs twice), yet minutes, not an hour.
    assert s["visibility_timeout"] > s["task_time_limit"] >= s["report_time_limit"]
    assert s["visibility_timeout"] <= 10 * 60
    assert s["conn_health_checks"] is True
    assert 0 < s["connect_timeout"] <= 10
    assert 0 < s["broker_socket_timeout"] <= 10
    assert 0 < s["result_socket_timeout"] <= 10
    assert 0 < s["cache_socket_timeout"] <= 10


def test_the_dispatchers_are_on_the_beat_schedule_and_recovery_fits_in_two_minutes():
    schedule = settings.CELERY_BEAT_SCHEDULE
    entries: dict[Any, Any] = {entry["task"]: entry["schedule"] for entry in schedule.values()}
    for task in (notifications_dispatch_task, report_jobs_dispatch_task):
        assert entries[task.name] <= timedelta(seconds=30)
    dispatch = entries[notifications_dispatch_task.name]
    claim = timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)
    assert claim > timedelta(seconds=settings.EMAIL_TIMEOUT)
    assert claim + dispatch <= timedelta(minutes=2)
