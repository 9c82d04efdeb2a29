"""Report jobs: a manager report made in the background, and the role permission for reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ReportJob(models.Model):
    """One manager report made by a Celery worker. The page polls the job until it is done;
    the finished file is kept in the row (a few hundred kB at most) so that web and worker need
    no shared file system."""

    class Kind(models.TextChoices):
        MANAGER_REPORT = "manager_report", _("Lederrapport")

    class Format(models.TextChoices):
        PDF = "pdf", _("PDF")
        CSV = "csv", _("CSV (regneark)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("I gang")
        DONE = "done", _("Færdig")
        FAILED = "failed", _("Fejlet")

    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.MANAGER_REPORT)
    file_format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_jobs"
    )
    unit = models.ForeignKey("accounts.Unit", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(_("fra"))
    period_end = models.DateField(_("til"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    content = models.BinaryField(null=True, blank=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the dispatcher last published the queued job to the broker (the job rows are the
    # outbox: a web request never talks to the broker). Republished if still queued long after.
    published_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rapportjob")
        verbose_name_plural = _("rapportjob")
        ordering = ["-created_at", "-pk"]
        # Role-wide: managers make manager reports and register extracts (for their own unit,
        # checked in the views). accounts.roles lists it for the Leder role.
        permissions = [("view_reports", _("Kan lave lederrapporter og registerudtræk"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_job_period"
            )
        ]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start} - {self.period_end}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
