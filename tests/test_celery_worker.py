"""Issue 2, acceptance 3: a task sent through the configured broker is executed by a real
Celery worker process against Redis (not eager mode)."""

from __future__ import annotations

import uuid

import pytest
from celery import Celery

from core.tasks import ping_task
from tests.celery_worker import celery_worker, dedicated_redis_db, redis_url_or_skip

pytestmark = pytest.mark.services

# Redis database number reserved for this test's broker and results.
REDIS_DB = 14


def test_task_sent_through_the_broker_runs_in_a_real_worker(tmp_path):
    broker = dedicated_redis_db(redis_url_or_skip(), REDIS_DB)
    env = {"REDIS_URL": broker, "CELERY_BROKER_URL": broker, "CELERY_RESULT_BACKEND": broker}
    # The project's Celery configuration, pointed at the test's own Redis database.
    # set_as_current=False: the tests' other task proxies must keep resolving to the real app.
    client = Celery("overgang-test", set_as_current=False)
    client.config_from_object("django.conf:settings", namespace="CELERY")
    client.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
    token = uuid.uuid4().hex

    with celery_worker(env, tmp_path / "worker.log") as worker:
        result = client.send_task(ping_task.name, args=[token])
        try:
            value = result.get(timeout=60)
        except Exception:
            log = (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
            pytest.fail(f"The worker did not run the task. Worker log:\n{log}")
        assert worker.poll() is None  # the worker is a separate, running process

    assert value == f"pong:{token}"
    assert result.status == "SUCCESS"
