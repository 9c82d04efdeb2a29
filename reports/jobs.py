"""The worker's side of a report job: claim the queued job, make its file, record the result.
Called by `reports.tasks.manager_report_task`; the job is queued by
`reports.services.report_job_create`."""

from __future__ import annotations

import logging
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from . import documents
from .models import ReportJob
from .selectors import Period

# The logger keeps the name it had when this was in services.py: log filters select on it.
logger = logging.getLogger("reports.services")


def report_job_run(*, job_id: int, today: date | None = None) -> ReportJob | None:
    """Make the file of a queued job. Safe to run twice: only the worker that moves the job from
    queued to running makes it (a redelivered message after acks_late finds it taken).

    Deliberately not one transaction: the claim must be committed (and visible to the polling
    page as "running") before the minute-long rendering starts."""
    # Claim the job with a conditional UPDATE: of two workers given the same message, exactly
    # one sees a row count of 1.
    claimed = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(
        status=ReportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = ReportJob.objects.select_related("unit", "user").get(pk=job_id)
    period = Period(job.period_start, job.period_end)
    today = today or timezone.localdate()
    try:
        if job.file_format == ReportJob.Format.CSV:
            content = documents.manager_report_csv(
                unit=job.unit, period=period, user=job.user, today=today
            )
        else:
            content = documents.manager_report_pdf(
                unit=job.unit, period=period, user=job.user, today=today
            )
    except Exception:
        # The job page must not poll forever: record the failure, then let Celery see it too.
        logger.exception("Manager report job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportJob.Status.FAILED,
            error=_("Rapporten kunne ikke dannes. Prøv igen, eller kontakt support."),
            finished_at=timezone.now(),
        )
        raise
    job.content = content
    job.filename = documents.manager_report_filename(job.unit, period, job.file_format)
    job.status = ReportJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["content", "filename", "status", "finished_at"])
    return job
