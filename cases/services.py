"""Writes for citizens, cases, their lifecycle, consents, disclosures and break-the-glass access.

Every service is keyword-only and runs in one transaction. Errors a user can fix are raised as
django.core.exceptions.ValidationError with Danish messages (keyed by field where a field is to
blame), so that forms and the API show them; missing rights raise PermissionDenied (a view only
gets that far when the user can already see the case, so 403 reveals nothing new).

Every change to a case writes a CaseEvent (the timeline) in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit
from accounts.roles import Role

from . import guarantee, lifecycle
from .access import (
    CHANGE,
    VIEW,
    case_access_sync,
    case_list_visible_to,
    has_case_perm,
    temporary_access_grant,
)
from .access_log import access_log_record
from .cpr import birth_date_from_cpr, parse_cpr
from .models import (
    AccessLog,
    Case,
    CaseEvent,
    CaseStatus,
    Citizen,
    Consent,
    Disclosure,
    InformationKind,
    LegalBasis,
    PartyKind,
    Substance,
    TemporaryCaseAccess,
)

# Anonymous citizens: SEL § 101 a is anonymous by law; alcohol treatment may be anonymous on
# request (SUL § 141, stk. 7). Every other basis needs an identified citizen (a decision is
# made about a named person).
ANONYMOUS_LEGAL_BASES = frozenset({LegalBasis.SEL101A, LegalBasis.SUL141})
# Drug cases record the doctor's consultation (SUL § 142, stk. 1-2).
DRUG_LEGAL_BASES = frozenset(
    {LegalBasis.SEL101, LegalBasis.BL33, LegalBasis.SEL101A, LegalBasis.SUL142}
)
BREAK_GLASS_MIN_REASON = 10
BREAK_GLASS_RULE = "break_glass"
_CASE_NUMBER_RE = r"^[0-9]{4}-[0-9]+$"
_CASE_NUMBER_ATTEMPTS = 5
_POSTAL_CODE_RE = re.compile(r"[0-9]{4}")

CITIZEN_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "cpr",
        "birth_date",
        "is_anonymous",
        "alias",
        "address",
        "postal_code",
        "city",
        "phone",
        "email",
    }
)


class ConcurrentEditError(ValidationError):
    """Someone else saved the case after the form was opened (optimistic concurrency)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _("Sagen er ændret af en anden, siden du åbnede den. Genindlæs og prøv igen."),
            code="concurrent_edit",
        )


