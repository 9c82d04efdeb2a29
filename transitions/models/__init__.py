"""The handover from residential to outpatient treatment (DESIGN §5)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.models import Consent, PartyKind

from ..first_weeks import is_late_booking
from ..rates import change_lines, frequency_note, rate_label


class Transition(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", _("Planlægning")
        READY = "ready", _("Klar til udskrivning")
        HANDED_OVER = "handed_over", _("Overleveret")
        COMPLETED = "completed", _("Gennemført")
        CANCELLED = "cancelled", _("Annulleret")

    class AppointmentStatus(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        ATTENDED = "attended", _("Gennemført")
        MISSED = "missed", _("Udeblevet")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="transitions")
    residential_episode = models.OneToOneField(
        "treatment_options.Episode",
        verbose_name=_("døgnforløb"),
        on_delete=models.PROTECT,
        related_name="transition_from",
    )
    outpatient_episode = models.ForeignKey(
        "treatment_options.Episode",
        verbose_name=_("ambulant forløb"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transitions_to",
    )
    residential_therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("døgnbehandler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outpatient_therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ambulant behandler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_discharge_on = models.DateField(_("planlagt udskrivning"), null=True, blank=True)
    discharged_on = models.DateField(_("udskrevet"), null=True, blank=True)
    first_appointment_at = models.DateTimeField(_("første ambulante aftale"), null=True, blank=True)
    first_appointment_place = models.CharField(_("sted"), max_length=200, blank=True)
    first_appointment_with = models.CharField(_("med hvem"), max_length=200, blank=True)
    first_appointment_status = models.CharField(
        _("status for første aftale"),
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    first_outpatient_contact_on = models.DateField(
        _("første ambulante kontakt"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNING
    )
    # §5.7: the receiver's synthesis, in their own words (I-PASS).
    receiver_situation = models.TextField(_("borgerens situation"), blank=True)
    receiver_actions = models.TextField(_("aftalte handlinger"), blank=True)
    receiver_contingency = models.TextField(_("hvis det går galt"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("gennemført"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overgang")
        verbose_name_plural = _("overgange")
        ordering = ["-created_at"]
        permissions = [("confirm_transition", _("Kan bekræfte modtagelse af overgang"))]
        indexes = [
            models.Index(fields=["status", "planned_discharge_on"]),
            models.Index(fields=["discharged_on"]),
            # The API's cursor pages, newest first: ORDER BY ... LIMIT walks it (issue 17).
            models.Index(fields=["created_at", "id"], name="transition_created_order"),
        ]

    def __str__(self) -> str:
        return str(_("Overgang for sag %(number)s") % {"number": self.case.number})

    @property
    def gap_days(self) -> int | None:
        """Days from discharge to the first outpatient contact (§5.9)."""
        if self.discharged_on is None or self.first_outpatient_contact_on is None:
            return None
        return (self.first_outpatient_contact_on - self.discharged_on).days

    @property
    def first_appointment_late(self) -> bool:
        """§5.9: the first appointment is booked more than 7 days after the planned discharge
        (transitions.first_weeks.is_late_booking, in local days)."""
        return is_late_booking(
            self.first_appointment_at,
            self.planned_discharge_on,
            zone=timezone.get_default_timezone(),
        )


class PlanSectionKey(models.TextChoices):
    LEARNED = "learned", _("Det har borgeren lært om sig selv og vil tage med videre")
    GOALS = "goals", _("Mål")
    NETWORK = "network", _("Netværk og ensomhed")
    DAILY = "daily", _("Daglige aktiviteter")
    WORK = "work", _("Arbejde, uddannelse og arbejdsgiver")
    HOUSING = "housing", _("Bolig")
    HEALTH = "health", _("Helbred og psykiatri")
    LEGAL = "legal", _("Kriminalforsorg og retlige forhold")
    FINANCES = "finances", _("Økonomi")
    RELAPSE = "relapse", _("Tegn på tilbagefald og hvad vi så gør")


class PlanSection(models.Model):
    """One section of the handover plan; versioned on its own so that editing different
    sections never conflicts."""

    transition = models.ForeignKey(
        Transition, on_delete=models.CASCADE, related_name="plan_sections"
    )
    key = models.CharField(max_length=20, choices=PlanSectionKey.choices)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["transition", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["transition", "key"], name="plan_section_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} (v{self.version})"


class PlanSectionVersion(models.Model):
    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    based_on = models.PositiveIntegerField(help_text="The version the author started from.")
    is_merge = models.BooleanField(default=False)
    # A save that arrived after someone else had saved the section (a conflict). It is kept, so
    # that nothing typed is lost, but it did not become the section's text.
    is_stale = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    # A stale save stays flagged on its section and in its author's inbox until someone decides
    # what the section should hold (DESIGN §5.13): "use my text", a merged text, "keep the
    # saved text", or "resolved" on the flag. Never set on a version that is not stale.
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["section", "number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class AftercareCommitment(models.Model):
    """What the outpatient side has agreed to provide (§5.2)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aftalt")
        REDUCED = "reduced", _("Reduceret")
        CANCELLED = "cancelled", _("Annulleret")

    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="commitments")
    offer = models.ForeignKey(
        "treatment_options.Offer", on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.CharField(_("indsats"), max_length=300)
    # The frequency as text: what was typed before it was structured, or n per k in words.
    frequency = models.CharField(_("hyppighed"), max_length=100, blank=True)
    # DESIGN §5.10: n contacts per k weeks. Empty only on a commitment whose old free text
    # could not be read; it is then flagged for the therapist (frequency_needs_review).
    contacts_per_period = models.PositiveSmallIntegerField(
        _("antal kontakter"), null=True, blank=True
    )
    period_weeks = models.PositiveSmallIntegerField(_("pr. antal uger"), null=True, blank=True)
    frequency_needs_review = models.BooleanField(_("hyppighed skal angives"), default=False)
    starts_on = models.DateField(_("start"))
    # Required (§5.10: a commitment always has a responsible person). The column stays
    # nullable only for old rows with nobody to migrate to (no outpatient therapist named):
    # the page flags them until someone is chosen, and no write can leave it empty.
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(contacts_per_period__isnull=True) & Q(period_weeks__isnull=True))
                | (Q(contacts_per_period__gte=1) & Q(period_weeks__gte=1)),
                name="commitment_frequency_both_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def rate_label(self) -> str:
        """The rate in the reader's language (transitions.rates)."""
        return rate_label(self.contacts_per_period, self.period_weeks)

    @property
    def frequency_note(self) -> str:
        """The frequency as typed, shown next to the rate (transitions.rates)."""
        return frequency_note(self.frequency, self.contacts_per_period, self.period_weeks)

    @property
    def lacks_responsible(self) -> bool:
        return self.responsible_id is None


