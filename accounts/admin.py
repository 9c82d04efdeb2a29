from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin, messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import UserAdminChangeForm, UserAdminCreationForm
from .models import Unit, User, UserEvent
from .roles import role_label
from .sessions import user_sessions_end
from .two_factor.services import two_factor_reset

# Two-factor devices are handled through the user (the reset action), never edited directly:
# django-otp's own admin pages would show a user's secret key to whoever opens them.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality_code", "follow_up_by", "email"]
    list_filter = ["kind", "follow_up_by"]
    search_fields = ["name"]


if TYPE_CHECKING:
    EventInlineBase = admin.TabularInline[UserEvent, User]
else:
    EventInlineBase = admin.TabularInline


class UserEventInline(EventInlineBase):
    """The user's login events, read-only: the log is written by the services only."""

    model = UserEvent
    fk_name = "user"
    fields = ["created_at", "kind", "actor"]
    readonly_fields = ["created_at", "kind", "actor"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("Hændelser for login")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RoleListFilter(admin.RelatedFieldListFilter):
    """The groups filter with each role named in the reader's language (the group names are
    the roles' Danish values)."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        choices = super().field_choices(field, request, model_admin)
        return [(pk, role_label(str(name))) for pk, name in choices]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "unit", "is_active"]
    list_filter = ["unit", ("groups", RoleListFilter), "is_active"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Overgang"), {"fields": ("unit", "title", "wants_email_notifications")}),
    )
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    inlines = [UserEventInline]
    actions = ["end_sessions", "reset_two_factor"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """An administrator has no access to case contents (DESIGN §1), and must not be able
        to give it to themselves: superuser status and direct permissions are a superuser's to
        set, and nobody changes their own role, unit or staff status (another administrator
        does, and the admin's history shows who)."""
        fields = list(super().get_readonly_fields(request, obj))
        actor = request.user
        if not actor.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        if obj is not None and obj.pk == actor.pk:
            fields += ["groups", "unit", "is_staff", "is_superuser", "user_permissions"]
        return list(dict.fromkeys(fields))

    @admin.action(
        description=_("Afslut valgte brugeres sessioner (log ud overalt)"), permissions=["change"]
    )
    def end_sessions(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = 0
        for user in queryset:
            ended = user_sessions_end(user=user, actor=request.user)  # type: ignore[arg-type]
            if ended.pk == request.user.pk:
                # The administrator's own other sessions end; this one goes on.
                update_session_auth_hash(request, ended)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Sessionerne for %(count)d bruger er afsluttet.",
                "Sessionerne for %(count)d brugere er afsluttet.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Nulstil valgte brugeres tofaktor-login (mistet telefon)"),
        permissions=["change"],
    )
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = 0
        for user in queryset:
            # Only signed-in staff reach the admin.
            two_factor_reset(user=user, actor=cast(User, request.user))
            count += 1
        self.message_user(
            request,
            ngettext(
                "Tofaktor-login er nulstillet for %(count)d bruger. Brugeren opretter det igen "
                "ved næste login.",
                "Tofaktor-login er nulstillet for %(count)d brugere. Brugerne opretter det igen "
                "ved næste login.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
