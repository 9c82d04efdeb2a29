"""Disclosures: what was shared about a citizen, with whom, by whom, when and on which basis."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .parties import DisclosureBasis


class Disclosure(models.Model):
    """One disclosure: what, to whom, by whom, when, and on which basis (a consent, or a rule of
    law that allows or orders the sharing without one)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="disclosures", verbose_name=_("sag")
    )
    basis = models.CharField(
        _("grundlag"), max_length=10, choices=DisclosureBasis.choices, default="consent"
    )
    consent = models.ForeignKey(
        "cases.Consent",
        on_delete=models.PROTECT,
        related_name="disclosures",
        verbose_name=_("samtykke"),
        null=True,
        blank=True,
    )
    # Empty for the parts of an action plan handed to the provider (the description says which).
    information_kinds = models.JSONField(
        default=list, blank=True, verbose_name=_("oplysningstyper")
    )
    recipient = models.CharField(max_length=200, verbose_name=_("modtager"))
    description = models.TextField(blank=True, verbose_name=_("beskrivelse"))
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("videregivet af"),
    )
    disclosed_at = models.DateTimeField(auto_now_add=True, verbose_name=_("videregivet"))

    class Meta:
        verbose_name = _("videregivelse")
        verbose_name_plural = _("videregivelser")
        ordering = ["-disclosed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(basis="consent", consent__isnull=False) | ~Q(basis="consent"),
                name="disclosure_consent_basis_has_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.disclosed_at:%Y-%m-%d})"
