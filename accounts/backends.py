from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.http import HttpRequest

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
        """The session's user with their unit, which the header and most pages show."""
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("unit").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        """ModelBackend's answer (the user's own and their groups' permissions) from one query
        instead of two, with the group ids the user already read for their role
        (User.group_rows)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                group_ids = [pk for pk, _name in user_obj.group_rows()]
                own = user_obj.user_permissions.through.objects.filter(user_id=user_obj.pk)
                of_groups = Group.permissions.through.objects.filter(group_id__in=group_ids)
                permissions = permissions.filter(
                    Q(pk__in=own.values("permission_id"))
                    | Q(pk__in=of_groups.values("permission_id"))
                )
            rows = permissions.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        perms: set[str] = user_obj._perm_cache
        return perms
