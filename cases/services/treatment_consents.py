"""Consent to the treatment of a citizen under 18 (Barnets lov § 33, DESIGN §2): from each
custody holder, both where custody is joint, and from the young person from the age of 15.
Recorded on the case and checked before treatment starts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import CHANGE
from ..cpr import birth_date_from_cpr
from ..event_messages import EventCode
from ..models import Case, CaseEvent, LegalBasis, TreatmentConsent
from ..models.records import ConsentForm
from .checks import Errors, local_today, require_open, require_perm
from .events import case_event_record
from .locking import lock_case

# Barnets lov § 33 and myndighedsalder: under 18 the custody holders consent; from 15 the young
# person's own consent is needed as well.
ADULT_AGE = 18
OWN_CONSENT_AGE = 15


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def citizen_birth_date(case: Case) -> date | None:
    citizen = case.citizen
    if citizen.birth_date is not None:
        return citizen.birth_date
    if citizen.cpr:
        try:
            return birth_date_from_cpr(citizen.cpr)
        except ValueError:
            return None
    return None


def under_18_consents_missing(
    case: Case, on: date, *, given: Iterable[TreatmentConsent] | None = None
) -> list[str]:
    """What is missing before the treatment of a citizen under 18 may start on `on` (Danish
    messages; empty when nothing is missing or the citizen is 18 or over). A case under
    Barnets lov § 33 always counts as under 18; on another basis the birth date decides.
    `given`: the case's treatment consents, where the page has read them."""
    birth = citizen_birth_date(case)
    age = _age_on(birth, on) if birth is not None else None
    if case.legal_basis != LegalBasis.BL33 and (age is None or age >= ADULT_AGE):
        return []
    consents = case.treatment_consents.all() if given is None else given
    by_then = [c for c in consents if c.given_on <= on]
    holders = {c.name.casefold() for c in by_then if c.role == TreatmentConsent.Role.CUSTODY_HOLDER}
    missing: list[str] = []
    if case.joint_custody is None:
        missing.append(
            _("Registrér om forældremyndigheden er fælles, før behandlingen kan starte.")
        )
    needed = 2 if case.joint_custody else 1
    if len(holders) < needed:
        missing.append(
            _(
                "Samtykke fra begge forældremyndighedsindehavere mangler (fælles "
                "forældremyndighed, barnets lov § 33)."
            )
            if needed == 2
            else _("Samtykke fra forældremyndighedsindehaveren mangler (barnets lov § 33).")
        )
    own = any(c.role == TreatmentConsent.Role.YOUNG_PERSON for c in by_then)
    if age is not None and age >= OWN_CONSENT_AGE and not own:
        missing.append(_("Den unges eget samtykke mangler (fra 15 år, barnets lov § 33)."))
    return missing


@transaction.atomic
def treatment_consent_record(
    *,
    actor: User,
    case: Case,
    name: str,
    role: str,
    given_on: date,
    form: str,
    joint_custody: bool | None = None,
) -> TreatmentConsent:
    """Record one consent to treatment (a custody holder's or the young person's), and, when
    given, whether custody is joint."""
    require_perm(actor, CHANGE, case)
    case = lock_case(case)
    require_open(case)
    errors = Errors()
    name = (name or "").strip()
    if not name:
        errors.add("name", _("Angiv navnet på den, der giver samtykke."), code="required")
    if role not in TreatmentConsent.Role.values:
        errors.add(
            "role",
            _("Vælg om samtykket er fra en forældremyndighedsindehaver eller den unge."),
            code="required",
        )
    if form not in ConsentForm.values:
        errors.add("form", _("Angiv om samtykket er skriftligt eller mundtligt."), "required")
    if given_on is None:
        errors.add("given_on", _("Angiv hvornår samtykket blev givet."), code="required")
    elif given_on > local_today():
        errors.add("given_on", _("Datoen kan ikke ligge i fremtiden."), code="future")
    birth = citizen_birth_date(case)
    if (
        role == TreatmentConsent.Role.YOUNG_PERSON
        and birth is not None
        and given_on is not None
        and _age_on(birth, given_on) < OWN_CONSENT_AGE
    ):
        errors.add(
            "role",
            _("Den unges eget samtykke registreres fra 15 år; borgeren var yngre den dag."),
            code="too_young",
        )
    errors.raise_if_any()
    consent = TreatmentConsent(
        case=case, name=name, role=role, given_on=given_on, form=form, recorded_by=actor
    )
    consent.full_clean()
    consent.save()
    if joint_custody is not None and joint_custody != case.joint_custody:
        case.joint_custody = joint_custody
        case.version += 1
        case.save(update_fields=["joint_custody", "version", "updated_at"])
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CONSENT_GIVEN,
        actor=actor,
        description=_("%(form)s samtykke til behandling fra %(who)s givet %(date)s.")
        % {"form": consent.get_form_display(), "who": str(consent), "date": given_on.isoformat()},
        code=EventCode.TREATMENT_CONSENT_GIVEN,
        values={
            "form": consent.form,
            "role": consent.role,
            "name": consent.name,
            "date": given_on.isoformat(),
        },
        data={"treatment_consent": consent.pk, "role": role},
    )
    return consent
