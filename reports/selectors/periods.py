"""A report period: the days a report covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    """A report period, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("Perioden slutter før den begynder")

    def as_of(self, today: date) -> date:
        """The day the figures are "as of": the period's last day, or today for a period that
        has not ended yet (nothing after today has happened)."""
        return min(self.end, today)

    def months(self) -> list[date]:
        """The first day of every calendar month the period touches."""
        months = []
        month = self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months


def month_period(month: date) -> Period:
    """The calendar month that `month` falls in."""
    start = month.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return Period(start, end)
