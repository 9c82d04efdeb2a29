"""The manager report: the unit summary and every section, for a unit and a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from accounts.models import Unit
from treatment_options.models import Episode

from .caseload import CaseloadRow, caseload_report
from .checkins import ThemeReport, checkin_theme_report
from .delivery import DeliveryReport, delivery_report
from .drop_outs import DropOutReport, drop_out_report
from .guarantee import BREACH_LIST_LIMIT, GuaranteeReport, guarantee_report
from .handover import TransitionReport, transition_report
from .periods import Period
from .units import unit_cases


@dataclass(frozen=True)
class UnitSummary:
    open_at_end: int
    new_cases: int
    closed_cases: int
    in_treatment_at_end: int


def unit_summary(*, unit: Unit, period: Period, today: date) -> UnitSummary:
    as_of = period.as_of(today)
    is_open = Q(inquiry_date__lte=as_of) & (Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))
    in_treatment = Exists(
        Episode.objects.filter(
            Q(actual_end__isnull=True) | Q(actual_end__gt=as_of),
            case=OuterRef("pk"),
            actual_start__lte=as_of,
        )
    )
    totals = unit_cases(unit).aggregate(
        open_at_end=Count("pk", filter=is_open),
        new_cases=Count("pk", filter=Q(inquiry_date__range=(period.start, period.end))),
        closed_cases=Count("pk", filter=Q(closed_on__range=(period.start, period.end))),
        in_treatment_at_end=Count("pk", filter=is_open & Q(in_treatment)),
    )
    return UnitSummary(**totals)


@dataclass
class ManagerReport:
    unit: Unit
    period: Period
    as_of: date
    summary: UnitSummary
    guarantee: GuaranteeReport
    caseload: list[CaseloadRow]
    transitions: TransitionReport
    themes: ThemeReport
    drop_outs: DropOutReport
    delivery: DeliveryReport


def manager_report(
    *, unit: Unit, period: Period, today: date, breach_limit: int | None = BREACH_LIST_LIMIT
) -> ManagerReport:
    """All figures of the manager report for a unit and a period (a fixed number of queries)."""
    return ManagerReport(
        unit=unit,
        period=period,
        as_of=period.as_of(today),
        summary=unit_summary(unit=unit, period=period, today=today),
        guarantee=guarantee_report(
            unit=unit, period=period, today=today, breach_limit=breach_limit
        ),
        caseload=caseload_report(unit=unit, period=period, today=today),
        transitions=transition_report(unit=unit, period=period),
        themes=checkin_theme_report(unit=unit, period=period),
        drop_outs=drop_out_report(unit=unit, period=period),
        delivery=delivery_report(unit=unit, period=period, today=today),
    )
