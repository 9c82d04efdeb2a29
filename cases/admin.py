"""The admin holds no case contents: administrators run users, units, the treatment catalogue
and settings, with no access to case contents (DESIGN §1).

Citizens, cases, events, consents, disclosures and episodes are deliberately not registered. The
pages already show them to the people who may read them, under the same access rules, and the
pages write every read to the access log; an admin page would be a second way in that writes
no log entry. tests/access_walk walks every admin URL and fails on a case-content admin.

Only the access log itself is here, read-only: its rows hold ids and a purpose, no names or
CPR numbers.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User

from .models import AccessLog


def _admin_user(request: HttpRequest) -> User:
    # The admin site lets only signed-in, active staff in (AdminSite.has_permission), so the
    # user is never anonymous here.
    return cast(User, request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    """Read-only and undeletable: the hash chain would report a deletion anyway. Managers see
    their own unit's entries; only a superuser sees all."""

    list_display = [
        "created_at",
        "user",
        "object_type",
        "object_id",
        "case_id_logged",
        "action",
        "break_glass",
    ]
    list_filter = ["action", "break_glass"]
    list_select_related = ["user"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AccessLog]:
        qs = super().get_queryset(request)
        user = _admin_user(request)
        if user.is_superuser:
            return qs
        if user.has_perm("cases.view_accesslog") and user.unit_id:
            return qs.filter(unit_id_logged=user.unit_id)
        return qs.none()