class _Errors:
    """Collects field errors so that a form shows all of them at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: str, code: str = "invalid") -> None:
        self.errors.setdefault(field, []).append(ValidationError(message, code=code))

    def merge(self, exc: ValidationError) -> None:
        for field, messages in exc.message_dict.items():
            if field not in self.errors:  # our own, more specific message wins
                self.errors[field] = [ValidationError(m) for m in messages]

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


# --- helpers ----------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _require_perm(actor: Any, perm: str, case: Case | None = None) -> None:
    allowed = actor.has_perm(perm) if case is None else has_case_perm(actor, perm, case)
    if not getattr(actor, "is_active", False) or not allowed:
        raise PermissionDenied(_("Du har ikke adgang til at foretage denne ændring."))


def _lock_case(case: Case | int, *, expected_version: int | None = None) -> Case:
    """The case row, locked for the rest of the transaction, at the version the form saw."""
    pk = case.pk if isinstance(case, Case) else case
    locked = Case.objects.select_for_update().get(pk=pk)
    if expected_version is not None and int(expected_version) != locked.version:
        raise ConcurrentEditError
    return locked


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(
            _("Sagen er afsluttet og kan ikke ændres. Opret en ny sag ved en ny henvendelse."),
            code="closed",
        )


def _is_caseworker_of(user: Any, unit: Unit) -> bool:
    return (
        user is not None
        and user.is_active
        and user.unit_id == unit.pk
        and user.groups.filter(name=Role.CASEWORKER.value).exists()
    )


def case_url(case: Case) -> str:
    """The case page (no personal data in it: the case's database id only)."""
    try:
        return reverse("cases:detail", kwargs={"case_id": case.pk})
    except NoReverseMatch:
        return f"/sager/{case.pk}/"


def _legal_basis_label(value: str) -> str:
    return str(dict(LegalBasis.choices).get(value, value))


# --- the timeline -----------------------------------------------------------------------------


def case_event_record(
    *,
    case: Case,
    kind: str,
    actor: Any,
    description: str = "",
    data: dict[str, Any] | None = None,
    from_status: str = "",
    to_status: str = "",
    occurred_at: datetime | None = None,
) -> CaseEvent:
    """Append one event to the case's timeline (append-only; never edited afterwards)."""
    event = CaseEvent(
        case=case,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        description=description,
        data=data or {},
        from_status=from_status,
        to_status=to_status,
        occurred_at=occurred_at or timezone.now(),
    )
    event.full_clean()
    event.save()
    return event


# --- citizens ---------------------------------------------------------------------------------


def _clean_citizen(citizen: Citizen, errors: _Errors, *, today: date) -> None:
    """Normalise and check a citizen in memory (CPR, anonymity, names, postal code)."""
    citizen.first_name = (citizen.first_name or "").strip()
    citizen.last_name = (citizen.last_name or "").strip()
    citizen.alias = (citizen.alias or "").strip()
    citizen.postal_code = (citizen.postal_code or "").strip()
    cpr_input = (citizen.cpr or "").strip()
    citizen.cpr = None
    if cpr_input:
        try:
            citizen.cpr = parse_cpr(cpr_input)
        except ValueError as exc:
            errors.add("cpr", str(exc), code="invalid_cpr")
    if citizen.is_anonymous:
        # SEL § 101 a and SUL § 141, stk. 7: anonymous treatment stores no CPR number.
        if cpr_input:
            errors.add(
                "cpr",
                _("En anonym borger registreres uden CPR-nummer."),
                code="anonymous_cpr",
            )
            citizen.cpr = None
        if not citizen.alias:
            errors.add("alias", _("Angiv et alias for en anonym borger."), code="required")
    elif not (citizen.first_name or citizen.last_name):
        errors.add("first_name", _("Angiv borgerens navn."), code="required")
    if citizen.cpr:
        born = birth_date_from_cpr(citizen.cpr)
        if born > today:
            errors.add(
                "cpr", _("Ugyldigt CPR-nummer: fødselsdatoen ligger i fremtiden"), code="invalid"
            )
        citizen.birth_date = born
        duplicate = Citizen.objects.filter(cpr=citizen.cpr).exclude(pk=citizen.pk).exists()
        if duplicate:
            errors.add(
                "cpr",
                _("Der findes allerede en borger med dette CPR-nummer"),
                code="duplicate_cpr",
            )
    elif citizen.birth_date is not None and citizen.birth_date > today:
        errors.add("birth_date", _("Fødselsdatoen kan ikke ligge i fremtiden."), code="future")
    if citizen.postal_code and not _POSTAL_CODE_RE.fullmatch(citizen.postal_code):
        errors.add("postal_code", _("Postnummeret skal have 4 cifre."), code="invalid")


def _full_clean_into(citizen: Citizen, errors: _Errors) -> None:
    try:
        citizen.full_clean(validate_constraints=False, validate_unique=False)
    except ValidationError as exc:
        errors.merge(exc)


def _save_citizen(citizen: Citizen, *, update_fields: list[str] | None = None) -> None:
    citizen.full_clean(validate_constraints=False, validate_unique=False)
    try:
        # A savepoint: two caseworkers registering the same CPR at the same moment both pass the
        # look-up above; the database's unique constraint decides and the loser gets the message.
        with transaction.atomic():
            citizen.save(update_fields=update_fields)
    except IntegrityError:
        if citizen.cpr and Citizen.objects.filter(cpr=citizen.cpr).exclude(pk=citizen.pk).exists():
            raise ValidationError(
                {"cpr": _("Der findes allerede en borger med dette CPR-nummer")},
                code="duplicate_cpr",
            ) from None
        raise


@transaction.atomic
def citizen_create(
    *,
    actor: Any,
    first_name: str = "",
    last_name: str = "",
    cpr: str | None = None,
    birth_date: date | None = None,
    is_anonymous: bool = False,
    alias: str = "",
    address: str = "",
    postal_code: str = "",
    city: str = "",
    phone: str = "",
    email: str = "",
) -> Citizen:
    """Register a citizen. The CPR number is optional, stored as DDMMYY-SSSS, unique, and gives
    the birth date; an anonymous citizen has an alias and no CPR number."""
    _require_perm(actor, "cases.add_citizen")
    citizen = Citizen(
        first_name=first_name,
        last_name=last_name,
        cpr=cpr,
        birth_date=birth_date,
        is_anonymous=bool(is_anonymous),
        alias=alias,
        address=address,
        postal_code=postal_code,
        city=city,
        phone=phone,
        email=email,
    )
    errors = _Errors()
    _clean_citizen(citizen, errors, today=_today())
    _full_clean_into(citizen, errors)
    errors.raise_if_any()
    _save_citizen(citizen)
    return citizen


@transaction.atomic
def citizen_update(*, actor: Any, citizen: Citizen, **fields: Any) -> Citizen:
    """Change a citizen's details. Whoever may change one of the citizen's cases may do it."""
    unknown = set(fields) - CITIZEN_FIELDS
    if unknown:
        raise TypeError(f"citizen_update() got unexpected fields: {sorted(unknown)}")
    _require_perm(actor, "cases.change_citizen")
    cases = Case.objects.filter(citizen=citizen)
    if (
        cases.exists()
        and not case_list_visible_to(actor, perm=CHANGE).filter(citizen=citizen).exists()
    ):
        raise PermissionDenied(_("Du har ikke adgang til at ændre borgerens oplysninger."))
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    for name, value in fields.items():
        setattr(citizen, name, value)
    errors = _Errors()
    _clean_citizen(citizen, errors, today=_today())
    if not citizen.is_anonymous:
        # An open SEL § 101 a case is anonymous by law: its citizen cannot become identified.
        if cases.filter(legal_basis=LegalBasis.SEL101A).exclude(status=CaseStatus.CLOSED).exists():
            errors.add(
                "is_anonymous",
                _("Borgeren har en åben anonym sag (SEL § 101 a) og skal forblive anonym."),
                code="anonymous_case",
            )
    elif (
        cases.exclude(legal_basis__in=ANONYMOUS_LEGAL_BASES)
        .exclude(status=CaseStatus.CLOSED)
        .exists()
    ):
        errors.add(
            "is_anonymous",
            _(
                "Borgeren har en åben sag, der ikke kan være anonym. Kun SEL § 101 a og "
                "SUL § 141 kan være anonyme."
            ),
            code="not_anonymous_basis",
        )
    _full_clean_into(citizen, errors)
    errors.raise_if_any()
    _save_citizen(citizen)
    return citizen


# --- cases ------------------------------------------------------------------------------------


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
    errors: _Errors, *, legal_basis: str, citizen: Citizen, inquiry_date: date | None
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


def _check_substances(errors: _Errors, substances: Iterable[str]) -> list[str]:
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
    actor: Any,
    citizen: Citizen,
    legal_basis: str,
    inquiry_date: date,
    team: Unit,
    caseworker: Any = None,
    substances: Iterable[str] = (),
    inquiry_note: str = "",
    regional_dual_diagnosis: bool = False,
    today: date | None = None,
) -> Case:
    """Open a new case (treatment course) for a citizen after an inquiry.

    The guarantee clock starts at the inquiry date (DESIGN §3.1). A citizen has at most one open
    case; a new request after a case closed opens a new case with a new guarantee.
    """
    _require_perm(actor, "cases.add_case")
    today = today or _today()
    errors = _Errors()
    try:
        guarantee.parse_legal_basis(legal_basis)
    except ValueError as exc:
        errors.add("legal_basis", str(exc), code="invalid")
    if not isinstance(inquiry_date, date) or isinstance(inquiry_date, datetime):
        errors.add("inquiry_date", _("Angiv henvendelsesdatoen."), code="required")
        inquiry_date = None  # type: ignore[assignment]
    elif inquiry_date > today:
        errors.add(
            "inquiry_date", _("Henvendelsesdatoen kan ikke ligge i fremtiden"), code="future"
        )
    if team is None or team.kind != Unit.Kind.MUNICIPAL_TEAM:
        errors.add("team", _("Vælg et kommunalt team."), code="invalid")
    elif caseworker is not None and not _is_caseworker_of(caseworker, team):
        errors.add(
            "caseworker",
            _("Sagsbehandleren skal være sagsbehandler i det valgte team."),
            code="invalid",
        )
    values = _check_substances(errors, substances)
    _check_basis_for_citizen(
        errors, legal_basis=legal_basis, citizen=citizen, inquiry_date=inquiry_date
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
        % {"date": inquiry_date.isoformat(), "basis": _legal_basis_label(legal_basis)},
        data={"legal_basis": legal_basis, "inquiry_date": inquiry_date.isoformat()},
    )
    case_access_sync(case)
    return case


