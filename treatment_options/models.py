"""The treatment catalogue (providers and their offers) and a case's episodes in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class TreatmentType(models.TextChoices):
    OUTPATIENT = "outpatient", _("Ambulant behandling")
    DAY = "day", _("Dagbehandling")
    RESIDENTIAL = "residential", _("Døgnbehandling")
    ANONYMOUS = "anonymous", _("Anonym behandling")
    DETOX = "detox", _("Afrusning/abstinensbehandling")
    AFTERCARE = "aftercare", _("Efterbehandling")


class EndReason(models.TextChoices):
    """End reasons of the national drug treatment register (Stofmisbrugsdatabasen)."""

    COMPLETED = "completed", _("Færdigbehandlet")
    OTHER_OFFER = "other_offer", _("Andet tilbud")
    HOSPITAL = "hospital", _("Hospital")
    KRIMINALFORSORGEN = "kriminalforsorgen", _("Kriminalforsorgen")
    MOVED = "moved", _("Flyttet")
    NO_SHOW = "no_show", _("Udeblevet")
    EXPELLED = "expelled", _("Bortvist")
    WANTED_STOP = "wanted_stop", _("Ønsket stop")
    DEATH = "death", _("Død")
    OTHER = "other", _("Andet")


# End reasons that count as a drop-out in the manager report.
DROP_OUT_REASONS = frozenset({EndReason.NO_SHOW, EndReason.EXPELLED, EndReason.WANTED_STOP})


class Provider(models.Model):
    """A treatment site (behandlingssted)."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Kommunal")
        PRIVATE = "private", _("Privat")
        REGIONAL = "regional", _("Regional")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    # The unit whose staff work at the provider; their group gets access to its episodes' cases.
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("enhed i Overgang"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="providers",
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    tilbudsportalen_id = models.CharField(_("Tilbudsportalen-id"), max_length=30, blank=True)
    capacity = models.PositiveIntegerField(_("kapacitet (pladser)"), null=True, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("behandlingssted")
        verbose_name_plural = _("behandlingssteder")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    provider = models.ForeignKey(
        Provider, verbose_name=_("behandlingssted"), on_delete=models.PROTECT, related_name="offers"
    )
    name = models.CharField(_("navn"), max_length=200)
    treatment_type = models.CharField(
        _("behandlingstype"), max_length=20, choices=TreatmentType.choices
    )
    legal_bases = models.JSONField(_("lovgrundlag"), default=list)
    typical_length_weeks = models.PositiveIntegerField(
        _("typisk varighed (uger)"), null=True, blank=True
    )
    waiting_time_days = models.PositiveIntegerField(_("aktuel ventetid (dage)"), default=0)
    description = models.TextField(_("beskrivelse"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        ordering = ["provider__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="offer_unique_per_provider")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider.name})"


class Episode(models.Model):
    """A case's stay in one offer, from referral to end."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("sag"), on_delete=models.CASCADE, related_name="episodes"
    )
    offer = models.ForeignKey(
        Offer, verbose_name=_("tilbud"), on_delete=models.PROTECT, related_name="episodes"
    )
    # The treatment request the episode serves; its first actual start stops that request's
    # clock (DESIGN §3). Null only on rows made before requests existed and not yet migrated.
    request = models.ForeignKey(
        "cases.TreatmentRequest",
        verbose_name=_("anmodning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="episodes",
    )
    referral_date = models.DateField(_("henvisningsdato"))
    planned_start = models.DateField(_("planlagt start"), null=True, blank=True)
    actual_start = models.DateField(_("faktisk start"), null=True, blank=True)
    planned_end = models.DateField(_("planlagt afslutning"), null=True, blank=True)
    actual_end = models.DateField(_("faktisk afslutning"), null=True, blank=True)
    end_reason = models.CharField(
        _("afslutningsårsag"), max_length=20, choices=EndReason.choices, blank=True
    )
    # SEL § 101 stk. 5-6: the citizen chose another offer than the municipality's.
    free_choice = models.BooleanField(_("frit valg"), default=False)
    # SEL § 101 stk. 8: the provider's treatment plan is TreatmentPlan (episode.treatment_plan).
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("henvist af"),
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("oprettet"))

    class Meta:
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")
        ordering = ["referral_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | (Q(actual_start__isnull=False) & Q(actual_end__gte=F("actual_start"))),
                name="episode_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True) | ~Q(end_reason=""),
                name="episode_end_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "actual_start"]),
            models.Index(fields=["offer", "actual_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.offer} ({date_format(self.referral_date, 'DATE_FORMAT')})"

    @property
    def is_open(self) -> bool:
        return self.actual_end is None and self.end_reason == ""


class Contact(models.Model):
    """A contact with the citizen within an episode (DESIGN §2, §5.10). Aftercare commitments
    count the attended ones that deliver them (transitions.CommitmentDelivery points here: the
    commitment lives above this app)."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Samtale")
        GROUP = "group", _("Gruppe")
        PHONE = "phone", _("Telefon")
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")
        HOME_VISIT = "home_visit", _("Hjemmebesøg")
        MEETING = "meeting", _("Møde")

    class Outcome(models.TextChoices):
        ATTENDED = "attended", _("Gennemført")
        MISSED = "missed", _("Udeblevet (borgeren)")
        CANCELLED_BY_CITIZEN = "cancelled_citizen", _("Aflyst af borgeren")
        CANCELLED_BY_PROVIDER = "cancelled_provider", _("Aflyst af behandlingsstedet")

    episode = models.ForeignKey(
        Episode, verbose_name=_("forløb"), on_delete=models.CASCADE, related_name="contacts"
    )
    at = models.DateTimeField(_("tidspunkt"))
    kind = models.CharField(_("kontaktform"), max_length=20, choices=Kind.choices)
    is_planned = models.BooleanField(_("planlagt"), default=True)
    outcome = models.CharField(_("udfald"), max_length=20, choices=Outcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("oprettet"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("ændret"))

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["episode", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_outcome_display()})"


class TreatmentPlan(models.Model):
    """The provider's treatment plan for an episode (SEL § 101, stk. 8): made at the start of
    treatment and revised in versions (TreatmentPlanVersion); every version is kept."""

    episode = models.OneToOneField(
        Episode,
        on_delete=models.CASCADE,
        related_name="treatment_plan",
        verbose_name=_("forløb"),
    )
    # When the first version was made: what the reminder and the case page ask about.
    made_on = models.DateField(_("udarbejdet"))
    # The newest version's number; the edit form posts the number it was based on.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("behandlingsplan")
        verbose_name_plural = _("behandlingsplaner")

    def __str__(self) -> str:
        return f"{self.episode_id} v{self.version}"


class TreatmentPlanVersion(models.Model):
    """One version of the treatment plan: goals, activities and phases, how progress is
    followed, and how the plan builds on the case's needs assessment."""

    plan = models.ForeignKey(
        TreatmentPlan,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("behandlingsplan"),
    )
    number = models.PositiveIntegerField(_("nummer"))
    made_on = models.DateField(_("udarbejdet"))
    goals = models.TextField(_("mål"), blank=True)
    activities = models.TextField(_("aktiviteter og faser"), blank=True)
    progress_follow_up = models.TextField(_("opfølgning på fremskridt"), blank=True)
    assessment_link = models.TextField(_("sammenhæng med afdækningen"), blank=True)
    # Empty on the first version made from the plan date recorded before plans had content.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    created_at = models.DateTimeField(_("gemt"), auto_now_add=True)

    class Meta:
        verbose_name = _("version af behandlingsplan")
        verbose_name_plural = _("versioner af behandlingsplan")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="treatment_plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"
