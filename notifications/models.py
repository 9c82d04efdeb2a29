"""In-app notifications (reminders) and the legal follow-up after a course ends (DESIGN §6)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Rule(models.TextChoices):
    """Every reminder rule of DESIGN §6. The value is stored on the notification."""

    GUARANTEE_DUE = "guarantee_due", _("Behandlingsgarantien udløber snart")
    GUARANTEE_BREACHED = "guarantee_breached", _("Behandlingsgarantien er overskredet")
    CHECKIN_DUE = "checkin_due", _("Tjek-ind skal gennemføres")
    CHECKIN_OVERDUE = "checkin_overdue", _("Tjek-ind er forsinket")
    ACTION_DUE = "action_due", _("Handling har snart frist")
    ACTION_OVERDUE = "action_overdue", _("Handling er overskredet")
    DISCHARGE_NO_APPOINTMENT = (
        "discharge_no_appointment",
        _("Udskrivning nærmer sig, og der er ingen ambulant aftale"),
    )
    DISCHARGE_NOT_READY = (
        "discharge_not_ready",
        _("Udskrivning nærmer sig: statusnotat eller statusmøde mangler"),
    )
    NO_OUTPATIENT_CONTACT = (
        "no_outpatient_contact",
        _("Ingen ambulant kontakt registreret efter udskrivning"),
    )
    COMMITMENT_REDUCED = "commitment_reduced", _("En aftalt indsats er reduceret")
    COMMITMENT_CHANGED = "commitment_changed", _("En aftalt indsats er ændret")
    CHECKIN_SCHEDULE_CHANGED = "checkin_schedule_changed", _("Planen for tjek-ind er ændret")
    START_NOTE_DUE = "start_note_due", _("Statusnotat ved start mangler")
    MIDWAY_NOTE_DUE = "midway_note_due", _("Midtvejsstatusnotat mangler")
    NOTE_UNACKNOWLEDGED = "note_unacknowledged", _("Statusnotat er ikke kvitteret for")
    FIRST_APPOINTMENT_MISSED = (
        "first_appointment_missed",
        _("Borgeren er udeblevet fra første ambulante aftale"),
    )
    BREAK_GLASS = "break_glass", _("Nødadgang til en sag i dit team")
    NO_TREATMENT_PLAN = "no_treatment_plan", _("Forløb uden behandlingsplan")
    NO_DOCTOR_CONSULTATION = "no_doctor_consultation", _("Lægesamtale ikke registreret")
    FOLLOW_UP_DUE = "follow_up_due", _("Opfølgning efter afsluttet forløb")
    FOLLOW_UP_OVERDUE = "follow_up_overdue", _("Opfølgning efter afsluttet forløb er overskredet")
    DELIVERY_SHORTFALL = (
        "delivery_shortfall",
        _("En aftalt indsats leveres under det aftalte niveau"),
    )
    REGISTER_CHECK = "register_check", _("Registertjekliste: forløb kan ikke indberettes")
    # Swept rules of the rights app (rights.reminders, registered in RightsConfig.ready()).
    ACCESS_REQUEST_DUE = "access_request_due", _("Anmodning om aktindsigt har snart svarfrist")
    COMPLAINT_OPEN = "complaint_open", _("Klage er ikke genvurderet efter 4 uger")


class Notification(models.Model):
    """One reminder to one user. Unique per (recipient, rule, subject, threshold key), so that
    the sweep can run any number of times, on any number of workers, and notify once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modtager"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    rule = models.CharField(_("regel"), max_length=40, choices=Rule.choices)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    # The case the subject is or belongs to: for links, filtering and access checks.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Which threshold fired, with the source date, e.g. "7d:2026-12-01": a new source date
    # (a new discharge date, a rescheduled check-in) gives a new key and a new reminder.
    threshold = models.CharField(_("tærskel"), max_length=60)
    # No personal data: the kind of deadline and its date only (it may be e-mailed).
    message = models.CharField(_("besked"), max_length=300)
    # The date the reminder is about (the deadline, the discharge); shown in the e-mail.
    due_on = models.DateField(_("dato"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    # Set on a deputy's copy (§5.10 "no day without an owner"): the away user the reminder was
    # for. The deputy gets their own row, so reading it does not mark the away user's read.
    deputy_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stedfortræder for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sendt på e-mail"), null=True, blank=True)
    # Delivery bookkeeping. `delivery_done` is true once nothing more is to be done for the row
    # (e-mailed, or the recipient does not want e-mail), so the delivery sweep reads a small set.
    delivery_done = models.BooleanField(default=False)
    delivery_attempts = models.PositiveSmallIntegerField(default=0)
    # Exponential back-off per row: a failed e-mail is not tried again before this time.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The exception class and SMTP code only: an error text can contain an e-mail address.
    last_error = models.CharField(max_length=300, blank=True)
    # Set, and committed, before the e-mail is sent; cleared when the send is recorded. A claim
    # older than NOTIFICATION_CLAIM_TIMEOUT_SECONDS belongs to a worker that died mid-send: the
    # dispatcher then sends the row again, with the same Message-ID.
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("påmindelse")
        verbose_name_plural = _("påmindelser")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "rule", "subject_type", "subject_id", "threshold"],
                name="notification_once_per_threshold",
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(delivery_done=False),
                name="notification_undelivered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} ({self.threshold})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class FollowUp(models.Model):
    """The legal follow-up after a course ends (BEK 1477/2019 § 4): contact the citizen one
    month and six months after the course ended. A row is made at the first attempt or when the
    outcome is recorded; no row, or a row without an outcome, means "not done" (the rules
    compute the due date from the course end and remind until the outcome is recorded)."""

    class DueKind(models.TextChoices):
        ONE_MONTH = "1m", _("1 måned efter forløbets afslutning")
        SIX_MONTHS = "6m", _("6 måneder efter forløbets afslutning")

    class Outcome(models.TextChoices):
        HELD = "held", _("Opfølgningen er holdt")
        DECLINED = "declined", _("Borgeren har takket nej")
        NOT_REACHED = "not_reached", _("Borgeren er ikke truffet")

    class Use(models.TextChoices):
        DRUG_FREE = "drug_free", _("Stoffri")
        REDUCED = "reduced", _("Reduceret forbrug")
        UNCHANGED = "unchanged", _("Uændret forbrug")
        WORSE = "worse", _("Øget forbrug")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="follow_ups")
    due_kind = models.CharField(_("opfølgning"), max_length=2, choices=DueKind.choices)
    # The course end the follow-up belongs to: a case reopened and ended again needs new ones.
    course_end_on = models.DateField(_("forløbet afsluttet"))
    # Blank while the follow-up is open (attempts in progress); with done_on once recorded.
    outcome = models.CharField(_("resultat"), max_length=20, choices=Outcome.choices, blank=True)
    done_on = models.DateField(_("gennemført"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What was found (a held follow-up): use, housing, work, network, need for new treatment.
    use = models.CharField(_("forbrug"), max_length=20, choices=Use.choices, blank=True)
    housing = models.CharField(_("bolig"), max_length=500, blank=True)
    work = models.CharField(_("arbejde og uddannelse"), max_length=500, blank=True)
    network = models.CharField(_("netværk"), max_length=500, blank=True)
    needs_new_treatment = models.BooleanField(_("behov for ny behandling"), default=False)
    # The request the need opened (an open case); none on a closed case (a new case) or when
    # the one who recorded it may not open requests (the caseworker does).
    new_request = models.ForeignKey(
        "cases.TreatmentRequest",
        verbose_name=_("ny anmodning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")
        ordering = ["case", "course_end_on", "due_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "due_kind", "course_end_on"], name="follow_up_once"
            ),
            models.CheckConstraint(
                condition=Q(outcome="", done_on__isnull=True)
                | (~Q(outcome="") & Q(done_on__isnull=False)),
                name="follow_up_outcome_has_date",
            ),
        ]

    def __str__(self) -> str:
        if self.done_on is None:
            return f"{self.get_due_kind_display()}"
        return f"{self.get_due_kind_display()} ({date_format(self.done_on, 'DATE_FORMAT')})"

    @property
    def is_done(self) -> bool:
        return bool(self.outcome)


class FollowUpAttempt(models.Model):
    """One dated attempt to reach the citizen for a follow-up (held or not)."""

    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("opfølgning")
    )
    attempted_on = models.DateField(_("dato"))
    attempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("forsøgt af"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forsøg på opfølgning")
        verbose_name_plural = _("forsøg på opfølgning")
        ordering = ["follow_up", "attempted_on", "pk"]

    def __str__(self) -> str:
        return date_format(self.attempted_on, "DATE_FORMAT")