CASE_UPDATE_FIELDS = frozenset(
    {"legal_basis", "inquiry_date", "substances", "inquiry_note", "regional_dual_diagnosis"}
)


@transaction.atomic
def case_update(*, actor: Any, case: Case, expected_version: int, **fields: Any) -> Case:
    """Correct the case's basic data (legal basis, inquiry date, substances, note, regional
    dual diagnosis). The guarantee deadline follows; the change is on the timeline."""
    unknown = set(fields) - CASE_UPDATE_FIELDS
    if unknown:
        raise TypeError(f"case_update() got unexpected fields: {sorted(unknown)}")
    _require_perm(actor, CHANGE, case)
    case = _lock_case(case, expected_version=expected_version)
    _require_open(case)
    errors = _Errors()
    before = {name: getattr(case, name) for name in fields}
    for name, value in fields.items():
        setattr(case, name, value)
    try:
        guarantee.parse_legal_basis(case.legal_basis)
    except ValueError as exc:
        errors.add("legal_basis", str(exc), code="invalid")
    if case.inquiry_date > _today():
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
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CASE_UPDATED,
        actor=actor,
        description=_("Sagens grundoplysninger er rettet."),
        data={"fields": changed},
    )
    return case


def _check_day(
    errors: _Errors,
    field: str,
    value: date | None,
    *,
    case: Case,
    what: str,
    today: date,
    not_before_inquiry: bool = True,
) -> None:
    if value is None:
        return
    if value > today:
        errors.add(field, _("%(what)s kan ikke ligge i fremtiden.") % {"what": what}, "future")
    elif not_before_inquiry and value < case.inquiry_date:
        errors.add(
            field,
            _("%(what)s kan ikke ligge før henvendelsesdatoen.") % {"what": what},
            "before_inquiry",
        )


