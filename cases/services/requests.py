"""Treatment requests (anmodninger, DESIGN §3): the first one at the inquiry, a new one for
renewed treatment during treatment or aftercare (its own clock, Socialstyrelsen 2.12.4), a
second basis for combination treatment (SEL § 101 with SUL § 142), the doctor's consultation
(offered, held, declined) and the case's stored clock (its most urgent open clock)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from .. import guarantee
from ..access import CHANGE
from ..event_messages import EventCode, part, reason_part
from ..legal_bases import ADULT_AGE, basis_for_new_request, rules_for
from ..models import Case, CaseEvent, CaseStatus, Citizen, LegalBasis, TreatmentRequest
from .checks import Errors, local_today, require_open, require_perm
from .events import case_event_record
from .locking import lock_case

# A request for renewed treatment comes during treatment or aftercare (a relapse, a new need);
# combination treatment can be asked for whenever the case is open.
RENEWAL_STATUSES = frozenset({CaseStatus.IN_TREATMENT, CaseStatus.AFTERCARE})


def request_deadline(legal_basis: str, requested_on: date, regional: bool) -> date | None:
    """The request's deadline: request date + 14 days, None where the guarantee does not apply
    (SEL § 101 a; regional integrated dual-diagnosis treatment, SUL § 82 c)."""
    if not rules_for(legal_basis).covered or regional:
        return None
    return guarantee.guarantee_deadline(requested_on)


def is_adult_on(citizen: Citizen, day: date) -> bool | None:
    """Whether the citizen is 18 or over on `day`; None when the birth date is unknown."""
    born = citizen.birth_date
    if born is None:
        return None
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return years >= ADULT_AGE


def _is_open(request: TreatmentRequest, today: date) -> bool:
    try:
        return request.is_open_clock(today=today)
    except ValueError:
        # Inconsistent stored data (a start before the request): the case page shows the
        # problem; the stored clock leaves such a request out rather than fail the write.
        return False


def refresh_urgency(case: Case, *, today: date | None = None) -> Case:
    """Store the case's urgency (DESIGN §3, §9; cases.models.urgency): its most urgent open
    clock, open breached first (oldest deadline first), then running (earliest deadline
    first); `guarantee_deadline` holds its deadline, or None when no clock is open, and
    `clock_request` the request the lists show (the most urgent open one, else the latest).
    The class (`Case.urgency`) follows from the row in the database. One query over the
    case's requests, and one UPDATE when something changed.

    Every service that starts, stops or changes a clock calls it (a request's date, basis,
    deadline, start or free choice); tests/cases/test_urgency_hooks.py finds every write to
    those fields in the services and fails when its function does not call this."""
    today = today or local_today()
    requests = list(TreatmentRequest.objects.filter(case=case).order_by("requested_on", "pk"))
    open_ones = [r for r in requests if _is_open(r, today)]
    shown: TreatmentRequest | None
    if open_ones:
        shown = min(open_ones, key=lambda r: (r.guarantee_deadline or date.max, r.pk))
        deadline = shown.guarantee_deadline
    else:
        shown = requests[-1] if requests else None
        deadline = None
    free_choice = any(r.free_choice for r in requests)
    starts = [r.treatment_started_on for r in requests if r.treatment_started_on is not None]
    first_start = min(starts) if starts else case.treatment_started_on
    changed = {
        "clock_request": shown,
        "guarantee_deadline": deadline,
        "free_choice": free_choice,
        "treatment_started_on": first_start,
    }
    fields = [name for name, value in changed.items() if getattr(case, name) != value]
    if fields:
        for name in fields:
            setattr(case, name, changed[name])
        case.save(update_fields=[*fields, "updated_at"])
    return case


# The name the services used before issue 17.
case_clocks_refresh = refresh_urgency


def first_request_for(case: Case, *, actor: User | None = None) -> TreatmentRequest:
    """The (unsaved) first request of a case, from its inquiry and its own guarantee inputs
    (also used by the bulk loaders of bench/ and core/demo)."""
    return TreatmentRequest(
        case=case,
        kind=TreatmentRequest.Kind.FIRST,
        legal_basis=case.legal_basis,
        requested_on=case.inquiry_date,
        note=case.inquiry_note,
        regional_dual_diagnosis=case.regional_dual_diagnosis,
        decision_on=case.decision_date,
        decision_text=case.decision_text,
        doctor_consultation_held_on=case.doctor_consultation_on,
        free_choice=case.free_choice and case.legal_basis != LegalBasis.BL33,
        guarantee_deadline=request_deadline(
            case.legal_basis, case.inquiry_date, case.regional_dual_diagnosis
        ),
        treatment_started_on=case.treatment_started_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def case_clock_fields(case: Case, request: TreatmentRequest, *, today: date) -> None:
    """Set (not save) the stored clock of a case that has exactly this one request."""
    case.clock_request = request
    case.guarantee_deadline = request.guarantee_deadline if _is_open(request, today) else None


def request_create_first(*, case: Case, actor: User | None) -> TreatmentRequest:
    """The first request of a new case, from its inquiry (called by case_open)."""
    request = first_request_for(case, actor=actor)
    request.full_clean()
    request.save()
    refresh_urgency(case)
    return request


def request_sync_first(*, case: Case) -> None:
    """Keep the first request in step with a correction of the case's basic data."""
    first = TreatmentRequest.objects.filter(case=case, kind=TreatmentRequest.Kind.FIRST).first()
    if first is None:
        request_create_first(case=case, actor=None)
        return
    first.legal_basis = case.legal_basis
    first.requested_on = case.inquiry_date
    first.regional_dual_diagnosis = case.regional_dual_diagnosis
    first.guarantee_deadline = request_deadline(
        case.legal_basis, case.inquiry_date, case.regional_dual_diagnosis
    )
    first.save(
        update_fields=[
            "legal_basis",
            "requested_on",
            "regional_dual_diagnosis",
            "guarantee_deadline",
        ]
    )
    refresh_urgency(case)


