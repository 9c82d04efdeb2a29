from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Overgang"

    def ready(self) -> None:
        # late import: the rule imports models of several apps, not ready at import time.
        from notifications.rules import register_rule

        from .register_check import register_check_rule

        register_rule("register_check", register_check_rule)
