"""The case page's treatment requests: every clock with its reason, the free choice with its
effect, the doctor's consultation, the warnings the law asks for and the turning-18 note."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .. import guarantee
from ..models import Case, TreatmentRequest
from ..reason_messages import guarantee_reason
from ..services.requests import request_turned_18_note


@dataclass
class RequestRow:
    request: TreatmentRequest
    result: guarantee.GuaranteeResult | None
    is_case_clock: bool
    free_choice: str | None = None
    consultation: str | None = None
    warnings: list[str] = field(default_factory=list)
    turned_18: str | None = None


def _held_on(request: TreatmentRequest) -> date | None:
    # The needs assessment records a held consultation on the case (cases.services.assessment):
    # it counts for the case's requests that have none of their own.
    return request.doctor_consultation_held_on or request.case.doctor_consultation_on


def _consultation(request: TreatmentRequest) -> str | None:
    if not request.doctor_consultation_offered:
        return None
    held = _held_on(request)
    if held:
        return _("Holdt %(date)s") % {"date": held.isoformat()}
    if request.doctor_consultation_declined_on:
        return _("Afslået %(date)s") % {"date": request.doctor_consultation_declined_on.isoformat()}
    if request.doctor_consultation_offered_on:
        return _("Tilbudt %(date)s") % {"date": request.doctor_consultation_offered_on.isoformat()}
    return _("Ikke tilbudt endnu")


def _free_choice(request: TreatmentRequest, result: guarantee.GuaranteeResult | None) -> str | None:
    if not request.free_choice:
        return None
    when = request.free_choice_on.isoformat() if request.free_choice_on else _("uden dato")
    if result is not None and result.status == guarantee.GuaranteeStatus.WAIVED:
        return _("Frit valg %(date)s: fristen er fraveget (SEL § 101, stk. 6).") % {"date": when}
    if result is not None and result.status == guarantee.GuaranteeStatus.MET:
        return _("Frit valg %(date)s: behandlingen startede inden fristen.") % {"date": when}
    return _("Frit valg %(date)s efter fristen: valget fraviger ikke garantien.") % {"date": when}


def request_warnings(request: TreatmentRequest) -> list[guarantee.GuaranteeWarning]:
    """The warnings the law asks for on one request: a late decision (BEK 1477/2019 § 1) and a
    start without the doctor's consultation (SUL § 142, stk. 1-2). ValueError on bad data."""
    late = guarantee.decision_warning(
        request.requested_on,
        request.decision_on,
        request.legal_basis,
        regional_dual_diagnosis=request.regional_dual_diagnosis,
    )
    doctor = guarantee.doctor_consultation_warning(
        request.legal_basis,
        request.treatment_started_on,
        _held_on(request),
        declined_on=request.doctor_consultation_declined_on,
    )
    return [w for w in (late, doctor) if w]


def case_request_rows(case: Case, *, today: date) -> list[RequestRow]:
    """Every request of the case, oldest first, with its clock evaluated on `today`."""
    rows: list[RequestRow] = []
    requests = TreatmentRequest.objects.filter(case=case).select_related("case__citizen")
    for request in requests.order_by("requested_on", "pk"):
        warnings: list[str] = []
        try:
            result: guarantee.GuaranteeResult | None = request.guarantee(today=today)
            # Shown in the active language (cases.reason_messages); the Danish reason stays.
            warnings += [guarantee_reason(w) for w in request_warnings(request)]
        except ValueError as exc:  # bad stored data: show it rather than break the page
            result = None
            warnings.append(str(exc))
        rows.append(
            RequestRow(
                request=request,
                result=result,
                is_case_clock=request.pk == case.clock_request_id,
                free_choice=_free_choice(request, result),
                consultation=_consultation(request),
                warnings=warnings,
                turned_18=request_turned_18_note(request, today=today),
            )
        )
    return rows
