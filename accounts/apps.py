from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Brugere og enheder")

    def ready(self) -> None:
        from .permission_cache import permission_cache_connect
        from .roles import sync_role_permissions
        from .two_factor import state  # noqa: F401  (connects its user_logged_in receiver)

        # Role-wide permissions name models of every app, so they are granted after all apps
        # have migrated, not in accounts' own migration.
        post_migrate.connect(sync_role_permissions, dispatch_uid="accounts.sync_role_permissions")
        # Keeps the cached groups and permissions current (a role change counts at once).
        permission_cache_connect()
