"""The retention settings table, the record of each nightly run, and the cases whose file is
gone (docs/retention.md §6). Imported by `rights.models`, so they belong to the rights app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import defaults


class RetentionKind(models.TextChoices):
    SOCIAL_CASE = defaults.Kind.SOCIAL_CASE.value, _("Sociale sagsakter")
    HEALTH_RECORD = defaults.Kind.HEALTH_RECORD.value, _("Sundhedsfaglige journaler")
    ACCESS_LOG = defaults.Kind.ACCESS_LOG.value, _("Adgangsloggen")
    ANONYMOUS_ALIAS = defaults.Kind.ANONYMOUS_ALIAS.value, _("Anonyme forløb og aliasser")
    REPORT_FILE = defaults.Kind.REPORT_FILE.value, _("Rapportfiler")
    NOTIFICATION = defaults.Kind.NOTIFICATION.value, _("Notifikationer")
    CITIZEN_WITHOUT_CASE = defaults.Kind.CITIZEN_WITHOUT_CASE.value, _("Borgere uden sag")
    STATISTICS = defaults.Kind.STATISTICS.value, _("Anonymiseret statistik")


class CountedFrom(models.TextChoices):
    CASE_END = defaults.CountedFrom.CASE_END.value, _("sagens afslutning")
    LAST_ENTRY = defaults.CountedFrom.LAST_ENTRY.value, _("sidste notat")
    ENTRY_TIME = defaults.CountedFrom.ENTRY_TIME.value, _("postens tidspunkt")
    FINISHED = defaults.CountedFrom.FINISHED.value, _("filens færdiggørelse")
    CREATED = defaults.CountedFrom.CREATED.value, _("oprettelsen")
    REGISTRATION = defaults.CountedFrom.REGISTRATION.value, _("registreringen")
    NOT_APPLICABLE = defaults.CountedFrom.NOT_APPLICABLE.value, _("ikke relevant")


class RetentionAction(models.TextChoices):
    DELETE = defaults.Action.DELETE.value, _("slet")
    ANONYMISE = defaults.Action.ANONYMISE.value, _("anonymisér og bevar")


class RetentionRule(models.Model):
    """One row per kind of record (docs/retention.md §3). The nightly task does nothing for a
    kind whose row is not confirmed by the municipality."""

    kind = models.CharField(_("art"), max_length=30, choices=RetentionKind.choices, unique=True)
    period_months = models.PositiveIntegerField(
        _("frist i måneder"), null=True, blank=True, help_text=_("Tom: bevares.")
    )
    counted_from = models.CharField(_("regnes fra"), max_length=20, choices=CountedFrom.choices)
    action = models.CharField(_("handling"), max_length=20, choices=RetentionAction.choices)
    legal_source = models.TextField(_("hjemmel"))
    confirmed = models.BooleanField(_("bekræftet af kommunen"), default=False)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bekræftet af"),
        null=True,
        blank=True,
    )

    class Meta:
        app_label = "rights"
        verbose_name = _("slettefrist")
        verbose_name_plural = _("slettefrister")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def is_active(self) -> bool:
        """The nightly task acts on this kind."""
        return self.confirmed and self.period_months is not None


class RetentionRun(models.Model):
    """What one nightly run did, as counts per kind of record, never content (docs/retention.md
    §4): `counts` is {kind: {"deleted": n, "anonymised": n, "held": n}}, and `unconfirmed`
    lists the kinds left alone because their rule is not confirmed."""

    started_at = models.DateTimeField(_("startet"))
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    counts = models.JSONField(_("antal"), default=dict, blank=True)
    unconfirmed = models.JSONField(_("ikke bekræftede arter"), default=list, blank=True)
    problem = models.CharField(_("problem"), max_length=200, blank=True)

    class Meta:
        app_label = "rights"
        verbose_name = _("slettekørsel")
        verbose_name_plural = _("slettekørsler")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class AnonymisedCase(models.Model):
    """A case whose file is gone: only what the manager report counts is left of it, without
    any text or person (docs/retention.md §3 row 8)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="+", verbose_name=_("sag")
    )
    kind = models.CharField(_("art"), max_length=30, choices=RetentionKind.choices)
    anonymised_at = models.DateTimeField(_("anonymiseret"))

    class Meta:
        app_label = "rights"
        verbose_name = _("anonymiseret sag")
        verbose_name_plural = _("anonymiserede sager")

    def __str__(self) -> str:
        return f"{self.case_id} {self.anonymised_at:%Y-%m-%d}"