ASSESSMENT_TOPICS = (
    "assessment_substance_use",
    "assessment_social",
    "assessment_health",
    "assessment_work",
    "assessment_housing",
    "assessment_other",
)


@transaction.atomic
def case_assessment_save(
    *,
    actor: Any,
    case: Case,
    expected_version: int,
    substance_use: str,
    social: str,
    health: str,
    work: str,
    housing: str,
    other: str,
    completed_on: date | None = None,
    doctor_consultation_on: date | None = None,
    action_plan_offered_on: date | None = None,
    action_plan_accepted: bool | None = None,
) -> Case:
    """Save the holistic needs assessment (BEK 1477/2019 § 1, stk. 2: six topics), the doctor's
    consultation (SUL § 142) and the action plan (SEL § 141)."""
    _require_perm(actor, CHANGE, case)
    case = _lock_case(case, expected_version=expected_version)
    _require_open(case)
    today = _today()
    errors = _Errors()
    texts = dict(
        zip(
            ASSESSMENT_TOPICS,
            (substance_use, social, health, work, housing, other),
            strict=True,
        )
    )
    texts = {name: (value or "").strip() for name, value in texts.items()}
    _check_day(
        errors, "completed_on", completed_on, case=case, what=_("Afdækningsdatoen"), today=today
    )
    if completed_on is not None and not all(texts.values()):
        errors.add(
            "completed_on",
            _("Afdækningen kan først afsluttes, når alle seks emner er beskrevet."),
            code="incomplete",
        )
    # A consultation may precede the inquiry (e.g. at the doctor's who sent the citizen).
    _check_day(
        errors,
        "doctor_consultation_on",
        doctor_consultation_on,
        case=case,
        what=_("Datoen for lægesamtalen"),
        today=today,
        not_before_inquiry=False,
    )
    if action_plan_offered_on is not None or action_plan_accepted is not None:
        if case.legal_basis == LegalBasis.SEL101A:
            # SEL § 141 action plans are not for anonymous treatment (DESIGN §3.1).
            errors.add(
                "action_plan_offered_on",
                _("Handleplan efter SEL § 141 gælder ikke anonym behandling (SEL § 101 a)."),
                code="not_applicable",
            )
        _check_day(
            errors,
            "action_plan_offered_on",
            action_plan_offered_on,
            case=case,
            what=_("Datoen for tilbud om handleplan"),
            today=today,
        )
        if action_plan_accepted is not None and action_plan_offered_on is None:
            errors.add(
                "action_plan_accepted",
                _("Angiv hvornår handleplanen blev tilbudt."),
                code="required",
            )
    errors.raise_if_any()

    for name, value in texts.items():
        setattr(case, name, value)
    case.assessment_completed_on = completed_on
    case.doctor_consultation_on = doctor_consultation_on
    case.action_plan_offered_on = action_plan_offered_on
    case.action_plan_accepted = action_plan_accepted
    case.version += 1
    case.full_clean(validate_unique=False, validate_constraints=False)
    case.save(
        update_fields=[
            *ASSESSMENT_TOPICS,
            "assessment_completed_on",
            "doctor_consultation_on",
            "action_plan_offered_on",
            "action_plan_accepted",
            "version",
            "updated_at",
        ]
    )
    described = sum(1 for value in texts.values() if value)
    description = _("Afdækning gemt: %(count)s af 6 emner beskrevet.") % {"count": described}
    if completed_on is not None:
        description += " " + _("Afsluttet %(date)s.") % {"date": completed_on.isoformat()}
    warning = guarantee.doctor_consultation_warning(
        case.legal_basis, case.treatment_started_on, case.doctor_consultation_on
    )
    if warning:
        description += " " + warning
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.ASSESSMENT_SAVED,
        actor=actor,
        description=description,
        data={
            "topics_described": described,
            "completed_on": completed_on.isoformat() if completed_on else None,
            "doctor_consultation_on": (
                doctor_consultation_on.isoformat() if doctor_consultation_on else None
            ),
        },
    )
    return case


