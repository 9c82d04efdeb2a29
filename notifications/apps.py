from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def sweep_when_beat_starts(sender: Any = None, **kwargs: Any) -> None:
    """Beat's first sweep would come REMINDER_SWEEP_MINUTES after it starts: queue one at once,
    so a fresh start or a deploy shows the reminders that are due (DESIGN §6)."""
    # late import: tasks imports the rules and every app's models, not ready at import time.
    from .tasks import reminder_sweep_task

    reminder_sweep_task.delay()


def dispatch_when_worker_starts(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts publishes what waits in the outbox (after an outage, a deploy)."""
    # late import: tasks imports the rules and every app's models, not ready at import time.
    from .tasks import notifications_dispatch_task

    notifications_dispatch_task.delay()


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Påmindelser")

    def ready(self) -> None:
        from celery.signals import beat_init, worker_ready

        from accounts.hooks import user_row_annotation_register
        from cases import hooks as case_hooks
        from cases.hooks import glass_broken, glass_reviewed
        from transitions import hooks as handover_hooks

        from .access import follow_up_holders
        from .panels import FOLLOW_UP_PANEL
        from .rules import (
            close_break_glass_task,
            handover_events,
            notify_managers_of_break_glass,
        )
        from .selectors import UNREAD_ATTRIBUTE, unread_count_expression

        # The header's unread count, read with the request's user row (issue 17).
        user_row_annotation_register(UNREAD_ATTRIBUTE, unread_count_expression)
        # The legal follow-up on the case page, and the provider holding it (BEK 1477 § 4).
        case_hooks.case_page_panels.register(FOLLOW_UP_PANEL)
        case_hooks.after_course_holders.register(follow_up_holders)
        glass_broken.connect(
            notify_managers_of_break_glass,
            weak=False,
            dispatch_uid="notifications.notify_managers_of_break_glass",
        )
        glass_reviewed.connect(
            close_break_glass_task,
            weak=False,
            dispatch_uid="notifications.close_break_glass_task",
        )
        # The handover's immediate reminders (§5.2, §5.9); see notifications.rules.handover_events.
        handover_hooks.commitment_reduced.connect(
            handover_events.commitment_reduced_notify,
            weak=False,
            dispatch_uid="notifications.commitment_reduced_notify",
        )
        handover_hooks.commitment_changed.connect(
            handover_events.commitment_changed_notify,
            weak=False,
            dispatch_uid="notifications.commitment_changed_notify",
        )
        handover_hooks.checkin_schedule_changed.connect(
            handover_events.checkin_schedule_changed_notify,
            weak=False,
            dispatch_uid="notifications.checkin_schedule_changed_notify",
        )
        handover_hooks.first_appointment_missed.connect(
            handover_events.first_appointment_missed_notify,
            weak=False,
            dispatch_uid="notifications.first_appointment_missed_notify",
        )
        beat_init.connect(
            sweep_when_beat_starts, weak=False, dispatch_uid="notifications.sweep_at_beat_start"
        )
        worker_ready.connect(
            dispatch_when_worker_starts,
            weak=False,
            dispatch_uid="notifications.dispatch_at_worker_start",
        )
