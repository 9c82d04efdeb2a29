"""Danish working days: Monday to Friday, except public holidays and Grundlovsdag.

Pure: the standard library and the `holidays` package only (no Django), so every rule that
counts working days can use it from any app. The treatment guarantee itself counts calendar
days and is never moved (SEL § 101 stk. 4, DESIGN §3.1); what follows the working week is when
people are reminded (DESIGN §6: the last reminder before a deadline on a weekend or a holiday
comes on the last working day before it).

The holidays come from the `holidays` package's list of Danish public holidays (helligdage),
which follows the law as it changes (Store Bededag is a holiday up to 2023 and not after). There
is no holiday table here; `GRUNDLOVSDAG` is the one exception, documented where it is defined.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Final

import holidays

# The one exception to the library's list. Grundlovsdag, 5 June, is not a public holiday by
# law, so `holidays` lists it for Denmark only in its "optional" category (with Juleaftensdag,
# Nytårsaftensdag and 1 May, which stay working days here). It is a day off in the public
# sector by agreement, so municipal staff are not at work to read a reminder on it.
GRUNDLOVSDAG: Final = (6, 5)  # (month, day)

# The longest run of days off in a Danish year is Easter, Thursday to Monday (five days); a
# search for a working day that goes further than this is a bug, not a long holiday.
_LONGEST_BREAK_DAYS: Final = 14


@functools.cache
def _days_off(year: int) -> frozenset[date]:
    """The Danish public holidays of `year`, and Grundlovsdag."""
    public = holidays.country_holidays("DK", years=year)
    return frozenset({*public.keys(), date(year, *GRUNDLOVSDAG)})


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a Danish public holiday or Grundlovsdag."""
    return day.weekday() < 5 and day not in _days_off(day.year)


def working_day_on_or_before(day: date) -> date:
    """`day` if it is a working day, else the last working day before it."""
    for back in range(_LONGEST_BREAK_DAYS + 1):
        candidate = day - timedelta(days=back)
        if is_working_day(candidate):
            return candidate
    raise AssertionError(f"no working day in the {_LONGEST_BREAK_DAYS} days up to {day}")


def add_working_days(day: date, days: int) -> date:
    """The working day `days` working days after `day` (`days` >= 1); "3 working days after a
    Friday" is the Wednesday after it (with no holiday in between)."""
    if days < 1:
        raise ValueError("days must be >= 1")
    current = day
    for _ in range(days):
        current += timedelta(days=1)
        while not is_working_day(current):
            current += timedelta(days=1)
    return current