@transaction.atomic
def case_decision_save(
    *,
    actor: Any,
    case: Case,
    expected_version: int,
    decision_date: date,
    decision_result: str,
    decision_text: str,
    decision_complaint_guidance: bool,
) -> Case:
    """Record the decision (afgørelse): date, result, reasons and complaint guidance. A decision
    after the guarantee deadline is recorded with the BEK 1477/2019 § 1 warning."""
    _require_perm(actor, CHANGE, case)
    case = _lock_case(case, expected_version=expected_version)
    _require_open(case)
    errors = _Errors()
    decision_text = (decision_text or "").strip()
    if decision_date is None:
        errors.add("decision_date", _("Angiv afgørelsesdatoen."), code="required")
    elif decision_date > _today():
        errors.add(
            "decision_date", _("Afgørelsesdatoen kan ikke ligge i fremtiden."), code="future"
        )
    elif decision_date < case.inquiry_date:
        errors.add(
            "decision_date",
            _("Afgørelsesdatoen kan ikke ligge før henvendelsesdatoen."),
            code="before_inquiry",
        )
    if decision_result not in Case.DecisionResult.values:
        errors.add("decision_result", _("Vælg afgørelsens resultat."), code="required")
    if not decision_text:
        errors.add("decision_text", _("Skriv begrundelsen for afgørelsen."), code="required")
    # Forvaltningsloven § 25: a decision that does not fully grant the request carries
    # complaint guidance.
    if decision_result in (Case.DecisionResult.PARTLY, Case.DecisionResult.REFUSED) and not (
        decision_complaint_guidance
    ):
        errors.add(
            "decision_complaint_guidance",
            _(
                "Der skal gives klagevejledning, når borgeren ikke får fuldt medhold "
                "(forvaltningsloven § 25)."
            ),
            code="required",
        )
    errors.raise_if_any()

    case.decision_date = decision_date
    case.decision_result = decision_result
    case.decision_text = decision_text
    case.decision_complaint_guidance = bool(decision_complaint_guidance)
    case.version += 1
    case.full_clean(validate_unique=False, validate_constraints=False)
    case.save(
        update_fields=[
            "decision_date",
            "decision_result",
            "decision_text",
            "decision_complaint_guidance",
            "version",
            "updated_at",
        ]
    )
    warning = guarantee.decision_warning(
        case.inquiry_date,
        decision_date,
        case.legal_basis,
        regional_dual_diagnosis=case.regional_dual_diagnosis,
    )
    description = _("Afgørelse %(date)s: %(result)s.") % {
        "date": decision_date.isoformat(),
        "result": case.get_decision_result_display(),
    }
    if warning:
        description += " " + warning
    # The event keeps the whole decision: a later decision (after a relapse) overwrites the
    # fields on the case, the timeline keeps every one.
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.DECISION_SAVED,
        actor=actor,
        description=description,
        data={
            "decision_date": decision_date.isoformat(),
            "decision_result": decision_result,
            "decision_text": decision_text,
            "decision_complaint_guidance": bool(decision_complaint_guidance),
            "late": bool(warning),
        },
    )
    return case


# --- the lifecycle ----------------------------------------------------------------------------


def case_move_problem(case: Case, move: lifecycle.Move) -> str | None:
    """Why the move's guard refuses it now (Danish), or None when the guard lets it through."""
    from treatment_options.models import Episode

    if move.guard is None:
        return None
    if move.guard == lifecycle.GUARD_HAS_DECISION:
        if not (case.decision_date and case.decision_text):
            return _("Registrér afgørelsen (dato og begrundelse), før sagen visiteres.")
        if case.decision_result == Case.DecisionResult.REFUSED:
            return _("Afgørelsen er et afslag, så sagen kan ikke visiteres til behandling.")
        return None
    if move.guard == lifecycle.GUARD_HAS_STARTED_EPISODE:
        if not Episode.objects.filter(case=case, actual_start__isnull=False).exists():
            return _(
                "Behandlingsstart kan først registreres, når et forløb har en faktisk startdato."
            )
        return None
    if move.guard == lifecycle.GUARD_NO_OPEN_EPISODE:
        if Episode.objects.filter(
            case=case, actual_start__isnull=False, actual_end__isnull=True
        ).exists():
            return _(
                "Sagen kan ikke afsluttes, mens borgeren er i et igangværende forløb. "
                "Afslut forløbet først."
            )
        return None
    raise ValueError(f"Unknown guard: {move.guard}")


