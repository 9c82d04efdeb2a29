"""The access log's rows: who read what, when and why, in a hash chain."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """Who read what, when and why. Each entry carries an HMAC over its fields and the one
    before it, keyed by a secret outside the database (cases/access_log/chain.py), so that
    `verify_access_log` detects a deleted, altered or recomputed entry."""

    class Action(models.TextChoices):
        VIEW = "view", _("Visning")
        EXPORT = "export", _("Udskrift/eksport")
        API = "api", _("API")
        BREAK_GLASS = "break_glass", _("Nødadgang")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    # Plain ids, not foreign keys: the log outlives what it points to.
    case_id_logged = models.BigIntegerField(null=True, db_index=True, verbose_name=_("sag (id)"))
    unit_id_logged = models.BigIntegerField(null=True, db_index=True, verbose_name=_("enhed (id)"))
    object_type = models.CharField(max_length=50, verbose_name=_("objekttype"))
    object_id = models.CharField(max_length=50, blank=True, verbose_name=_("objekt (id)"))
    action = models.CharField(max_length=20, choices=Action.choices, verbose_name=_("handling"))
    purpose = models.CharField(max_length=300, blank=True, verbose_name=_("formål"))
    break_glass = models.BooleanField(default=False, verbose_name=_("nødadgang"))
    created_at = models.DateTimeField(db_index=True, verbose_name=_("tidspunkt"))
    previous_hash = models.CharField(max_length=64, verbose_name=_("forrige hash"))
    entry_hash = models.CharField(max_length=64, unique=True, verbose_name=_("postens hash"))
    # The id of the key that chained the entry (cases/access_log/keys.py); empty on the entries
    # written before the keyed chain, which keep their plain SHA-256 (the legacy rule).
    key_id = models.CharField(max_length=16, blank=True, default="", verbose_name=_("nøgle-id"))

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}"


class AccessLogHead(models.Model):
    """A single row holding the newest hash. Writers lock it (select_for_update) so that two
    concurrent reads never chain onto the same predecessor."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.last_hash
