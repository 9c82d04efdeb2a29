"""The manager report's check-in section: answered check-ins per month and their themes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncMonth

from accounts.models import Unit
from transitions.models import CheckIn, Transition

from .periods import Period
from .units import unit_cases, unit_transition_q


@dataclass
class ThemeReport:
    themes: list[tuple[str, str]]
    # (month, answered check-ins, needing follow-up, counts in the order of `themes`)
    by_month: list[tuple[date, int, int, list[int]]]
    totals: list[int]
    answered: int


def unit_checkin_q(unit: Unit) -> Q:
    """The unit's check-ins: a handover's, when the handover is the unit's (unit_transition_q);
    an outpatient-only course's (no transition, §5.10), when the case is the unit's
    (unit_cases: the team's own, or with an episode at one of the unit's providers)."""
    return unit_transition_q(unit, "transition__") | Q(
        transition__isnull=True, case__in=unit_cases(unit)
    )


def checkin_theme_report(*, unit: Unit, period: Period) -> ThemeReport:
    """Answered check-ins per month and how many named each theme (§5.5), on courses with a
    handover and on outpatient-only courses alike."""
    themes = list(CheckIn.Theme.choices)
    # A check-in's themes are a JSON list of codes. A theme code in quotes ("work") occurs in
    # the stored JSON only as that element ("network" contains work but not "work"), so a text
    # match counts it on SQLite and PostgreSQL alike, inside the one grouped query.
    per_theme = {
        f"theme_{code}": Count("pk", filter=Q(themes__icontains=f'"{code}"'))
        for code, _label in themes
    }
    # Typed as plain mappings: the plugin's row type leaves out the keys annotate(**...) adds.
    rows: Iterable[Mapping[str, Any]] = (
        CheckIn.objects.filter(
            unit_checkin_q(unit),
            answered_at__isnull=False,
            answered_at__date__range=(period.start, period.end),
        )
        # Kept: check-ins without a transition (exclude() keeps the NULL side of the join).
        .exclude(transition__status=Transition.Status.CANCELLED)
        .annotate(month=TruncMonth("answered_at", output_field=DateField()))
        .values("month")
        .annotate(
            answered=Count("pk"),
            follow_up=Count("pk", filter=Q(needs_follow_up=True)),
            **per_theme,
        )
        .order_by("month")
    )
    by_month = {month: (0, 0, [0] * len(themes)) for month in period.months()}
    for row in rows:
        by_month[row["month"]] = (
            row["answered"],
            row["follow_up"],
            [row[f"theme_{code}"] for code, _label in themes],
        )
    ordered = [(month, *by_month[month]) for month in sorted(by_month)]
    return ThemeReport(
        themes=[(code, str(label)) for code, label in themes],
        by_month=ordered,
        totals=[sum(row[3][i] for row in ordered) for i in range(len(themes))],
        answered=sum(row[1] for row in ordered),
    )
