"""The holistic needs assessment (six topics), the doctor's consultation and the children in
the home. (The action plan, SEL § 141, is action_plans.py.)"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Literal

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User

from .. import guarantee
from ..access import CHANGE
from ..event_messages import EventCode, part, reason_part
from ..models import Case, CaseEvent, LegalBasis, SubstitutionMedicine
from .checks import Errors, local_today, require_open, require_perm
from .events import case_event_record
from .locking import lock_case


def _check_day(
    errors: Errors,
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


class Keep(Enum):
    """An argument left out: the stored value stays."""

    KEEP = 0


ASSESSMENT_TOPICS = (
    "assessment_substance_use",
    "assessment_social",
    "assessment_health",
    "assessment_work",
    "assessment_housing",
    "assessment_other",
)


def _check_enrolment(errors: Errors, case: Case, enrolment: dict[str, str]) -> None:
    """The enrolment content must agree with the case: the primary substance is one of the
    case's substances (when they are recorded), and substitution medicine belongs to drug
    treatment, not to alcohol treatment (SUL § 141)."""
    primary = enrolment["primary_substance"]
    if primary and case.substances and primary not in case.substances:
        errors.add(
            "primary_substance",
            _("Det primære rusmiddel skal være et af sagens rusmidler."),
            code="not_on_case",
        )
    medicine = enrolment["substitution_medicine"]
    if medicine and medicine != SubstitutionMedicine.NONE and case.legal_basis == LegalBasis.SUL141:
        errors.add(
            "substitution_medicine",
            _("Substitutionsmedicin hører til behandling for stofmisbrug, ikke alkoholbehandling."),
            code="not_for_alcohol",
        )


@transaction.atomic
def case_assessment_save(
    *,
    actor: User,
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
    children_in_home: int | None = None,
    children_ages: str = "",
    primary_substance: str = "",
    route_of_use: str = "",
    housing_situation: str = "",
    substitution_medicine: str = "",
    has_job: bool | Literal[Keep.KEEP] | None = Keep.KEEP,
) -> Case:
    """Save the holistic needs assessment (BEK 1477/2019 § 1, stk. 2: six topics), the doctor's
    consultation (SUL § 142), the children under 18 in the home and the enrolment content the
    registers ask for (docs/registers.md §4.2)."""
    require_perm(actor, CHANGE, case)
    case = lock_case(case, expected_version=expected_version)
    require_open(case)
    today = local_today()
    errors = Errors()
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
    children_ages = (children_ages or "").strip()
    if children_in_home is not None and not 0 <= children_in_home <= 20:
        errors.add("children_in_home", _("Angiv et antal mellem 0 og 20."), code="invalid")
    if children_ages and not children_in_home:
        errors.add(
            "children_ages",
            _("Angiv antallet af børn i hjemmet, når du angiver deres alder."),
            code="without_count",
        )
    enrolment = {
        "primary_substance": primary_substance or "",
        "route_of_use": route_of_use or "",
        "housing_situation": housing_situation or "",
        "substitution_medicine": substitution_medicine or "",
    }
    _check_enrolment(errors, case, enrolment)
    errors.raise_if_any()

    for name, value in {**texts, **enrolment}.items():
        setattr(case, name, value)
    case.assessment_completed_on = completed_on
    case.doctor_consultation_on = doctor_consultation_on
    case.children_in_home = children_in_home
    case.children_ages = children_ages
    if has_job is not Keep.KEEP:
        case.has_job = has_job
    case.version += 1
    case.full_clean(validate_unique=False, validate_constraints=False)
    case.save(
        update_fields=[
            *ASSESSMENT_TOPICS,
            "assessment_completed_on",
            "doctor_consultation_on",
            "children_in_home",
            "children_ages",
            *enrolment,
            "has_job",
            "version",
            "updated_at",
        ]
    )
    described = sum(1 for value in texts.values() if value)
    description = _("Afdækning gemt: %(count)s af 6 emner beskrevet.") % {"count": described}
    also: list[dict[str, Any]] = []
    if completed_on is not None:
        description += " " + _("Afsluttet %(date)s.") % {
            "date": date_format(completed_on, "DATE_FORMAT")
        }
        also.append(part(EventCode.ASSESSMENT_COMPLETED, {"date": completed_on.isoformat()}))
    warning = guarantee.doctor_consultation_warning(
        case.legal_basis, case.treatment_started_on, case.doctor_consultation_on
    )
    if warning:
        description += " " + warning.reason
        also.append(reason_part(warning))
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.ASSESSMENT_SAVED,
        actor=actor,
        description=description,
        code=EventCode.ASSESSMENT_SAVED,
        values={"count": described, "also": also} if also else {"count": described},
        data={
            "topics_described": described,
            "completed_on": completed_on.isoformat() if completed_on else None,
            "doctor_consultation_on": (
                doctor_consultation_on.isoformat() if doctor_consultation_on else None
            ),
        },
    )
    return case
