from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self) -> None:
        from cases.hooks import glass_broken, glass_reviewed
        from transitions import hooks as handover_hooks

        from .rules import (
            close_break_glass_task,
            handover_events,
            notify_managers_of_break_glass,
        )

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
        handover_hooks.first_appointment_missed.connect(
            handover_events.first_appointment_missed_notify,
            weak=False,
            dispatch_uid="notifications.first_appointment_missed_notify",
        )
