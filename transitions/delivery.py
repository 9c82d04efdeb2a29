"""Delivered versus agreed (DESIGN §5.10): what a commitment of n contacts per k weeks should
have delivered over a stretch of days, and whether what was delivered falls short.

Pure: standard library only. The transition page, the reminder rule and the manager report
read their counts from the database and ask this module what they mean, so the three agree.

Delivered means attended. Missed and cancelled contacts are counted apart and never delivered:
a citizen who stops coming and a provider who stops offering are different problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

# The rolling window of the page and the reminder: the last 4 weeks, today included.
WINDOW_DAYS: Final = 28
# The default tolerance (a setting, DELIVERY_SHORTFALL_TOLERANCE_PERCENT): delivery may fall
# this far below the agreed level before anybody is told.
DEFAULT_TOLERANCE_PERCENT: Final = 25


@dataclass(frozen=True, slots=True)
class ContactCounts:
    """Contacts that were meant to deliver a commitment, by outcome."""

    attended: int = 0
    missed: int = 0
    cancelled_by_citizen: int = 0
    cancelled_by_provider: int = 0


@dataclass(frozen=True, slots=True)
class Delivery:
    """Agreed versus delivered over one stretch of days."""

    agreed: float
    counts: ContactCounts
    is_short: bool

    @property
    def delivered(self) -> int:
        return self.counts.attended

    @property
    def shortfall(self) -> float:
        return max(self.agreed - self.delivered, 0.0)

    @property
    def share_delivered(self) -> float | None:
        return self.delivered / self.agreed if self.agreed > 0 else None


def window_start(today: date) -> date:
    """The first day of the rolling 4-week window that ends today."""
    return today - timedelta(days=WINDOW_DAYS - 1)


def days_agreed(*, starts_on: date, from_day: date, today: date) -> int:
    """Days, both ends included, from the later of the commitment's start and `from_day`
    to today; 0 when the commitment has not started."""
    first = max(starts_on, from_day)
    return max((today - first).days + 1, 0)


def agreed_contacts(*, contacts_per_period: int, period_weeks: int, days: int) -> float:
    """What n contacts per k weeks come to over `days` days."""
    if contacts_per_period < 1 or period_weeks < 1 or days <= 0:
        return 0.0
    return contacts_per_period * days / (7 * period_weeks)


def is_shortfall(*, agreed: float, delivered: int, tolerance_percent: int) -> bool:
    """Delivery below the agreed level by more than the tolerance, and by at least one whole
    contact: in a commitment's first days a fraction of a contact is agreed, and nobody is
    told that a weekly talk is missing on day 3."""
    deficit = agreed - delivered
    return deficit >= 1 and deficit > agreed * tolerance_percent / 100


def delivery(
    *,
    contacts_per_period: int | None,
    period_weeks: int | None,
    starts_on: date,
    from_day: date,
    today: date,
    counts: ContactCounts,
    tolerance_percent: int = DEFAULT_TOLERANCE_PERCENT,
) -> Delivery | None:
    """Agreed versus delivered from `from_day` (the window's start, or the commitment's own
    start for "since the start") to today; None without a structured frequency."""
    if not contacts_per_period or not period_weeks:
        return None
    days = days_agreed(starts_on=starts_on, from_day=from_day, today=today)
    agreed = agreed_contacts(
        contacts_per_period=contacts_per_period, period_weeks=period_weeks, days=days
    )
    return Delivery(
        agreed=agreed,
        counts=counts,
        is_short=is_shortfall(
            agreed=agreed, delivered=counts.attended, tolerance_percent=tolerance_percent
        ),
    )


def notice_window_start(*, starts_on: date, today: date) -> date:
    """The first day of the fixed 4-week window, counted from the commitment's start, that
    today falls in. A shortfall is told once per such window: the date goes into the
    notification's key, so the next sweep in the same window is a no-op and the next window
    tells again if delivery is still short."""
    elapsed = max((today - starts_on).days, 0)
    return starts_on + timedelta(days=(elapsed // WINDOW_DAYS) * WINDOW_DAYS)
