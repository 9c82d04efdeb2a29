from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class HoldKind(models.TextChoices):
    ACCESS_REQUEST = "access_request", _("Anmodning om aktindsigt")
    COMPLAINT = "complaint", _("Klage")
    MANAGER = "manager", _("Ledelsens tilbageholdelse")


class LegalHold(models.Model):
    """A legal hold stops the retention clock for a citizen's data (docs/retention.md §2).

    With `case` empty the hold covers all the citizen's cases and master data. An open access
    request or complaint places one automatically; a manager places one with a reason. The hold
    is open until `lifted_at` is set."""

    citizen = models.ForeignKey(
        "cases.Citizen",
        on_delete=models.CASCADE,
        related_name="legal_holds",
        verbose_name=_("borger"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="legal_holds",
        verbose_name=_("sag"),
        null=True,
        blank=True,
    )
    kind = models.CharField(_("art"), max_length=20, choices=HoldKind.choices)
    reason = models.TextField(_("begrundelse"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oprettet af"),
        null=True,
        blank=True,
    )
    placed_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ophævet af"),
        null=True,
        blank=True,
    )
    lifted_at = models.DateTimeField(_("ophævet"), null=True, blank=True)
    lift_reason = models.TextField(_("begrundelse for ophævelse"), blank=True)

    class Meta:
        verbose_name = _("tilbageholdelse")
        verbose_name_plural = _("tilbageholdelser")
        ordering = ["-placed_at", "-pk"]
        indexes = [
            models.Index(
                fields=["citizen"], condition=Q(lifted_at__isnull=True), name="legal_hold_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.placed_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.lifted_at is None


# The retention models live with the retention code; imported here so Django finds them.
from .retention.models import (  # noqa: E402
    AnonymisedCase,
    RetentionAction,
    RetentionKind,
    RetentionRule,
    RetentionRun,
)

__all__ = [
    "AnonymisedCase",
    "HoldKind",
    "LegalHold",
    "RetentionAction",
    "RetentionKind",
    "RetentionRule",
    "RetentionRun",
]
