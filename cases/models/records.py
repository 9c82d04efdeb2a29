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

# The parts of the action plan (SEL § 141), in order: (field, label).
ACTION_PLAN_PARTS = (
    ("purpose", _("Formål")),
    ("actions", _("Indsatser")),
    ("expected_duration", _("Forventet varighed")),
    ("follow_up", _("Opfølgning")),
)


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


class ActionPlan(models.Model):
    """The action plan (handleplan, SEL § 141) offered to an adult with serious social problems:
    when it was offered, whether the citizen accepted, and its content in versions. Not for
    Barnets lov § 33 (children's plans follow Barnets lov) nor anonymous § 101 a treatment."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="action_plan", verbose_name=_("sag")
    )
    offered_on = models.DateField(_("tilbudt"), null=True, blank=True)
    accepted = models.BooleanField(_("modtaget"), null=True, blank=True)
    # The number of the newest version (0: no content yet); the edit form posts the number it
    # was based on, so that two people saving at once do not overwrite each other unseen.
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("handleplan")
        verbose_name_plural = _("handleplaner")

    def __str__(self) -> str:
        return str(_("Handleplan"))


class ActionPlanVersion(models.Model):
    """One saved version of the action plan's content; every version is kept."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("handleplan")
    )
    number = models.PositiveIntegerField(_("nummer"))
    purpose = models.TextField(_("formål"))
    actions = models.TextField(_("indsatser"), blank=True)
    expected_duration = models.CharField(_("forventet varighed"), max_length=200, blank=True)
    follow_up = models.TextField(_("opfølgning"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    created_at = models.DateTimeField(_("gemt"), auto_now_add=True)

    class Meta:
        verbose_name = _("version af handleplan")
        verbose_name_plural = _("versioner af handleplan")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"
