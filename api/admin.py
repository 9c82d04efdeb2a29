"""Administration of API tokens: the plain key is shown once, on the page right after
creation, and never stored (not in the database, not in a message cookie or the session)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.roles import Role
from accounts.two_factor.state import session_is_verified

from .models import ApiToken
from .services import api_token_create, api_token_revoke

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldGroups


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "prefix"]
    autocomplete_fields = []
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_tokens"]

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> _FieldGroups:
        if obj is None:
            return ["user", "name"]
        return ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        # A token's owner never changes: a new owner needs a new token.
        if obj is not None:
            return ["user", *self.readonly_fields]
        return list(self.readonly_fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A token lets a system in without a second factor, so only an administrator in a
        # session verified by one makes it (also when two-factor is optional, the demo).
        user: Any = request.user
        is_administrator = user.is_superuser or user.has_role(Role.ADMINISTRATOR)
        return (
            super().has_add_permission(request)
            and is_administrator
            and session_is_verified(request)
        )

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "GET" and not session_is_verified(request):
            self.message_user(
                request,
                _(
                    "Nye API-nøgler kan kun laves af en administrator, der er logget ind "
                    "med tofaktor-kode."
                ),
                messages.INFO,
            )
        return super().changelist_view(request, extra_context)

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        # Revoke instead of delete, so the record of which tokens existed stays.
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            obj.save(update_fields=["name"])
            return
        new = api_token_create(user=obj.user, name=obj.name)
        for field in ("pk", "prefix", "key_hash", "created_at"):
            setattr(obj, field, getattr(new.token, field))
        obj._state.adding = False
        request._api_token_plain_key = new.key  # type: ignore[attr-defined]

    def response_add(
        self, request: HttpRequest, obj: ApiToken, post_url_continue: str | None = None
    ) -> HttpResponse:
        key = getattr(request, "_api_token_plain_key", None)
        if key is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "token": obj,
            "key": key,
            "title": _("API-nøgle oprettet"),
        }
        response = TemplateResponse(request, "admin/api/apitoken/created.html", context)
        # The key must not stay in any cache or browser history.
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Tilbagekald valgte API-nøgler"), permissions=["change"])
    def revoke_tokens(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d API-nøgle tilbagekaldt.", "%(count)d API-nøgler tilbagekaldt.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
