"""Citizens, cases (treatment courses), the case timeline, consents and the access log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Case as SqlCase
from django.db.models import F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from .. import guarantee, lifecycle
from ..cpr import mask_cpr

# Re-exported: the parties and kinds of information have always been imported from here.
from .enrolment import CourseEndStatus as CourseEndStatus
from .enrolment import HousingSituation as HousingSituation
from .enrolment import RouteOfUse as RouteOfUse
from .enrolment import SubstitutionMedicine as SubstitutionMedicine
from .parties import RPL115_PARTIES as RPL115_PARTIES
from .parties import DisclosureBasis as DisclosureBasis
from .parties import InformationKind as InformationKind
from .parties import PartyKind as PartyKind
from .records import ActionPlan as ActionPlan
from .records import ActionPlanVersion as ActionPlanVersion
from .records import ConcernNotification as ConcernNotification
from .records import TreatmentConsent as TreatmentConsent
from .urgency import Urgency as Urgency

if TYPE_CHECKING:
    from ..guarantee import GuaranteeResult


class LegalBasis(models.TextChoices):
    SEL101 = guarantee.LegalBasis.SEL101.value, _("Serviceloven § 101 (stofmisbrug, 18+)")
    BL33 = guarantee.LegalBasis.BL33.value, _("Barnets lov § 33 (stofmisbrug, under 18)")
    SEL101A = guarantee.LegalBasis.SEL101A.value, _("Serviceloven § 101 a (anonym ambulant)")
    SUL141 = guarantee.LegalBasis.SUL141.value, _("Sundhedsloven § 141 (alkohol)")
    SUL142 = guarantee.LegalBasis.SUL142.value, _("Sundhedsloven § 142 (medicinsk behandling)")


class CaseStatus(models.TextChoices):
    INQUIRY = lifecycle.CaseStatus.INQUIRY.value, _("Henvendelse")
    ASSESSMENT = lifecycle.CaseStatus.ASSESSMENT.value, _("Udredning")
    REFERRED = lifecycle.CaseStatus.REFERRED.value, _("Visiteret")
    IN_TREATMENT = lifecycle.CaseStatus.IN_TREATMENT.value, _("I behandling")
    AFTERCARE = lifecycle.CaseStatus.AFTERCARE.value, _("Efterbehandling")
    CLOSED = lifecycle.CaseStatus.CLOSED.value, _("Afsluttet")


class CourseEndReason(models.TextChoices):
    """Why the course (kontaktforløb) ended; distinct from an episode's end reason."""

    COMPLETED = "completed", _("Forløbet er gennemført")
    DROPPED_OUT = "dropped_out", _("Borgeren er faldet fra")
    OTHER_OFFER = "other_offer", _("Overgået til andet tilbud")
    MOVED = "moved", _("Flyttet fra kommunen")
    DEATH = "death", _("Død")
    NO_TREATMENT = "no_treatment", _("Ingen behandling iværksat")
    OTHER = "other", _("Andet")


class Substance(models.TextChoices):
    ALCOHOL = "alcohol", _("Alkohol")
    CANNABIS = "cannabis", _("Hash/cannabis")
    COCAINE = "cocaine", _("Kokain")
    AMPHETAMINE = "amphetamine", _("Amfetamin")
    OPIOIDS = "opioids", _("Opioider (heroin, metadon m.fl.)")
    BENZODIAZEPINES = "benzodiazepines", _("Benzodiazepiner")
    OTHER = "other", _("Andet")


class Citizen(models.Model):
    first_name = models.CharField(_("fornavn"), max_length=100, blank=True)
    last_name = models.CharField(_("efternavn"), max_length=100, blank=True)
    # Stored normalised as DDMMYY-SSSS; None for anonymous citizens (SEL § 101 a, SUL § 141 stk. 7).
    cpr = models.CharField(_("CPR-nummer"), max_length=11, null=True, blank=True)
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    is_anonymous = models.BooleanField(_("anonym"), default=False)
    alias = models.CharField(
        _("alias"), max_length=100, blank=True, help_text=_("Bruges ved anonym behandling.")
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # DESIGN §1: a citizen registered without any case belongs to the municipal team that
    # registered them until a case exists (cases.citizen_access.citizen_list_visible_to);
    # after that, access follows the cases.
    registered_by_team = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("registreret af team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cpr"], condition=Q(cpr__isnull=False), name="citizen_cpr_unique"
            ),
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(cpr__isnull=True),
                name="citizen_anonymous_has_no_cpr",
            ),
        ]
        # The order of the citizen lists and the API's cursor pages (last name, first name,
        # id): ORDER BY ... LIMIT walks it and stops at the page (issue 17).
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="citizen_name_order")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.is_anonymous:
            return self.alias or str(_("Anonym borger"))
        return f"{self.first_name} {self.last_name}".strip() or str(_("(uden navn)"))

    @property
    def masked_cpr(self) -> str:
        return mask_cpr(self.cpr)


