"""Celery tasks of the reports app: a manager report job, and the dispatcher that publishes
queued jobs (the job rows are the outbox; a web request never talks to the broker)."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .jobs import report_job_run
from .models import ReportJob

# A job still queued this long after it was published lost its message (a broker restart
# without persistence, a worker that died before it claimed the job): publish it again. Safe
# either way: only the worker that moves a job from queued to running makes it.
REPUBLISH_AFTER = timedelta(minutes=10)


@shared_task(
    name="reports.tasks.manager_report_task",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def manager_report_task(job_id: int) -> str | None:
    """Make the file of one manager report job (published by report_jobs_dispatch_task)."""
    job = report_job_run(job_id=job_id)
    return None if job is None else job.status


def report_jobs_publish() -> list[int]:
    """Publish every queued job not published yet (or long ago); returns their ids."""
    now = timezone.now()
    with transaction.atomic():
        # The race: two dispatchers at once (two beats, a worker start). The row lock with
        # skip_locked gives each job to one of them; the other skips it.
        ids = list(
            ReportJob.objects.select_for_update(skip_locked=True)
            .filter(status=ReportJob.Status.QUEUED)
            .exclude(published_at__gte=now - REPUBLISH_AFTER)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
        ReportJob.objects.filter(pk__in=ids).update(published_at=now)
    for job_id in ids:
        manager_report_task.delay(job_id)
    return ids


@shared_task(name="reports.tasks.report_jobs_dispatch_task", acks_late=True)
def report_jobs_dispatch_task() -> int:
    """The report outbox's dispatcher (beat, every OUTBOX_DISPATCH_SECONDS, and at worker
    start): publish the queued manager report jobs."""
    return len(report_jobs_publish())
