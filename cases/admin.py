"""Admin for case data: read-only, and never wider than the pages.

Administrators run users, units and the treatment catalogue; they have no access to case
contents (DESIGN §1). Every case-data admin filters its rows with case_list_visible_to, so the
admin shows a user exactly the cases the pages would, and nothing can be changed here: case data
changes only through the services, which write the timeline and keep access in step.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest

from accounts.models import User

from .access import case_list_visible_to
from .models import AccessLog, Case, CaseEvent, Citizen, Consent, Disclosure


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


class CaseScopedAdmin(ReadOnlyAdmin):
    """Rows belonging to a case, limited to the cases the user may read."""

    case_field = "case"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        visible = case_list_visible_to(_admin_user(request))
        return super().get_queryset(request).filter(**{f"{self.case_field}__in": visible})


@admin.register(Citizen)
class CitizenAdmin(ReadOnlyAdmin):
    list_display = ["display_name", "masked_cpr", "is_anonymous"]
    exclude = ["cpr"]
    readonly_fields = ["masked_cpr"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Citizen]:
        visible = case_list_visible_to(_admin_user(request)).filter(citizen_id=OuterRef("pk"))
        return super().get_queryset(request).filter(Exists(visible))


@admin.register(Case)
class CaseAdmin(CaseScopedAdmin):
    case_field = "pk"
    list_display = ["number", "status", "legal_basis", "inquiry_date", "team", "caseworker"]
    list_filter = ["status", "legal_basis"]
    search_fields = ["number"]
    list_select_related = ["team", "caseworker"]


@admin.register(CaseEvent)
class CaseEventAdmin(CaseScopedAdmin):
    list_display = ["occurred_at", "case", "kind", "actor"]
    list_filter = ["kind"]
    list_select_related = ["case", "actor"]


@admin.register(Consent)
class ConsentAdmin(CaseScopedAdmin):
    list_display = ["case", "party_kind", "party_name", "form", "valid_from", "valid_to"]
    list_select_related = ["case"]


@admin.register(Disclosure)
class DisclosureAdmin(CaseScopedAdmin):
    list_display = ["case", "recipient", "disclosed_by", "disclosed_at"]
    list_select_related = ["case", "disclosed_by"]


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