def available_actions(case: Case, user: Any) -> list[lifecycle.Move]:
    """The moves the table allows from the case's state and the user has the permission for:
    the buttons on the case page. Guards are checked when the button is used, so that the
    user gets told what is missing instead of not seeing the button."""
    granted: dict[str, bool] = {}
    moves = []
    for move in lifecycle.allowed_actions(case.status):
        if move.permission not in granted:
            granted[move.permission] = has_case_perm(user, move.permission, case)
        if granted[move.permission]:
            moves.append(move)
    return moves


def _apply_move(*, actor: Any, case: Case, move: lifecycle.Move, note: str = "") -> Case:
    """Check the guard and make the move on a case row the caller has locked and whose
    permission the caller has checked. Writes the status and one STATUS_CHANGED event."""
    problem = case_move_problem(case, move)
    if problem:
        raise ValidationError(problem, code=move.guard or "guard")
    from_status = case.status
    case.status = move.target
    update_fields = ["status", "version", "updated_at"]
    if move.target is lifecycle.CaseStatus.CLOSED:
        case.closed_on = _today()
        case.closed_reason = note
        update_fields += ["closed_on", "closed_reason"]
    case.version += 1
    case.save(update_fields=update_fields)
    description = move.label if not note else f"{move.label}: {note}"
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.STATUS_CHANGED,
        actor=actor,
        from_status=from_status,
        to_status=move.target,
        description=description,
        data={"action": move.action, "note": note},
    )
    if move.target is lifecycle.CaseStatus.CLOSED:
        # A closed case no longer gives institutions access through leftover referrals.
        case_access_sync(case)
    return case


