"""Registering a citizen and changing a citizen's details (CPR number, anonymity, contact data)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import CHANGE, citizen_registering_team
from ..citizen_access import citizen_list_visible_to
from ..cpr import birth_date_from_cpr, parse_cpr
from ..models import Case, CaseStatus, Citizen, LegalBasis
from .checks import Errors, local_today, require_perm
from .legal_bases import ANONYMOUS_LEGAL_BASES

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


def _clean_citizen(citizen: Citizen, errors: Errors, *, today: date) -> None:
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


def _full_clean_into(citizen: Citizen, errors: Errors) -> None:
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
    actor: User,
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
    require_perm(actor, "cases.add_citizen")
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
        # Until a case exists the citizen is the registering team's (DESIGN §1).
        registered_by_team=citizen_registering_team(actor),
    )
    errors = Errors()
    _clean_citizen(citizen, errors, today=local_today())
    _full_clean_into(citizen, errors)
    errors.raise_if_any()
    _save_citizen(citizen)
    return citizen


@transaction.atomic
def citizen_update(*, actor: User, citizen: Citizen, **fields: Any) -> Citizen:
    """Change a citizen's details. Whoever may change one of the citizen's cases may do it."""
    unknown = set(fields) - CITIZEN_FIELDS
    if unknown:
        raise TypeError(f"citizen_update() got unexpected fields: {sorted(unknown)}")
    require_perm(actor, "cases.change_citizen")
    cases = Case.objects.filter(citizen=citizen)
    # Whoever may change one of the citizen's cases; without a case, the registering team.
    if not citizen_list_visible_to(actor, perm=CHANGE).filter(pk=citizen.pk).exists():
        raise PermissionDenied(_("Du har ikke adgang til at ændre borgerens oplysninger."))
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    for name, value in fields.items():
        setattr(citizen, name, value)
    errors = Errors()
    _clean_citizen(citizen, errors, today=local_today())
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
