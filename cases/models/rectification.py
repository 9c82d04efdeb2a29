"""A correction of a recorded fact (berigtigelse, GDPR art. 16; forvaltningsloven's duty to
keep a correct record): the old value is kept with who, when and why, and the act is on the
timeline. Written only by `cases.services.rectify`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rectification(models.Model):
    """One corrected field of one object: `model_label` ("cases.Citizen"), `object_id` and
    `field` name it; `old_value` and `new_value` are the values as text (ISO for dates)."""

    citizen = models.ForeignKey(
        "cases.Citizen",
        on_delete=models.CASCADE,
        related_name="rectifications",
        verbose_name=_("borger"),
    )
    # Empty for the citizen's master data, which belong to every one of their cases.
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="rectifications",
        verbose_name=_("sag"),
        null=True,
        blank=True,
    )
    model_label = models.CharField(_("oplysningens art"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("oplysningens id"))
    field = models.CharField(_("felt"), max_length=60)
    old_value = models.TextField(_("tidligere værdi"), blank=True)
    new_value = models.TextField(_("ny værdi"), blank=True)
    reason = models.TextField(_("begrundelse"))
    rectified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("berigtiget af"),
        null=True,
        blank=True,
    )
    rectified_at = models.DateTimeField(_("berigtiget"))

    class Meta:
        verbose_name = _("berigtigelse")
        verbose_name_plural = _("berigtigelser")
        ordering = ["-rectified_at", "-pk"]
        indexes = [models.Index(fields=["citizen", "rectified_at"])]

    def __str__(self) -> str:
        return f"{self.model_label}.{self.field} ({self.rectified_at:%Y-%m-%d})"
