"""Opening a case after an inquiry, and correcting its basic data (legal basis, inquiry date,
substances); the guarantee deadline follows both."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Unit, User

from .. import guarantee
from ..access import CHANGE, case_access_sync, is_caseworker_of
from ..event_messages import EventCode
from ..models import Case, CaseEvent, CaseStatus, Citizen, LegalBasis, Substance
from ..selectors.citizens import citizens_for_new_case
from .checks import Errors, local_today, require_open, require_perm
from .events import case_event_record
from .legal_bases import ANONYMOUS_LEGAL_BASES
from .locking import lock_case
from .requests import request_create_first, request_sync_first

_CASE_NUMBER_RE = r"^[0-9]{4}-[0-9]+$"
_CASE_NUMBER_ATTEMPTS = 5


def _legal_basis_label(value: str) -> str:
    return str(dict(LegalBasis.choices).get(value, value))


def _next_case_number(year: int) -> str:
    """ "YYYY-NNNNN": the year of the inquiry and the next number of that year."""
    prefix = f"{year:04d}-"
    # Longest first, then highest: "2026-100000" comes after "2026-99999".
    last = (
        Case.objects.filter(number__startswith=prefix, number__regex=_CASE_NUMBER_RE)
        .annotate(number_length=Length("number"))
        .order_by("-number_length", "-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


def _open_case_of(citizen: Citizen) -> Case | None:
    return Case.objects.filter(citizen=citizen).exclude(status=CaseStatus.CLOSED).first()


def _open_case_error(existing: Case) -> ValidationError:
    return ValidationError(
        _("Borgeren har allerede en åben sag (%(number)s). Afslut den, før en ny oprettes.")
        % {"number": existing.number},
        code="open_case_exists",
    )


def _age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _check_basis_for_citizen(
    errors: Errors, *, legal_basis: str, citizen: Citizen, inquiry_date: date | None
) -> None:
    if legal_basis == LegalBasis.SEL101A and not citizen.is_anonymous:
        errors.add(
            "legal_basis",
            _(
                "Anonym behandling efter SEL § 101 a kræver en anonym borger (uden "
                "CPR-nummer). Registrér borgeren anonymt med et alias."
            ),
            code="anonymous_required",
        )
    if citizen.is_anonymous and legal_basis not in ANONYMOUS_LEGAL_BASES:
        errors.add(
            "legal_basis",
            _(
                "En anonym borger kan kun have en sag efter SEL § 101 a (stofmisbrug) eller "
                "SUL § 141 (alkohol)."
            ),
            code="anonymous_basis",
        )
    if citizen.birth_date is not None and inquiry_date is not None:
        age = _age_on(citizen.birth_date, inquiry_date)
        if legal_basis == LegalBasis.BL33 and age >= 18:
            errors.add(
                "legal_basis",
                _("Barnets lov § 33 gælder borgere under 18 år. Brug Serviceloven § 101."),
                code="age",
            )
        if legal_basis == LegalBasis.SEL101 and age < 18:
            errors.add(
                "legal_basis",
                _("Serviceloven § 101 gælder borgere på 18 år og derover. Brug Barnets lov § 33."),
                code="age",
            )


def _check_substances(errors: Errors, substances: Iterable[str]) -> list[str]:
    values = list(dict.fromkeys(str(s) for s in substances))
    unknown = [s for s in values if s not in Substance.values]
    if unknown:
        errors.add("substances", _("Ukendt rusmiddel."), code="invalid")
    return values


def _deadline_for(
    legal_basis: str, inquiry_date: date, regional_dual_diagnosis: bool
) -> date | None:
    # Not covered (no deadline): SEL § 101 a, and regional dual-diagnosis treatment (SUL § 82 c).
    if legal_basis == LegalBasis.SEL101A or regional_dual_diagnosis:
        return None
    return guarantee.guarantee_deadline(inquiry_date)


@transaction.atomic
def case_open(
    *,
    actor: User,
    citizen: Citizen,
    legal_basis: str,
    inquiry_date: date,
    team: Unit,
    caseworker: User | None = None,
    substances: Iterable[str] = (),
    inquiry_note: str = "",
    regional_dual_diagnosis: bool = False,
    today: date | None = None,
    found_by_cpr: Collection[int] = (),
) -> Case:
    """Open a new case (treatment course) for a citizen after an inquiry.

    The guarantee clock starts at the inquiry date (DESIGN §3.1). A citizen has at most one open
    case; a new request after a case closed opens a new case with a new guarantee. The citizen
    must be one the actor may open a case for (selectors.citizens_for_new_case, with the ids
    of citizens the actor found by their exact CPR number); any other is "not found".
    """
    require_perm(actor, "cases.add_case")
    if not citizens_for_new_case(actor, found_by_cpr=found_by_cpr).filter(pk=citizen.pk).exists():
        raise ValidationError(
            {"citizen": _("Findes ikke, eller du har ikke adgang.")}, code="not_found"
        )
    today = today or local_today()
    errors = Errors()
    try:
        guarantee.parse_legal_basis(legal_basis)
    except ValueError as exc:
        errors.add("legal_basis", str(exc), code="invalid")
    # Checked, not trusted: a caller may pass None or a datetime.
    valid_inquiry_date: date | None = inquiry_date
    if not isinstance(inquiry_date, date) or isinstance(inquiry_date, datetime):
        errors.add("inquiry_date", _("Angiv henvendelsesdatoen."), code="required")
        valid_inquiry_date = None
    elif inquiry_date > today:
        errors.add(
            "inquiry_date", _("Henvendelsesdatoen kan ikke ligge i fremtiden"), code="future"
        )
    if team is None or team.kind != Unit.Kind.MUNICIPAL_TEAM:
        errors.add("team", _("Vælg et kommunalt team."), code="invalid")
    elif caseworker is not None and not is_caseworker_of(caseworker, team):
        errors.add(
            "caseworker",
            _("Sagsbehandleren skal være sagsbehandler i det valgte team."),
            code="invalid",
        )
    values = _check_substances(errors, substances)
    _check_basis_for_citizen(
        errors, legal_basis=legal_basis, citizen=citizen, inquiry_date=valid_inquiry_date
    )
    errors.raise_if_any()

    # Lock the citizen: two requests opening a case for the same citizen queue up here.
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    existing = _open_case_of(citizen)
    if existing is not None:
        raise _open_case_error(existing)

    case = Case(
        citizen=citizen,
        legal_basis=legal_basis,
        substances=values,
        inquiry_date=inquiry_date,
        inquiry_note=inquiry_note.strip(),
        regional_dual_diagnosis=bool(regional_dual_diagnosis),
        team=team,
        caseworker=caseworker,
        status=CaseStatus.INQUIRY,
        guarantee_deadline=_deadline_for(legal_basis, inquiry_date, regional_dual_diagnosis),
    )
    for _attempt in range(_CASE_NUMBER_ATTEMPTS):
        case.number = _next_case_number(inquiry_date.year)
        # Uniqueness (number; one open case per citizen) is decided by the database below.
        case.full_clean(validate_unique=False, validate_constraints=False)
        try:
            # A savepoint, so that a lost race leaves the outer transaction usable. Two cases
            # opened at once may compute the same next number: the unique constraint rejects
            # the second, which then takes the following number.
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:
            case.pk = None
            existing = _open_case_of(citizen)
            if existing is not None:
                raise _open_case_error(existing) from None
            if not Case.objects.filter(number=case.number).exists():
                raise
    else:  # pragma: no cover - only under sustained contention
        raise ValidationError(_("Sagsnummeret kunne ikke tildeles. Prøv igen."), code="number")

    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CREATED,
        actor=actor,
        to_status=CaseStatus.INQUIRY,
        description=_("Sag oprettet efter henvendelse %(date)s (%(basis)s).")
        % {
            "date": date_format(inquiry_date, "DATE_FORMAT"),
            "basis": _legal_basis_label(legal_basis),
        },
        code=EventCode.CASE_CREATED,
        values={"date": inquiry_date.isoformat(), "legal_basis": legal_basis},
        data={"legal_basis": legal_basis, "inquiry_date": inquiry_date.isoformat()},
    )
    # DESIGN §3: the first request comes with the inquiry; the guarantee belongs to it.
    request_create_first(case=case, actor=actor)
    case_access_sync(case)
    return case


CASE_UPDATE_FIELDS = frozenset(
    {"legal_basis", "inquiry_date", "substances", "inquiry_note", "regional_dual_diagnosis"}
)


@transaction.atomic
def case_update(*, actor: User, case: Case, expected_version: int, **fields: Any) -> Case:
    """Correct the case's basic data (legal basis, inquiry date, substances, note, regional
    dual diagnosis). The guarantee deadline follows; the change is on the timeline."""
    unknown = set(fields) - CASE_UPDATE_FIELDS
    if unknown:
        raise TypeError(f"case_update() got unexpected fields: {sorted(unknown)}")
    require_perm(actor, CHANGE, case)
    case = lock_case(case, expected_version=expected_version)
    require_open(case)
    errors = Errors()
    before = {name: getattr(case, name) for name in fields}
    for name, value in fields.items():
        setattr(case, name, value)
    try:
        guarantee.parse_legal_basis(case.legal_basis)
    except ValueError as exc:
        errors.add("legal_basis", str(exc), code="invalid")
    if case.inquiry_date > local_today():
        errors.add(
            "inquiry_date", _("Henvendelsesdatoen kan ikke ligge i fremtiden"), code="future"
        )
    if case.treatment_started_on and case.inquiry_date > case.treatment_started_on:
        errors.add(
            "inquiry_date",
            _("Henvendelsesdatoen kan ikke ligge efter behandlingsstart."),
            code="after_start",
        )
    if "substances" in fields:
        case.substances = _check_substances(errors, case.substances)
    if "inquiry_note" in fields:
        case.inquiry_note = (case.inquiry_note or "").strip()
    _check_basis_for_citizen(
        errors, legal_basis=case.legal_basis, citizen=case.citizen, inquiry_date=case.inquiry_date
    )
    errors.raise_if_any()
    case.guarantee_deadline = _deadline_for(
        case.legal_basis, case.inquiry_date, case.regional_dual_diagnosis
    )
    case.version += 1
    case.full_clean(validate_unique=False, validate_constraints=False)
    changed = [name for name in fields if before[name] != getattr(case, name)]
    case.save(update_fields=[*fields, "guarantee_deadline", "version", "updated_at"])
    request_sync_first(case=case)
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CASE_UPDATED,
        actor=actor,
        description=_("Sagens grundoplysninger er rettet."),
        code=EventCode.CASE_CORRECTED,
        data={"fields": changed},
    )
    return case
