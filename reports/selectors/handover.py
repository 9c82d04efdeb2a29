"""The manager report's handover section: status meeting before discharge, first outpatient
contact within 7 days and the gap between them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncMonth

from accounts.models import Unit
from transitions.models import StatusMeeting

from .display import share
from .periods import Period
from .units import unit_transitions

# DESIGN §7: "first outpatient contact within 7 days" of discharge.
FIRST_CONTACT_DAYS = 7


@dataclass
class TransitionMonth:
    month: date
    discharged: int = 0
    meeting_before: int = 0
    contact_within: int = 0

    @property
    def share_meeting_before(self) -> float | None:
        return share(self.meeting_before, self.discharged)

    @property
    def share_contact_within(self) -> float | None:
        return share(self.contact_within, self.discharged)


@dataclass
class TransitionReport:
    discharged: int
    meeting_before: int
    contact_within: int
    contact_recorded: int
    median_gap_days: float | None
    by_month: list[TransitionMonth] = field(default_factory=list)

    @property
    def share_meeting_before(self) -> float | None:
        return share(self.meeting_before, self.discharged)

    @property
    def share_contact_within(self) -> float | None:
        return share(self.contact_within, self.discharged)

    @property
    def no_contact(self) -> int:
        return self.discharged - self.contact_recorded


def transition_report(*, unit: Unit, period: Period) -> TransitionReport:
    """Handovers with discharge in the period: a status meeting held before discharge, a first
    outpatient contact within 7 days, and the median gap from discharge to that contact."""
    held_before = StatusMeeting.objects.filter(
        transition=OuterRef("pk"), held=True, starts_at__date__lte=OuterRef("discharged_on")
    )
    discharged = (
        unit_transitions(unit)
        .filter(discharged_on__range=(period.start, period.end))
        .annotate(
            gap=ExpressionWrapper(
                F("first_outpatient_contact_on") - F("discharged_on"), output_field=DurationField()
            )
        )
    )
    # A contact before or on the day of discharge (a gap of 0 or less) counts as within 7 days.
    counts = {
        "discharged": Count("pk"),
        "meeting_before": Count("pk", filter=Q(Exists(held_before))),
        "contact_within": Count("pk", filter=Q(gap__lte=timedelta(days=FIRST_CONTACT_DAYS))),
    }
    totals = discharged.aggregate(
        **counts, contact_recorded=Count("pk", filter=Q(first_outpatient_contact_on__isnull=False))
    )
    months = {month: TransitionMonth(month) for month in period.months()}
    # Typed as plain mappings: the plugin's row type leaves out the keys annotate(**counts) adds.
    rows: Iterable[Mapping[str, Any]] = (
        discharged.annotate(month=TruncMonth("discharged_on"))
        .values("month")
        .annotate(**counts)
        .order_by("month")
    )
    for row in rows:
        months[row["month"]] = TransitionMonth(
            row["month"], row["discharged"], row["meeting_before"], row["contact_within"]
        )
    return TransitionReport(
        discharged=totals["discharged"],
        meeting_before=totals["meeting_before"],
        contact_within=totals["contact_within"],
        contact_recorded=totals["contact_recorded"],
        median_gap_days=_median_days(
            discharged.filter(first_outpatient_contact_on__isnull=False),
            "gap",
            totals["contact_recorded"],
        ),
        by_month=[months[m] for m in sorted(months)],
    )


def _median_days(queryset: QuerySet[Any], column: str, count: int) -> float | None:
    """The median of a duration column, picked by the database: order by the column and fetch
    only the middle one or two values (OFFSET/LIMIT). PostgreSQL's percentile_cont would do it
    in one step, but SQLite has no such function, and this works on both with one query."""
    # Queried even when empty, so that the report's query count never depends on the data.
    low, high = max(count - 1, 0) // 2, count // 2 + 1
    middle = list(queryset.order_by(column).values_list(column, flat=True)[low:high])
    if not middle:
        return None
    return sum(value.days for value in middle) / len(middle)