@transaction.atomic
def case_transition(
    *,
    actor: Any,
    case: Case,
    action: str,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """Move the case through its lifecycle (DESIGN §4): look the move up in the table, check
    the user's permission and the move's guard, save the new state and record it, all in one
    transaction. A refused move raises (TransitionNotAllowed, PermissionDenied or
    ValidationError) and writes nothing. Going back to assessment keeps all history."""
    # Lock first: two clicks on "Afslut sag" at once must not both pass the checks.
    locked = _lock_case(case, expected_version=expected_version)
    move = lifecycle.move_for(locked.status, action)
    _require_perm(actor, move.permission, locked)
    return _apply_move(actor=actor, case=locked, move=move, note=(note or "").strip())


@transaction.atomic
def case_assign(*, actor: Any, case: Case, caseworker: Any, team: Unit | None = None) -> Case:
    """Give the case to another caseworker (and optionally another team). The team's
    caseworkers and its manager may do it; access follows the new owner at once."""
    locked = _lock_case(case)
    is_team_caseworker = (
        actor.unit_id == locked.team_id
        and actor.groups.filter(name=Role.CASEWORKER.value).exists()
        and has_case_perm(actor, CHANGE, locked)
    )
    if not (is_team_caseworker or has_case_perm(actor, "cases.reassign_case", locked)):
        raise PermissionDenied(_("Du har ikke adgang til at omfordele sagen."))
    new_team = team or locked.team
    errors = _Errors()
    if new_team.kind != Unit.Kind.MUNICIPAL_TEAM:
        errors.add("team", _("Vælg et kommunalt team."), code="invalid")
    elif caseworker is not None and not _is_caseworker_of(caseworker, new_team):
        errors.add(
            "caseworker",
            _("Sagsbehandleren skal være sagsbehandler i %(team)s.") % {"team": new_team.name},
            code="invalid",
        )
    errors.raise_if_any()
    old_caseworker_id, old_team_id = locked.caseworker_id, locked.team_id
    new_caseworker_id = caseworker.pk if caseworker is not None else None
    if old_caseworker_id == new_caseworker_id and old_team_id == new_team.pk:
        return locked
    locked.caseworker = caseworker
    locked.team = new_team
    locked.version += 1
    locked.save(update_fields=["caseworker", "team", "version", "updated_at"])
    if caseworker is not None:
        description = _("Sagen er tildelt %(name)s (%(team)s).") % {
            "name": caseworker.get_full_name() or caseworker.username,
            "team": new_team.name,
        }
    else:
        description = _("Sagen ligger i %(team)s uden tildelt sagsbehandler.") % {
            "team": new_team.name
        }
    case_event_record(
        case=locked,
        kind=CaseEvent.Kind.CASEWORKER_ASSIGNED,
        actor=actor,
        description=description,
        data={
            "from_caseworker": old_caseworker_id,
            "to_caseworker": new_caseworker_id,
            "from_team": old_team_id,
            "to_team": new_team.pk,
        },
    )
    # The old caseworker (and the old team) lose access now: access follows the current owner.
    case_access_sync(locked)
    return locked


# --- consents and disclosures -----------------------------------------------------------------


def _check_information_kinds(errors: _Errors, kinds: Iterable[str]) -> list[str]:
    values = list(dict.fromkeys(str(k) for k in kinds or ()))
    if not values:
        errors.add("information_kinds", _("Vælg mindst én slags oplysninger."), code="required")
    elif any(value not in InformationKind.values for value in values):
        errors.add("information_kinds", _("Ukendt slags oplysninger."), code="invalid")
    return values


@transaction.atomic
def consent_create(
    *,
    actor: Any,
    case: Case,
    party_kind: str,
    party_name: str,
    information_kinds: Iterable[str],
    purpose: str,
    form: str,
    valid_from: date,
    valid_to: date | None = None,
) -> Consent:
    """Record a specific consent (Retssikkerhedsloven § 11 a): one party, named kinds of
    information, one purpose, a period, written or oral."""
    _require_perm(actor, "cases.add_consent", case)
    errors = _Errors()
    party_name = (party_name or "").strip()
    purpose = (purpose or "").strip()
    if party_kind not in PartyKind.values:
        errors.add("party_kind", _("Vælg hvem samtykket gælder."), code="required")
    if not party_name:
        errors.add("party_name", _("Angiv partens navn."), code="required")
    kinds = _check_information_kinds(errors, information_kinds)
    if not purpose:
        errors.add("purpose", _("Angiv formålet med samtykket."), code="required")
    if form not in Consent.Form.values:
        errors.add("form", _("Angiv om samtykket er skriftligt eller mundtligt."), "required")
    elif party_kind == PartyKind.EMPLOYER and form != Consent.Form.WRITTEN:
        errors.add(
            "form",
            _("En arbejdsgiver kræver altid et udtrykkeligt skriftligt samtykke."),
            code="employer_written",
        )
    if valid_from is None:
        errors.add("valid_from", _("Angiv hvornår samtykket gælder fra."), code="required")
    elif valid_to is not None and valid_to < valid_from:
        errors.add(
            "valid_to", _("Slutdatoen kan ikke ligge før startdatoen."), code="invalid_period"
        )
    errors.raise_if_any()
    consent = Consent(
        case=case,
        party_kind=party_kind,
        party_name=party_name,
        information_kinds=kinds,
        purpose=purpose,
        form=form,
        valid_from=valid_from,
        valid_to=valid_to,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    period = valid_from.isoformat() + (f" - {valid_to.isoformat()}" if valid_to else "")
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CONSENT_GIVEN,
        actor=actor,
        description=_("%(form)s samtykke til %(party)s (%(period)s).")
        % {"form": consent.get_form_display(), "party": str(consent), "period": period},
        data={"consent": consent.pk, "party_kind": party_kind, "information_kinds": kinds},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Any, consent: Consent, withdrawn_on: date, reason: str) -> Consent:
    """The citizen withdraws a consent. Nothing may be disclosed under it from that day."""
    consent = Consent.objects.select_for_update().select_related("case").get(pk=consent.pk)
    _require_perm(actor, CHANGE, consent.case)
    errors = _Errors()
    reason = (reason or "").strip()
    if consent.withdrawn_on is not None:
        errors.add("withdrawn_on", _("Samtykket er allerede trukket tilbage."), code="withdrawn")
    if withdrawn_on is None:
        errors.add("withdrawn_on", _("Angiv datoen for tilbagetrækningen."), code="required")
    elif withdrawn_on > _today():
        errors.add("withdrawn_on", _("Datoen kan ikke ligge i fremtiden."), code="future")
    if not reason:
        errors.add("reason", _("Angiv en begrundelse."), code="required")
    errors.raise_if_any()
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_reason = reason
    consent.save(update_fields=["withdrawn_on", "withdrawn_reason"])
    case_event_record(
        case=consent.case,
        kind=CaseEvent.Kind.CONSENT_WITHDRAWN,
        actor=actor,
        description=_("Samtykke til %(party)s trukket tilbage %(date)s.")
        % {"party": str(consent), "date": withdrawn_on.isoformat()},
        data={"consent": consent.pk},
    )
    return consent


@transaction.atomic
def disclosure_record(
    *,
    actor: Any,
    case: Case,
    consent: Consent,
    information_kinds: Iterable[str],
    recipient: str,
    description: str = "",
) -> Disclosure:
    """Record information shared with an external party under a consent. Refused unless the
    consent is valid today and covers every kind of information shared."""
    _require_perm(actor, "cases.add_disclosure", case)
    # The stored consent, locked: a withdrawal saved a moment ago must stop this disclosure.
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    errors = _Errors()
    recipient = (recipient or "").strip()
    kinds = _check_information_kinds(errors, information_kinds)
    if not recipient:
        errors.add("recipient", _("Angiv modtageren."), code="required")
    if consent.case_id != case.pk:
        errors.add("consent", _("Samtykket hører ikke til denne sag."), code="other_case")
    elif not consent.is_valid_on(_today()):
        errors.add(
            "consent",
            _("Samtykket er ikke gyldigt i dag (udløbet, ikke begyndt eller trukket tilbage)."),
            code="not_valid",
        )
    else:
        missing = [k for k in kinds if not consent.covers(k)]
        if missing:
            labels = ", ".join(str(InformationKind(k).label) for k in missing)
            errors.add(
                "information_kinds",
                _("Samtykket dækker ikke: %(kinds)s.") % {"kinds": labels},
                code="not_covered",
            )
    errors.raise_if_any()
    disclosure = Disclosure(
        case=case,
        consent=consent,
        information_kinds=kinds,
        recipient=recipient,
        description=(description or "").strip(),
        disclosed_by=actor,
    )
    disclosure.full_clean()
    disclosure.save()
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.DISCLOSURE,
        actor=actor,
        description=_("Oplysninger videregivet til %(recipient)s under samtykke til %(party)s.")
        % {"recipient": recipient, "party": str(consent)},
        data={"disclosure": disclosure.pk, "consent": consent.pk, "information_kinds": kinds},
    )
    return disclosure