@transaction.atomic
def request_open(
    *,
    actor: User,
    case: Case,
    kind: str,
    legal_basis: str,
    requested_on: date,
    note: str = "",
    regional_dual_diagnosis: bool = False,
    expected_version: int | None = None,
) -> TreatmentRequest:
    """Open a further request in an open case, with its own clock: renewed treatment (a
    relapse or a new need during treatment or aftercare) or combination treatment (a second
    basis, e.g. SUL § 142 with SEL § 101). A Barnets lov § 33 basis asked for after the
    citizen's 18th birthday falls under SEL § 101."""
    require_perm(actor, CHANGE, case)
    case = lock_case(case, expected_version=expected_version)
    require_open(case)
    errors = Errors()
    today = local_today()
    basis: LegalBasis | None = None
    try:
        basis = LegalBasis(guarantee.parse_legal_basis(legal_basis).value)
    except ValueError as exc:
        errors.add("legal_basis", str(exc), code="invalid")
    if kind not in (TreatmentRequest.Kind.RENEWED, TreatmentRequest.Kind.COMBINATION):
        errors.add("kind", _("Vælg fornyet behandling eller kombinationsbehandling."), "invalid")
    if requested_on is None:
        errors.add("requested_on", _("Angiv anmodningsdatoen."), code="required")
    elif requested_on > today:
        errors.add("requested_on", _("Anmodningsdatoen kan ikke ligge i fremtiden."), "future")
    elif requested_on < case.inquiry_date:
        errors.add(
            "requested_on",
            _("Anmodningsdatoen kan ikke ligge før sagens henvendelsesdato."),
            code="before_inquiry",
        )
    if kind == TreatmentRequest.Kind.RENEWED and case.status not in RENEWAL_STATUSES:
        errors.add(
            "kind",
            _("Fornyet behandling anmodes om under behandling eller efterbehandling."),
            code="status",
        )
    converted = False
    if basis is not None and requested_on is not None:
        adult = is_adult_on(case.citizen, requested_on)
        new_basis = basis_for_new_request(basis, adult=bool(adult))
        converted = new_basis is not basis
        basis = LegalBasis(new_basis.value)
        if (
            kind == TreatmentRequest.Kind.COMBINATION
            and TreatmentRequest.objects.filter(case=case, legal_basis=basis).exists()
        ):
            errors.add(
                "legal_basis",
                _("Kombinationsbehandling er en anmodning efter et andet lovgrundlag."),
                code="same_basis",
            )
    errors.raise_if_any()
    assert basis is not None  # for the type checker: errors were raised otherwise

    request = TreatmentRequest(
        case=case,
        kind=kind,
        legal_basis=basis,
        requested_on=requested_on,
        note=(note or "").strip(),
        regional_dual_diagnosis=bool(regional_dual_diagnosis),
        guarantee_deadline=request_deadline(basis, requested_on, bool(regional_dual_diagnosis)),
        created_by=actor,
    )
    request.full_clean()
    request.save()
    case.version += 1
    case.save(update_fields=["version", "updated_at"])
    refresh_urgency(case, today=today)
    result = request.guarantee(today=today)
    description = _(
        "Ny anmodning (%(kind)s) %(date)s efter %(basis)s. Behandlingsgaranti: %(reason)s."
    ) % {
        "kind": request.get_kind_display(),
        "date": requested_on.isoformat(),
        "basis": request.get_legal_basis_display(),
        "reason": result.reason,
    }
    values: dict[str, Any] = {
        "request_kind": request.kind,
        "date": requested_on.isoformat(),
        "legal_basis": str(basis),
        "reason": reason_part(result),
    }
    if converted:
        description += " " + _(
            "Borgeren er fyldt 18 år: anmodningen behandles efter Serviceloven § 101."
        )
        values["also"] = [part(EventCode.REQUEST_CONVERTED)]
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.REQUEST_OPENED,
        actor=actor,
        description=description,
        code=EventCode.REQUEST_OPENED,
        values=values,
        data={
            "request": request.pk,
            "kind": kind,
            "legal_basis": str(basis),
            "requested_on": requested_on.isoformat(),
            "converted_to_sel101": converted,
        },
    )
    return request


