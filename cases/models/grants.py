"""Who holds a case: django-guardian's grants with real foreign keys, and the time-limited
read access (break the glass, the 30 days after a completed handover)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from . import Case


class CaseUserObjectPermission(UserObjectPermissionBase):
    """django-guardian grant to one user on one case, with a real foreign key (fast joins)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """django-guardian grant to a group (a unit's group) on one case."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class TemporaryCaseAccess(models.Model):
    """Time-limited read access: break the glass (4 h) or a residential unit's read access for
    30 days after the handover completed. Checked against `expires_at` at every read, so it
    ends on time even if no sweep has run."""

    class Kind(models.TextChoices):
        BREAK_GLASS = "break_glass", _("Nødadgang")
        AFTER_HANDOVER = "after_handover", _("Læseadgang efter overlevering")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="temporary_access")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True
    )
    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE, null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class ReasonCode(models.TextChoices):
        POLICE = "police", _("Politiet")
        HOSPITAL = "hospital", _("Hospital")
        ACUTE_RISK = "acute_risk", _("Akut fare for liv")
        OTHER = "other", _("Andet")

    reason = models.TextField(_("begrundelse"), blank=True)
    # Break the glass only: the reason from the short list, and the manager's review of the use.
    reason_code = models.CharField(
        _("årsag"), max_length=20, choices=ReasonCode.choices, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gennemgået af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("gennemgået"), null=True, blank=True)
    review_comment = models.TextField(_("kommentar til gennemgangen"), blank=True)
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(group__isnull=False),
                name="temporary_access_has_holder",
            )
        ]
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} til {self.expires_at:%Y-%m-%d %H:%M}"
