from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Påmindelser")

    def ready(self) -> None:
        from cases.hooks import glass_broken
        from transitions import hooks as handover_hooks

        from .rules import handover_events, notify_managers_of_break_glass

        glass_broken.connect(
            notify_managers_of_break_glass,
            weak=False,
            dispatch_uid="notifications.notify_managers_of_break_glass",
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
