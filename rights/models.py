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


class AccessRequest(models.Model):
    """A citizen's request for access to their file (aktindsigt), registered on one of their
    cases. Its answer deadline follows the law it is answered under (`rights.deadlines`); while
    it is open, a legal hold keeps the citizen's data (docs/retention.md §2)."""

    class Kind(models.TextChoices):
        PUBLIC_ACCESS = "offentlighedsloven", _("Aktindsigt (offentlighedsloven, 7 arbejdsdage)")
        GDPR = "gdpr", _("Indsigt efter databeskyttelsesforordningen (art. 15, 1 måned)")

    class Status(models.TextChoices):
        OPEN = "open", _("Åben")
        ANSWERED = "answered", _("Besvaret")
        REFUSED = "refused", _("Afslået")
        WITHDRAWN = "withdrawn", _("Trukket tilbage")

    citizen = models.ForeignKey(
        "cases.Citizen",
        on_delete=models.CASCADE,
        related_name="access_requests",
        verbose_name=_("borger"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="access_requests",
        verbose_name=_("sag"),
    )
    kind = models.CharField(_("art"), max_length=20, choices=Kind.choices)
    received_on = models.DateField(_("modtaget"))
    deadline_on = models.DateField(_("svarfrist"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("besvaret/lukket"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("behandles af"),
        null=True,
        blank=True,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registreret af"),
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    hold = models.OneToOneField(
        LegalHold,
        on_delete=models.PROTECT,
        related_name="access_request",
        verbose_name=_("tilbageholdelse"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("anmodning om aktindsigt")
        verbose_name_plural = _("anmodninger om aktindsigt")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(
                fields=["deadline_on"], condition=Q(status="open"), name="access_request_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.received_on:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Complaint(models.Model):
    """A complaint about a decision on a case (retssikkerhedsloven § 66-67): reconsidered
    within 4 weeks, then forwarded to Ankestyrelsen unless upheld. While it is not decided, a
    legal hold keeps the case (docs/retention.md §2)."""

    class About(models.TextChoices):
        DECISION = "decision", _("Sagens afgørelse")
        RECORD = "record", _("En anden registrering")

    class Status(models.TextChoices):
        OPEN = "open", _("Åben")
        FORWARDED = "forwarded", _("Sendt til Ankestyrelsen")
        DECIDED = "decided", _("Afgjort")

    citizen = models.ForeignKey(
        "cases.Citizen",
        on_delete=models.CASCADE,
        related_name="complaints",
        verbose_name=_("borger"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="complaints",
        verbose_name=_("sag"),
    )
    received_on = models.DateField(_("modtaget"))
    about = models.CharField(_("klagen angår"), max_length=20, choices=About.choices)
    about_record = models.CharField(_("registrering"), max_length=200, blank=True)
    text = models.TextField(_("klagen"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    forwarded_on = models.DateField(_("sendt til Ankestyrelsen"), null=True, blank=True)
    decided_on = models.DateField(_("afgjort"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registreret af"),
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    hold = models.OneToOneField(
        LegalHold,
        on_delete=models.PROTECT,
        related_name="complaint",
        verbose_name=_("tilbageholdelse"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("klage")
        verbose_name_plural = _("klager")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(about="record") | ~Q(about_record=""),
                name="complaint_record_named",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_about_display()} ({self.received_on:%Y-%m-%d})"

    @property
    def is_decided(self) -> bool:
        return self.status == self.Status.DECIDED


# The retention models live with the retention code; imported here so Django finds them.
from .retention.models import (  # noqa: E402
    AnonymisedCase,
    RetentionAction,
    RetentionKind,
    RetentionRule,
    RetentionRun,
)

__all__ = [
    "AccessRequest",
    "AnonymisedCase",
    "Complaint",
    "FileExport",
    "FileExportDecision",
    "HoldKind",
    "LegalHold",
    "RetentionAction",
    "RetentionKind",
    "RetentionRule",
    "RetentionRun",
]
