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


class FileExport(models.Model):
    """One access-to-file export (forvaltningsloven § 9; GDPR art. 15 and 20) for a citizen:
    under review until every field that may hold information about other people is approved
    or redacted (`FileExportDecision`), then released. The released PDF and JSON are kept as
    they were released, so a later change to the case cannot reach the citizen unreviewed."""

    class Status(models.TextChoices):
        REVIEW = "review", _("Til gennemgang")
        RELEASED = "released", _("Udleveret")

    citizen = models.ForeignKey(
        "cases.Citizen",
        on_delete=models.CASCADE,
        related_name="file_exports",
        verbose_name=_("borger"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REVIEW
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("udleveret af"),
        null=True,
        blank=True,
    )
    released_at = models.DateTimeField(_("udleveret"), null=True, blank=True)
    pdf_content = models.BinaryField(null=True, blank=True, editable=False)
    json_content = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("aktindsigt")
        verbose_name_plural = _("aktindsigter")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="review") | Q(released_at__isnull=False),
                name="file_export_released_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_released(self) -> bool:
        return self.status == self.Status.RELEASED


class FileExportDecision(models.Model):
    """The caseworker's decision on one field of one record in an export: released or left
    out. It holds while the value is unchanged (`value_digest`, a keyed digest, not a copy)."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Udleveres")
        REDACTED = "redacted", _("Udelades")

    export = models.ForeignKey(
        FileExport, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("aktindsigt")
    )
    record_label = models.CharField(_("art"), max_length=100)
    record_id = models.BigIntegerField(_("nr."))
    field = models.CharField(_("felt"), max_length=100)
    value_digest = models.CharField(max_length=64)
    decision = models.CharField(_("afgørelse"), max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    decided_at = models.DateTimeField(_("afgjort"), auto_now=True)

    class Meta:
        verbose_name = _("afgørelse om felt")
        verbose_name_plural = _("afgørelser om felter")
        constraints = [
            models.UniqueConstraint(
                fields=["export", "record_label", "record_id", "field"],
                name="file_export_decision_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_label} {self.record_id} {self.field}: {self.decision}"