# --- break the glass --------------------------------------------------------------------------


@transaction.atomic
def case_break_glass(*, actor: Any, case_id: int, reason: str) -> Case:
    """Emergency read access (DESIGN §1) for a caseworker or manager without access: for
    settings.BREAK_GLASS_HOURS after a written reason. The team's managers are notified and the
    access log marks it."""
    _require_perm(actor, "cases.break_glass")
    reason = " ".join((reason or "").split())
    if len(reason) < BREAK_GLASS_MIN_REASON:
        raise ValidationError(
            {
                "reason": _("Skriv en begrundelse på mindst %(count)s tegn.")
                % {"count": BREAK_GLASS_MIN_REASON}
            },
            code="required",
        )
    try:
        case = Case.objects.select_related("team").get(pk=int(case_id))
    except (Case.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if has_case_perm(actor, VIEW, case):
        # Nothing to break: the user can already open the case the ordinary way.
        return case
    expires_at = timezone.now() + timedelta(hours=settings.BREAK_GLASS_HOURS)
    access = temporary_access_grant(
        case=case,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=expires_at,
        user=actor,
        reason=reason,
    )
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.BREAK_GLASS,
        actor=actor,
        description=_("Nødadgang til sagen i %(hours)s timer. Begrundelse: %(reason)s")
        % {"hours": settings.BREAK_GLASS_HOURS, "reason": reason},
        data={"temporary_access": access.pk, "expires_at": expires_at.isoformat()},
    )
    access_log_record(
        user=actor,
        case=case,
        object_type="case",
        object_id=case.pk,
        action=AccessLog.Action.BREAK_GLASS,
        purpose=reason,
        break_glass=True,
    )
    _notify_managers_of_break_glass(case=case, access=access, actor=actor)
    return case


def _notify_managers_of_break_glass(*, case: Case, access: TemporaryCaseAccess, actor: Any) -> int:
    from accounts.models import User
    from notifications.services import notify

    try:
        from notifications.models import Rule

        rule = getattr(Rule, "BREAK_GLASS", BREAK_GLASS_RULE)
    except ImportError:  # pragma: no cover
        rule = BREAK_GLASS_RULE
    managers = User.objects.filter(
        unit_id=case.team_id, groups__name=Role.MANAGER.value, is_active=True
    ).exclude(pk=actor.pk)
    # The subject is the grant itself, so that every break of the glass notifies, even twice on
    # the same case. The message carries no personal data (it may go out by e-mail).
    return notify(
        recipients=list(managers),
        rule=rule,
        subject=access,
        threshold="granted",
        message=_("Nødadgang til en sag i dit team"),
        url=case_url(case),
    )
