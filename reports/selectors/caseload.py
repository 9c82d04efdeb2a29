"""The manager report's caseload section: open, new and closed cases per caseworker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q

from accounts.models import Unit

from .display import person
from .periods import Period
from .units import unit_cases


@dataclass(frozen=True)
class CaseloadRow:
    caseworker: str
    open_cases: int
    new_cases: int
    closed_cases: int


def caseload_report(*, unit: Unit, period: Period, today: date) -> list[CaseloadRow]:
    """Per caseworker: open cases at the end of the period, cases opened and closed in it."""
    as_of = period.as_of(today)
    is_open = Q(inquiry_date__lte=as_of) & (Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))
    rows = (
        unit_cases(unit)
        .values("caseworker", "caseworker__first_name", "caseworker__last_name")
        .annotate(
            open_cases=Count("pk", filter=is_open),
            new_cases=Count("pk", filter=Q(inquiry_date__range=(period.start, period.end))),
            closed_cases=Count("pk", filter=Q(closed_on__range=(period.start, period.end))),
        )
        .filter(Q(open_cases__gt=0) | Q(new_cases__gt=0) | Q(closed_cases__gt=0))
        .order_by(
            F("caseworker__first_name").asc(nulls_last=True),
            F("caseworker__last_name").asc(nulls_last=True),
            "caseworker",
        )
    )
    return [
        CaseloadRow(
            caseworker=person(row["caseworker__first_name"], row["caseworker__last_name"]),
            open_cases=row["open_cases"],
            new_cases=row["new_cases"],
            closed_cases=row["closed_cases"],
        )
        for row in rows
    ]
