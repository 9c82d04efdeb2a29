"""The answer deadlines of access requests and the reminder days of requests and complaints.

Pure: the standard library and the pure `cases.working_days` only (no Django), so the law's
arithmetic is tested alone.

- Offentlighedsloven § 36, stk. 2 (and forvaltningsloven § 9 by practice): an access request
  is answered as soon as possible, and within 7 working days of its receipt.
- GDPR art. 12(3): the controller answers "within one month of receipt". Counted as EU
  periods are (forordning 1182/71, art. 3): the same date in the next month, or its last day
  when that month is shorter; a period that ends on a Saturday, Sunday or public holiday ends
  on the next working day.
- Retssikkerhedsloven § 67: a complaint is reconsidered within 4 weeks of its receipt; a
  complaint not upheld is then sent to Ankestyrelsen. A complaint still open after 4 weeks
  reminds the caseworker and the team's managers.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from cases.working_days import add_working_days, is_working_day


class AccessKind(StrEnum):
    """Under which law an access request is answered (the stored `AccessRequest.kind`)."""

    PUBLIC_ACCESS = "offentlighedsloven"
    GDPR = "gdpr"


# Offentlighedsloven § 36, stk. 2: 7 working days.
PUBLIC_ACCESS_WORKING_DAYS: Final = 7
# The access request's reminders: this many working days before the deadline, and on its day.
REMIND_WORKING_DAYS_BEFORE: Final = 2
# Retssikkerhedsloven § 67: the 4 weeks to reconsider a complaint.
COMPLAINT_RECONSIDER_DAYS: Final = 28


def add_one_month(day: date) -> date:
    """The same date one month later, or that month's last day when it has fewer days
    (31 January -> 28 or 29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_working_day_on_or_after(day: date) -> date:
    """`day` if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def answer_deadline(kind: str, received_on: date) -> date:
    """The last day to answer an access request of `kind` received on `received_on`."""
    if kind == AccessKind.PUBLIC_ACCESS:
        return add_working_days(received_on, PUBLIC_ACCESS_WORKING_DAYS)
    if kind == AccessKind.GDPR:
        return next_working_day_on_or_after(add_one_month(received_on))
    raise ValueError(f"unknown kind of access request: {kind!r}")


def working_days_before(day: date, days: int) -> date:
    """The working day `days` working days before `day` (`days` >= 1)."""
    if days < 1:
        raise ValueError("days must be >= 1")
    current = day
    for _ in range(days):
        current -= timedelta(days=1)
        while not is_working_day(current):
            current -= timedelta(days=1)
    return current


def access_reminder_due(deadline: date, today: date) -> str | None:
    """Which reminder of an open access request is due `today`: "due" from the deadline's day
    on, "before" from 2 working days before it, else None. The tightest one reached wins."""
    if today >= deadline:
        return "due"
    if today >= working_days_before(deadline, REMIND_WORKING_DAYS_BEFORE):
        return "before"
    return None


def complaint_reminder_from(received_on: date) -> date:
    """The day from which an open complaint reminds: 4 weeks after its receipt."""
    return received_on + timedelta(days=COMPLAINT_RECONSIDER_DAYS)
