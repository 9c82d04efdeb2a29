from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .hooks import USER_ROW_ANNOTATIONS
from .permission_cache import user_permission_rows_load
from .selectors import user_get_by_login


class UsernameOrEmailBackend(ModelBackend):
    """Log in with either the username or the e-mail address (case-insensitive)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not username or password is None:
            return None
        user = user_get_by_login(username)
        if user is None:
            # Run the hasher anyway so that response time does not reveal unknown users.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> Any:
        """The session's user with their unit, which the header and most pages show, and the
        values registered in USER_ROW_ANNOTATIONS, in one query."""
        user_model = get_user_model()
        annotations = {name: make() for name, make in USER_ROW_ANNOTATIONS.items()}
        try:
            user = (
                user_model._default_manager.select_related("unit")
                .annotate(**annotations)
                .get(pk=user_id)
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        """ModelBackend's answer (the user's own and their groups' permissions), read with
        the user's groups from the cache on a warm request, from one query otherwise
        (accounts.permission_cache)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_permission_rows_load(user_obj)
        perms: set[str] = user_obj._perm_cache
        return perms