@transaction.atomic
def request_doctor_consultation_save(
    *,
    actor: User,
    request: TreatmentRequest,
    offered_on: date | None,
    held_on: date | None,
    declined_on: date | None,
) -> TreatmentRequest:
    """Record the doctor's consultation of a drug request as offered, held or declined, with
    dates (SUL § 142, stk. 1-2: offered to everyone seeking drug treatment)."""
    case = request.case
    require_perm(actor, CHANGE, case)
    case = lock_case(case)
    require_open(case)
    request = TreatmentRequest.objects.select_for_update().get(pk=request.pk)
    errors = Errors()
    today = local_today()
    if not request.doctor_consultation_offered:
        errors.add(
            "offered_on",
            _("Lægesamtalen tilbydes kun ved behandling for stofmisbrug."),
            code="not_offered",
        )
    for name, value in (
        ("offered_on", offered_on),
        ("held_on", held_on),
        ("declined_on", declined_on),
    ):
        if value is None:
            continue
        if value > today:
            errors.add(name, _("Datoen kan ikke ligge i fremtiden."), code="future")
        elif value < request.requested_on:
            errors.add(
                name, _("Datoen kan ikke ligge før anmodningsdatoen."), code="before_request"
            )
    if held_on is not None and declined_on is not None:
        errors.add("declined_on", _("Lægesamtalen er enten holdt eller afslået."), code="both")
    if offered_on is None and (held_on is not None or declined_on is not None):
        errors.add("offered_on", _("Angiv, hvornår lægesamtalen blev tilbudt."), code="required")
    elif offered_on is not None:
        for name, value in (("held_on", held_on), ("declined_on", declined_on)):
            if value is not None and value < offered_on:
                errors.add(name, _("Datoen kan ikke ligge før tilbuddet."), code="before_offer")
    errors.raise_if_any()

    request.doctor_consultation_offered_on = offered_on
    request.doctor_consultation_held_on = held_on
    request.doctor_consultation_declined_on = declined_on
    request.save(
        update_fields=[
            "doctor_consultation_offered_on",
            "doctor_consultation_held_on",
            "doctor_consultation_declined_on",
        ]
    )
    # The case keeps the held date for what reads it (reports, the consultation reminder).
    if held_on is not None and (
        case.doctor_consultation_on is None or held_on < case.doctor_consultation_on
    ):
        case.doctor_consultation_on = held_on
    case.version += 1
    case.save(update_fields=["doctor_consultation_on", "version", "updated_at"])
    state = (
        _("holdt %(date)s") % {"date": held_on.isoformat()}
        if held_on
        else _("afslået %(date)s") % {"date": declined_on.isoformat()}
        if declined_on
        else _("tilbudt %(date)s") % {"date": offered_on.isoformat()}
        if offered_on
        else _("ikke registreret")
    )
    state_part = (
        part(EventCode.CONSULTATION_HELD, {"date": held_on.isoformat()})
        if held_on
        else part(EventCode.CONSULTATION_DECLINED, {"date": declined_on.isoformat()})
        if declined_on
        else part(EventCode.CONSULTATION_OFFERED, {"date": offered_on.isoformat()})
        if offered_on
        else part(EventCode.CONSULTATION_NOT_RECORDED)
    )
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CASE_UPDATED,
        actor=actor,
        description=_("Lægesamtale for anmodningen %(request)s: %(state)s.")
        % {"request": str(request), "state": state},
        code=EventCode.CONSULTATION_SAVED,
        values={
            "request_id": request.pk,
            "request_basis": request.legal_basis,
            "requested_on": request.requested_on.isoformat(),
            "state": state_part,
        },
        data={"request": request.pk, "doctor_consultation": state},
    )
    return request


def request_decision_record(*, case: Case, decision_on: date, decision_text: str) -> None:
    """The case's decision (cases.services.decision) decides the requests that need one and
    have none yet (SEL § 101, BL § 33)."""
    for request in TreatmentRequest.objects.filter(case=case, decision_on__isnull=True):
        if request.needs_decision and request.requested_on <= decision_on:
            request.decision_on = decision_on
            request.decision_text = decision_text
            request.save(update_fields=["decision_on", "decision_text"])


def request_start_problem(request: TreatmentRequest) -> str | None:
    """Why an episode under the request cannot start now: a request whose basis needs a
    decision (SEL § 101, BL § 33) has none (Danish), else None."""
    if request.needs_decision and request.decision_on is None:
        return _(
            "Behandlingen kan ikke starte, før der er truffet afgørelse om anmodningen (%(basis)s)."
        ) % {"basis": request.get_legal_basis_display()}
    return None


def request_turned_18_note(request: TreatmentRequest, *, today: date) -> str | None:
    """The case page's note for a Barnets lov § 33 request of a citizen who is now 18: the
    request continues; what is asked for from now on falls under SEL § 101."""
    if request.legal_basis != LegalBasis.BL33 or not is_adult_on(request.case.citizen, today):
        return None
    return _(
        "Borgeren er fyldt 18 år. Anmodningen efter Barnets lov § 33 fortsætter; en ny "
        "anmodning eller et frit valg fra nu af hører under Serviceloven § 101."
    )
