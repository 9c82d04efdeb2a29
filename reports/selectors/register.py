"""The register extracts: one row per episode under way in the period, with its request's
fields, for one register (docs/registers.md). No merging: the register applies its own rules."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, Q, When

from accounts.models import Unit

from ..register_checks import Problem, row_problems
from ..register_codes import Register, bases_of
from .periods import Period
from .units import unit_episodes

# What a row needs, read in the one query. The request's own fields come first; an episode made
# before requests existed (request empty) falls back to the case's first-request fields.
ROW_VALUES = (
    "pk",
    "case_id",
    "case__number",
    "case__team__municipality_code",
    "case__citizen__cpr",
    "case__citizen__is_anonymous",
    "case__citizen__birth_date",
    "case__substances",
    "case__primary_substance",
    "case__route_of_use",
    "case__housing_situation",
    "case__substitution_medicine",
    "case__children_in_home",
    "case__course_ended_on",
    "case__course_end_reason",
    "case__course_end_status",
    "request_id",
    "offer__provider__name",
    "offer__provider__tilbudsportalen_id",
    "offer__name",
    "offer__treatment_type",
    "referral_date",
    "planned_start",
    "actual_start",
    "actual_end",
    "end_reason",
    "free_choice",
)


def _of_request(field: str, case_field: str) -> Case:
    """The request's own value; the case's (first-request) value only for an episode that has
    no request, never to fill a request's empty field (a renewed request has its own)."""
    return Case(
        When(request__isnull=True, then=F(f"case__{case_field}")),
        default=F(f"request__{field}"),
    )


def register_extract_rows(
    *, unit: Unit, period: Period, register: Register
) -> Iterator[Mapping[str, Any]]:
    """One row per episode of the unit that was under way in the period (referred by its end
    and not ended before its start) whose request belongs to the register. Streamed; one query
    whatever the size.

    Anonymous treatment under SEL § 101 a has no register (register_codes.REGISTER_OF_BASIS),
    so it is in no extract at all, not even without its CPR number."""
    bases = bases_of(register)
    return (
        unit_episodes(unit)
        .annotate(
            row_legal_basis=_of_request("legal_basis", "legal_basis"),
            row_requested_on=_of_request("requested_on", "inquiry_date"),
            row_decision_on=_of_request("decision_on", "decision_date"),
            row_started_on=_of_request("treatment_started_on", "treatment_started_on"),
            row_doctor_consultation_on=_of_request(
                "doctor_consultation_held_on", "doctor_consultation_on"
            ),
        )
        .filter(row_legal_basis__in=bases)
        .filter(referral_date__lte=period.end)
        .filter(Q(actual_end__isnull=True) | Q(actual_end__gte=period.start))
        .order_by("case__number", "referral_date", "pk")
        .values(
            *ROW_VALUES,
            "row_legal_basis",
            "row_requested_on",
            "row_decision_on",
            "row_started_on",
            "row_doctor_consultation_on",
        )
        .iterator(chunk_size=2000)
    )


@dataclass(frozen=True)
class CheckRow:
    """A row of the month's extracts that cannot be reported yet, and why."""

    register: Register
    case_id: int
    case_number: str
    offer_name: str
    problems: tuple[Problem, ...]


def register_check_rows(*, unit: Unit, period: Period) -> list[CheckRow]:
    """The rows of the unit's extracts for the period that cannot be reported (one query per
    register), by case number."""
    found: list[CheckRow] = []
    for register in Register:
        for row in register_extract_rows(unit=unit, period=period, register=register):
            problems = row_problems(register, row, month_end=period.end)
            if problems:
                found.append(
                    CheckRow(
                        register=register,
                        case_id=row["case_id"],
                        case_number=row["case__number"],
                        offer_name=row["offer__name"],
                        problems=tuple(problems),
                    )
                )
    return sorted(found, key=lambda r: (r.case_number, list(Register).index(r.register)))
