"""The work agreement of a handover (DESIGN §5.12): what the citizen does at work, the
accommodations they need (skånebehov), when they are back and whom to call at the employer.

Recorded only under a valid written consent of the employer that covers the "work agreement"
kind of information (DESIGN §2: an employer always needs explicit written consent), and shared
only under such a consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Consent

from . import Transition


class WorkAgreement(models.Model):
    transition = models.OneToOneField(
        Transition,
        on_delete=models.CASCADE,
        related_name="work_agreement",
        verbose_name=_("overgang"),
    )
    work_functions = models.TextField(_("arbejdsfunktioner"), blank=True)
    accommodations = models.TextField(_("skånebehov"), blank=True)
    starts_on = models.DateField(_("tilbage på arbejde"), null=True, blank=True)
    contact_name = models.CharField(_("kontaktperson hos arbejdsgiveren"), max_length=200)
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    notes = models.TextField(_("bemærkninger"), blank=True)
    # The employer's consent the agreement was last saved under (its basis).
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samtykke"),
    )
    # The number of saves (0: not saved yet); a save names the version it was based on, so
    # that two people saving at once do not overwrite each other unseen.
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemt af"),
    )
    updated_at = models.DateTimeField(_("gemt"), null=True, blank=True)

    class Meta:
        verbose_name = _("arbejdsaftale")
        verbose_name_plural = _("arbejdsaftaler")

    def __str__(self) -> str:
        return str(_("Arbejdsaftale"))
