from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self) -> None:
        from cases import hooks
        from transitions import hooks as transition_hooks

        from .panels import CASE_REPORT_PANEL

        # The report buttons on the case page and the handover page (STYLE §3b: the lower
        # apps name the place, reports fills it).
        hooks.case_page_panels.register(CASE_REPORT_PANEL)
        transition_hooks.transition_page_panels.register(CASE_REPORT_PANEL)