class CommitmentDelivery(models.Model):
    """Which commitment a contact delivers (DESIGN §5.10). The contact is in treatment_options,
    below this app, so the link lives here and points down to it; a contact delivers at most
    one commitment."""

    contact = models.OneToOneField(
        "treatment_options.Contact",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="delivery",
    )
    commitment = models.ForeignKey(
        AftercareCommitment, on_delete=models.CASCADE, related_name="deliveries"
    )

    class Meta:
        verbose_name = _("levering af indsats")
        verbose_name_plural = _("leveringer af indsatser")

    def __str__(self) -> str:
        return f"{self.contact} → {self.commitment}"


class CommitmentChange(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Oprettet")
        CHANGED = "changed", _("Ændret")
        REDUCED = "reduced", _("Reduceret")
        CANCELLED = "cancelled", _("Annulleret")

    commitment = models.ForeignKey(
        AftercareCommitment, on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.TextField(blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def lines(self) -> list[str]:
        """What the change changed, in the reader's language (transitions.rates)."""
        return change_lines(self.before, self.after)

    @property
    def changed_fields(self) -> list[str]:
        """The fields whose value differs between before and after (status aside)."""
        if not self.before:
            return []
        return [
            name
            for name, value in self.after.items()
            if name != "status" and self.before.get(name) != value
        ]


class StatusNote(models.Model):
    """A written status from residential to outpatient and the caseworker (§5.3, §5.8)."""

    class Kind(models.TextChoices):
        START = "start", _("Ved start")
        MIDWAY = "midway", _("Midtvejs")
        BEFORE_DISCHARGE = "before_discharge", _("Før udskrivning")
        AFTERCARE = "aftercare", _("I efterbehandling")

    class Severity(models.TextChoices):
        STABLE = "stable", _("Stabil")
        WATCH = "watch", _("Skal følges tæt")
        UNSTABLE = "unstable", _("Ustabil")

    class Naloxone(models.TextChoices):
        YES = "yes", _("Ja, tilbudt og udleveret")
        NO = "no", _("Nej, ikke tilbudt eller udleveret")
        DECLINED = "declined", _("Tilbudt, men borgeren takkede nej")

    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    body = models.TextField(_("status"), blank=True)
    # Structured before-discharge note (I-PASS/SBAR adapted to addiction).
    severity = models.CharField(_("vurdering"), max_length=10, choices=Severity.choices, blank=True)
    summary = models.TextField(_("opsummering"), blank=True)
    risks = models.TextField(_("risici"), blank=True)
    contingency = models.TextField(_("hvis det går galt"), blank=True)
    overdose_risk = models.TextField(_("overdosisrisiko"), blank=True)
    # Overdose safety (§5.11), drug cases only: naloxone, the tolerance talk and the first 72 hours.
    naloxone = models.CharField(_("naloxon"), max_length=10, choices=Naloxone.choices, blank=True)
    tolerance_talk = models.BooleanField(_("samtale om lavere tolerance holdt"), default=False)
    first_72h_who = models.CharField(
        _("de første 72 timer: hvem kontakter borgeren"), max_length=300, blank=True
    )
    first_72h_when = models.CharField(_("de første 72 timer: hvornår"), max_length=300, blank=True)
    first_72h_unreachable = models.TextField(
        _("de første 72 timer: hvis borgeren ikke kan træffes"), blank=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({date_format(self.written_at, 'DATE_FORMAT')})"


class NoteAcknowledgement(models.Model):
    note = models.ForeignKey(StatusNote, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "user"], name="note_ack_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.note_id}/{self.user_id}"


class StatusMeeting(models.Model):
    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("tidspunkt"))
    duration_minutes = models.PositiveIntegerField(_("varighed (minutter)"), default=60)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    video_link = models.URLField(_("videolink"), blank=True)
    # A citizen's home is personal data: it is left out of the calendar invitation.
    place_is_private = models.BooleanField(_("stedet er en privat adresse"), default=False)
    agenda = models.TextField(_("dagsorden"), blank=True)
    minutes = models.TextField(_("referat"), blank=True)
    decisions = models.TextField(_("beslutninger"), blank=True)
    held = models.BooleanField(_("afholdt"), default=False)
    held_at = models.DateTimeField(_("markeret afholdt"), null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return str(_("Statusmøde"))


class Participant(models.Model):
    """Internal (a user) or external (a party whose presence a consent or RPL § 115 covers)."""

    class Basis(models.TextChoices):
        INTERNAL = "internal", _("Intern deltager")
        CONSENT = "consent", _("Samtykke")
        RPL115 = "rpl115", _("Retsplejeloven § 115 (KSP/PSP)")

    meeting = models.ForeignKey(
        StatusMeeting, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("navn"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    party_kind = models.CharField(_("part"), max_length=30, choices=PartyKind.choices, blank=True)
    basis = models.CharField(_("grundlag"), max_length=10, choices=Basis.choices)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True)
    # For RPL § 115: what the KSP/PSP cooperation basis is (who asked, which forum).
    basis_note = models.CharField(_("grundlag, uddybet"), max_length=300, blank=True)
    # Retsplejeloven § 115, stk. 3: sharing is allowed only where it is necessary for the
    # cooperation's crime-preventing purpose; the reason must be written down.
    necessity = models.TextField(_("hvorfor videregivelsen er nødvendig"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(basis="internal") & Q(user__isnull=False))
                | (Q(basis="consent") & Q(consent__isnull=False))
                | (
                    Q(basis="rpl115")
                    & Q(party_kind__in=["kriminalforsorgen", "police", "psychiatry"])
                ),
                name="participant_has_basis",
            ),
            models.CheckConstraint(
                condition=~Q(basis="rpl115") | ~Q(necessity=""),
                name="participant_rpl115_states_necessity",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.organisation or str(self.user_id)


# Follow-up rows (check-ins and action items) in a module of their own (size); imported last,
# since they refer to the models above.
from .followup import ActionItem, CheckIn, CheckInSchedule  # noqa: E402
from .work import WorkAgreement  # noqa: E402

__all__ = [
    "ActionItem",
    "AftercareCommitment",
    "CheckIn",
    "CheckInSchedule",
    "CommitmentChange",
    "CommitmentDelivery",
    "NoteAcknowledgement",
    "Participant",
    "PlanSection",
    "PlanSectionKey",
    "PlanSectionVersion",
    "StatusMeeting",
    "StatusNote",
    "Transition",
    "WorkAgreement",
]
