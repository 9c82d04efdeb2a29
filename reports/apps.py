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

        from cases import hooks
        from transitions import hooks as transition_hooks

        from .panels import CASE_REPORT_PANEL, TRANSITION_REPORT_PANEL

        worker_ready.connect(
            dispatch_when_worker_starts, weak=False, dispatch_uid="reports.dispatch_at_worker_start"
        )
        # The report buttons on the case page and the handover page (STYLE §3b: the lower
        # apps name the place, reports fills it).
        hooks.case_page_panels.register(CASE_REPORT_PANEL)
        transition_hooks.transition_page_panels.register(TRANSITION_REPORT_PANEL)
