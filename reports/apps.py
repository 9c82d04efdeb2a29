from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def dispatch_when_worker_starts(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts publishes the report jobs that wait in the outbox."""
    # late import: tasks imports the models, not ready when this module is imported.
    from .tasks import report_jobs_dispatch_task

    report_jobs_dispatch_task.delay()


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")

    def ready(self) -> None:
        from celery.signals import worker_ready

        worker_ready.connect(
            dispatch_when_worker_starts, weak=False, dispatch_uid="reports.dispatch_at_worker_start"
        )
