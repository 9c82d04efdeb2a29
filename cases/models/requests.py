"""Treatment requests (anmodninger): the guarantee belongs to the request (DESIGN §3)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .. import guarantee
from ..legal_bases import rules_for
from . import LegalBasis

if TYPE_CHECKING:
    from ..guarantee import GuaranteeResult


class TreatmentRequest(models.Model):
    """One request for treatment within a case (kontaktforløb), with its own 14-day clock.

    The first request comes with the inquiry; a request for renewed treatment during treatment
    or aftercare opens a new one (Socialstyrelsen 2.12.4); combination treatment is two requests
    (SEL § 101 and SUL § 142) in one case. Episodes point at the request they serve
    (treatment_options.Episode.request); the first actual start among them stops the clock.
    """

    class Kind(models.TextChoices):
        FIRST = "first", _("Første anmodning")
        RENEWED = "renewed", _("Fornyet behandling")
        COMBINATION = "combination", _("Kombinationsbehandling")

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("sag"), on_delete=models.CASCADE, related_name="requests"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.FIRST)
    legal_basis = models.CharField(_("lovgrundlag"), max_length=10, choices=LegalBasis.choices)
    # The clock starts at the request, oral or written, to the municipality or a provider it
    # delegated to (Socialstyrelsen).
    requested_on = models.DateField(_("anmodningsdato"))
    note = models.TextField(_("anmodningen"), blank=True)
    regional_dual_diagnosis = models.BooleanField(
        _("henvist til regional dobbeltdiagnosebehandling (SUL § 82 c)"), default=False
    )
    # The decision (afgørelse), where the basis needs one (cases.legal_bases: needs_decision).
    decision_on = models.DateField(_("afgørelsesdato"), null=True, blank=True)
    decision_text = models.TextField(_("afgørelse"), blank=True)
    # SUL § 142, stk. 1-2: the doctor's consultation is offered before drug treatment starts; it
    # is an offer, so offered, held and declined are recorded each with its date.
    doctor_consultation_offered_on = models.DateField(
        _("lægesamtale tilbudt"), null=True, blank=True
    )
    doctor_consultation_held_on = models.DateField(_("lægesamtale holdt"), null=True, blank=True)
    doctor_consultation_declined_on = models.DateField(
        _("lægesamtale afslået"), null=True, blank=True
    )
    # SEL § 101, stk. 5-6: free choice of another offer of the same treatment type, with its
    # date (a choice after the deadline does not waive it). The chosen offer is the episode
    # referred with free_choice under this request.
    free_choice = models.BooleanField(_("frit valg"), default=False)
    free_choice_on = models.DateField(_("frit valg dato"), null=True, blank=True)
    # The treatment type the municipality visited to (treatment_options.TreatmentType values):
    # a free choice must be of the same type ("af tilsvarende karakter").
    visited_treatment_type = models.CharField(
        _("visiteret behandlingstype"), max_length=20, blank=True
    )
    # Denormalised guarantee inputs, kept by the services, so that lists, reminders and reports
    # compute the status in the database. cases.guarantee.evaluate() stays the source of truth.
    guarantee_deadline = models.DateField(_("garantifrist"), null=True, blank=True, editable=False)
    treatment_started_on = models.DateField(
        _("behandling iværksat"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("anmodning")
        verbose_name_plural = _("anmodninger")
        ordering = ["requested_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(free_choice_on__isnull=True) | Q(free_choice=True),
                name="request_free_choice_date_needs_choice",
            ),
            # The right to choose belongs to visited citizens over 18 (not Barnets lov § 33).
            models.CheckConstraint(
                condition=~Q(legal_basis="BL33") | Q(free_choice=False),
                name="request_no_free_choice_bl33",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "requested_on"]),
            models.Index(fields=["guarantee_deadline", "treatment_started_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_legal_basis_display()} ({date_format(self.requested_on, 'DATE_FORMAT')})"

    @property
    def needs_decision(self) -> bool:
        return rules_for(self.legal_basis).needs_decision

    @property
    def doctor_consultation_offered(self) -> bool:
        return rules_for(self.legal_basis).doctor_consultation_offered

    def guarantee(self, *, today: date) -> GuaranteeResult:
        # A request made after `today` (a report for a past period) is seen as of its own day,
        # and a free choice made after that day has not happened yet.
        today = max(today, self.requested_on)
        chosen = self.free_choice and (self.free_choice_on is None or self.free_choice_on <= today)
        return guarantee.evaluate(
            self.legal_basis,
            self.requested_on,
            today=today,
            started_on=self.treatment_started_on,
            free_choice=chosen,
            free_choice_on=self.free_choice_on if chosen else None,
            regional_dual_diagnosis=self.regional_dual_diagnosis,
        )

    def is_open_clock(self, *, today: date) -> bool:
        """Running, or breached with nothing started (DESIGN §3)."""
        return guarantee.is_open(
            self.guarantee(today=today), started=self.treatment_started_on is not None
        )
