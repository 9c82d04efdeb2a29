"""Celery tasks of the reports app."""

from __future__ import annotations

from celery import shared_task

from .jobs import report_job_run


@shared_task(
    name="reports.tasks.manager_report_task",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def manager_report_task(job_id: int) -> str | None:
    """Make the file of one manager report job (queued by reports.services.report_job_create)."""
    job = report_job_run(job_id=job_id)
    return None if job is None else job.status
