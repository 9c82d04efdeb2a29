from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self) -> None:
        from cases.hooks import glass_broken

        from .rules import notify_managers_of_break_glass

        glass_broken.connect(
            notify_managers_of_break_glass,
            weak=False,
            dispatch_uid="notifications.notify_managers_of_break_glass",
        )
