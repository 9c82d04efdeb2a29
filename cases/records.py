"""Records the law asks a case to keep beside the assessment and the decision: consent to
treatment of a citizen under 18 (Barnets lov § 33), notifications of concern for children in the
home (Barnets lov § 133) and the action plan (SEL § 141) with its versions.

The models refer to the case by name ("cases.Case") so that cases.models can import them; they
are models of the cases app like the others.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Skriftligt")
    ORAL = "oral", _("Mundtligt")


class TreatmentConsent(models.Model):
    """Consent to treatment of a citizen under 18 (Barnets lov § 33): from each custody holder
    (both where custody is joint) and from the young person from the age of 15."""

    class Role(models.TextChoices):
        CUSTODY_HOLDER = "custody_holder", _("Forældremyndighedsindehaver")
        YOUNG_PERSON = "young_person", _("Den unge selv (fra 15 år)")

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="treatment_consents",
        verbose_name=_("sag"),
    )
    name = models.CharField(_("navn"), max_length=200)
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    given_on = models.DateField(_("givet den"))
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        verbose_name = _("samtykke til behandling (under 18)")
        verbose_name_plural = _("samtykker til behandling (under 18)")
        ordering = ["given_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class ConcernNotification(models.Model):
    """A notification of concern (underretning, Barnets lov § 133) about a child in the citizen's
    home, made to the municipality where the child lives. It is a disclosure without consent
    (the duty to notify overrides confidentiality), so it is also recorded as one."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="concern_notifications",
        verbose_name=_("sag"),
    )
    notified_on = models.DateField(_("underrettet den"))
    recipient = models.CharField(_("modtager (kommune)"), max_length=200)
    reason = models.TextField(_("årsag"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("underrettet af"),
    )
    disclosure = models.OneToOneField(
        "cases.Disclosure",
        on_delete=models.PROTECT,
        related_name="concern_notification",
        verbose_name=_("videregivelse"),
    )
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        verbose_name = _("underretning")
        verbose_name_plural = _("underretninger")
        ordering = ["-notified_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.notified_on:%Y-%m-%d})"