class Case(models.Model):
    """One treatment course (kontaktforløb). A citizen has at most one open case at a time."""

    class DecisionResult(models.TextChoices):
        GRANTED = "granted", _("Bevilget")
        PARTLY = "partly", _("Delvist bevilget")
        REFUSED = "refused", _("Afslag")

    number = models.CharField(_("sagsnummer"), max_length=20, unique=True)
    citizen = models.ForeignKey(
        Citizen, verbose_name=_("borger"), on_delete=models.PROTECT, related_name="cases"
    )
    legal_basis = models.CharField(_("lovgrundlag"), max_length=10, choices=LegalBasis.choices)
    substances = models.JSONField(_("rusmidler"), default=list, blank=True)
    inquiry_date = models.DateField(_("henvendelsesdato"))
    inquiry_note = models.TextField(_("henvendelsen"), blank=True)
    regional_dual_diagnosis = models.BooleanField(
        _("henvist til regional dobbeltdiagnosebehandling (SUL § 82 c)"), default=False
    )
    # Holistic needs assessment, BEK 1477/2019 § 1 stk. 2: six topics.
    assessment_substance_use = models.TextField(_("brug af rusmidler"), blank=True)
    assessment_social = models.TextField(_("sociale forhold, netværk og familie"), blank=True)
    assessment_health = models.TextField(_("fysisk og psykisk helbred"), blank=True)
    assessment_work = models.TextField(_("arbejde og uddannelse"), blank=True)
    # Whether the citizen has a job (None: not asked): the handover then prompts inviting the
    # employer to the first status meeting (DESIGN §5.12).
    has_job = models.BooleanField(_("borgeren har et arbejde"), null=True, blank=True)
    assessment_housing = models.TextField(_("bolig"), blank=True)
    assessment_other = models.TextField(_("andre relevante forhold"), blank=True)
    assessment_completed_on = models.DateField(_("afdækning afsluttet"), null=True, blank=True)
    # Children under 18 living with the citizen (None: not asked; 0: none). Staff in addiction
    # treatment have a sharpened duty to notify (Barnets lov § 133).
    children_in_home = models.PositiveSmallIntegerField(
        _("børn under 18 i hjemmet"), null=True, blank=True
    )
    children_ages = models.CharField(_("børnenes alder"), max_length=100, blank=True)
    # The enrolment content the drug register asks for (docs/registers.md §4.2); blank: not asked.
    primary_substance = models.CharField(
        _("primært rusmiddel"), max_length=20, choices=Substance.choices, blank=True
    )
    route_of_use = models.CharField(
        _("indtagelsesmåde"), max_length=20, choices=RouteOfUse.choices, blank=True
    )
    housing_situation = models.CharField(
        _("boligsituation"), max_length=20, choices=HousingSituation.choices, blank=True
    )
    substitution_medicine = models.CharField(
        _("substitutionsmedicin"), max_length=30, choices=SubstitutionMedicine.choices, blank=True
    )
    # The decision (afgørelse).
    decision_date = models.DateField(_("afgørelsesdato"), null=True, blank=True)
    decision_result = models.CharField(
        _("resultat"), max_length=10, choices=DecisionResult.choices, blank=True
    )
    decision_text = models.TextField(_("begrundelse"), blank=True)
    decision_complaint_guidance = models.BooleanField(_("klagevejledning givet"), default=False)
    # SUL § 142 stk. 1-2: a doctor's consultation before medical treatment starts.
    doctor_consultation_on = models.DateField(_("lægesamtale"), null=True, blank=True)
    # SEL § 141: the action plan is cases.models.records.ActionPlan (case.action_plan).
    # Barnets lov § 33: under 18, consent from each custody holder (two when custody is joint).
    joint_custody = models.BooleanField(_("fælles forældremyndighed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INQUIRY
    )
    team = models.ForeignKey(
        "accounts.Unit", verbose_name=_("team"), on_delete=models.PROTECT, related_name="cases"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sagsbehandler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    # Denormalised guarantee inputs, kept by the services, so that lists can filter and sort by
    # guarantee status in the database. cases.guarantee.evaluate() stays the source of truth.
    guarantee_deadline = models.DateField(_("garantifrist"), null=True, blank=True, editable=False)
    treatment_started_on = models.DateField(
        _("behandling iværksat"), null=True, blank=True, editable=False
    )
    free_choice = models.BooleanField(_("frit valg"), default=False, editable=False)
    closed_on = models.DateField(_("afsluttet"), null=True, blank=True)
    closed_reason = models.TextField(_("afslutningsårsag"), blank=True)
    # The course's own end (what goes to the register), not the day someone closed the case:
    # not in the future, not before the last episode's end; with the course's end reason.
    course_ended_on = models.DateField(_("forløbets slutdato"), null=True, blank=True)
    course_end_reason = models.CharField(
        _("forløbets afslutningsårsag"), max_length=20, choices=CourseEndReason.choices, blank=True
    )
    course_end_status = models.CharField(
        _("forbrug ved afslutning"), max_length=20, choices=CourseEndStatus.choices, blank=True
    )
    # Set by the migration of issue 12 where no episode end fits: a person must check the date.
    course_end_review = models.BooleanField(_("slutdato skal gennemgås"), default=False)
    # The request whose clock the case shows in lists: its most urgent open clock, else its
    # latest request. Kept by cases.services.requests.refresh_urgency, with
    # guarantee_deadline (the open clock's deadline, or None) as the stored, indexed urgency.
    clock_request = models.ForeignKey(
        "cases.TreatmentRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The date-independent urgency class (cases.models.urgency), computed by the database from
    # the row, so a move or a clock change can never leave it stale.
    urgency = models.GeneratedField(
        expression=SqlCase(
            When(status=CaseStatus.CLOSED.value, then=Value(Urgency.CLOSED.value)),
            When(guarantee_deadline__isnull=False, then=Value(Urgency.OPEN_CLOCK.value)),
            default=Value(Urgency.NO_CLOCK.value),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("hastegrad"),
    )
    # Optimistic concurrency: every edit form posts the version it was based on.
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        ordering = ["-inquiry_date", "-pk"]
        permissions = [
            ("reassign_case", _("Kan omfordele sager")),
            ("break_glass", _("Kan bryde glasset (nødadgang)")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen"],
                condition=~Q(status="closed"),
                name="case_one_open_per_citizen",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "guarantee_deadline"]),
            # The urgency order of the case list, the start page and the API (ORDERINGS in
            # cases.selectors.case_lists): ORDER BY ... LIMIT walks this index.
            models.Index(
                F("urgency"),
                # ASC is NULLS LAST in PostgreSQL's indexes (SQLite allows no NULLS in one).
                F("guarantee_deadline").asc(),
                F("inquiry_date").desc(),
                F("id").desc(),
                name="case_urgency_order",
            ),
            models.Index(fields=["caseworker", "status"]),
            models.Index(fields=["team", "status"]),
            # The newest and oldest orders of the case list and the API's cursor pages
            # (ORDERINGS): read forwards or backwards, ORDER BY ... LIMIT walks it (issue 17).
            models.Index(fields=["inquiry_date", "id"], name="case_inquiry_order"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED

    def guarantee(self, *, today: date) -> GuaranteeResult:
        """The case's most urgent clock (its clock request's); the case page shows every clock."""
        if self.clock_request_id is not None and self.clock_request is not None:
            return self.clock_request.guarantee(today=today)
        # A case not yet given its first request (being built): its own inquiry.
        return guarantee.evaluate(
            self.legal_basis,
            self.inquiry_date,
            today=max(today, self.inquiry_date),
            started_on=self.treatment_started_on,
            free_choice=self.free_choice and self.legal_basis != LegalBasis.BL33,
            regional_dual_diagnosis=self.regional_dual_diagnosis,
        )


class CaseEvent(models.Model):
    """The case timeline: every state change and important act. Append-only."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Sag oprettet")
        STATUS_CHANGED = "status_changed", _("Status ændret")
        ASSESSMENT_SAVED = "assessment_saved", _("Afdækning opdateret")
        DECISION_SAVED = "decision_saved", _("Afgørelse truffet")
        CASE_UPDATED = "case_updated", _("Sagen opdateret")
        CASEWORKER_ASSIGNED = "caseworker_assigned", _("Sagsbehandler tildelt")
        REFERRED = "referred", _("Henvist til tilbud")
        REQUEST_OPENED = "request_opened", _("Ny anmodning")
        EPISODE_STARTED = "episode_started", _("Behandling startet")
        EPISODE_ENDED = "episode_ended", _("Behandling afsluttet")
        CONSENT_GIVEN = "consent_given", _("Samtykke registreret")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Samtykke trukket tilbage")
        DISCLOSURE = "disclosure", _("Oplysninger videregivet")
        CONCERN_NOTIFICATION = "concern_notification", _("Underretning")
        BREAK_GLASS = "break_glass", _("Nødadgang")
        BREAK_GLASS_REVIEWED = "break_glass_reviewed", _("Nødadgang gennemgået")
        HANDOVER = "handover", _("Overgang")
        RECTIFIED = "rectified", _("Oplysning berigtiget")
        ACCESS_REQUEST = "access_request", _("Aktindsigt")
        COMPLAINT = "complaint", _("Klage")
        OTHER = "other", _("Andet")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("sag")
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, verbose_name=_("hændelse"))
    from_status = models.CharField(
        max_length=20, choices=CaseStatus.choices, blank=True, verbose_name=_("fra status")
    )
    to_status = models.CharField(
        max_length=20, choices=CaseStatus.choices, blank=True, verbose_name=_("til status")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("udført af"),
    )
    occurred_at = models.DateTimeField(db_index=True, verbose_name=_("tidspunkt"))
    description = models.TextField(blank=True, verbose_name=_("beskrivelse"))
    data = models.JSONField(default=dict, blank=True, verbose_name=_("data"))
    # The description as a code and plain values (ids, ISO dates, enum values), from which
    # cases.event_messages renders it in the active language. Blank on rows written before
    # codes: those show their description as it was written.
    code = models.CharField(max_length=60, blank=True, verbose_name=_("tekstkode"))
    values = models.JSONField(default=dict, blank=True, verbose_name=_("tekstværdier"))

    class Meta:
        verbose_name = _("hændelse")
        verbose_name_plural = _("hændelser")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["case", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_at:%Y-%m-%d})"


class Consent(models.Model):
    """A specific consent (Retssikkerhedsloven § 11 a): one party, named kinds of information,
    one purpose, a validity period, given in writing or orally, possibly withdrawn."""

    class Form(models.TextChoices):
        WRITTEN = "written", _("Skriftligt")
        ORAL = "oral", _("Mundtligt")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="consents", verbose_name=_("sag")
    )
    party_kind = models.CharField(_("part"), max_length=30, choices=PartyKind.choices)
    party_name = models.CharField(_("partens navn"), max_length=200)
    information_kinds = models.JSONField(_("oplysninger"), default=list)
    purpose = models.TextField(_("formål"))
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    valid_from = models.DateField(_("gyldig fra"))
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("registreret"))
    withdrawn_on = models.DateField(_("trukket tilbage"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("begrundelse for tilbagetrækning"), blank=True)

    class Meta:
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="consent_valid_period",
            ),
            # An employer always needs explicit written consent.
            models.CheckConstraint(
                condition=~Q(party_kind="employer") | Q(form="written"),
                name="consent_employer_written",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_kind_display()}: {self.party_name}"

    def is_valid_on(self, day: date) -> bool:
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return False
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def covers(self, information_kind: str) -> bool:
        return information_kind in self.information_kinds


# Model modules of their own (size); imported last, since they use the choices above.
from .access_log import (  # noqa: E402
    CITIZEN_OBJECT_TYPES,
    AccessLog,
    AccessLogCheckpoint,
    AccessLogHead,
    purpose_label,
)
from .disclosures import Disclosure  # noqa: E402
from .grants import (  # noqa: E402
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    TemporaryCaseAccess,
)
from .rectification import Rectification  # noqa: E402
from .requests import TreatmentRequest  # noqa: E402

__all__ = [
    "CITIZEN_OBJECT_TYPES",
    "RPL115_PARTIES",
    "AccessLog",
    "AccessLogCheckpoint",
    "AccessLogHead",
    "Case",
    "CaseEvent",
    "CaseGroupObjectPermission",
    "CaseStatus",
    "CaseUserObjectPermission",
    "Citizen",
    "Consent",
    "CourseEndReason",
    "Disclosure",
    "InformationKind",
    "LegalBasis",
    "PartyKind",
    "Rectification",
    "Substance",
    "TemporaryCaseAccess",
    "TreatmentRequest",
    "purpose_label",
]
