"""Reminder thresholds (DESIGN §6): the defaults and the pure date arithmetic of the rules.

Pure: standard library and the pure `cases.working_days` only. A municipality overrides any
default with the Django setting ``REMINDER_THRESHOLDS`` (a dict with the field names below);
`notifications.rules` reads it through `from_overrides`.

Threshold keys: a notification is unique per (recipient, rule, subject, threshold key), and
every key carries the date it counts from ("7d:2026-12-01"). A new source date (the discharge
is moved, a check-in rescheduled, the inquiry date corrected) is a new key, so the users are
reminded again for the new date, and never twice for the same one.

Working days: deadlines count calendar days and are never moved, but the last reminder before a
deadline comes on the last working day before it when its normal day is a weekend day or a
Danish holiday (`reminder_day`). A rule selects its rows by a date range in SQL, so it asks
`reminded_deadlines_until` how far ahead today's reminders reach, and `due_threshold` which
reminder a row is due.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any, Final

from cases.working_days import add_working_days, working_day_on_or_before


@dataclass(frozen=True, slots=True)
class Thresholds:
    # Guarantee deadline: remind this many days before it (the tightest one reached wins).
    guarantee_days_before: tuple[int, ...] = (7, 3, 1)
    # Check-in: remind on the due day, and again this many days after it.
    checkin_overdue_days: int = 3
    # Action item: remind this many days before the due date, and when it has passed.
    action_due_days_before: int = 2
    # Discharge: no first outpatient appointment booked this many days before it.
    discharge_no_appointment_days_before: int = 7
    # Discharge: no before-discharge note or no status meeting held this many days before it.
    discharge_not_ready_days_before: int = 3
    # After discharge: no outpatient contact registered this many days after it.
    no_outpatient_contact_days_after: int = 7
    # An episode started this many days ago without a treatment plan (SEL § 101 stk. 8).
    treatment_plan_days: int = 7
    # Legal follow-up: remind this many days before the due date, and when it has passed.
    follow_up_days_before: int = 7
    # §5.13: the start note is due this many days after the residential start.
    start_note_days: int = 7
    # §5.13: a status note not acknowledged after this many working days reminds its receivers.
    note_ack_working_days: int = 3
    # Overdue reminders are made only this many days after their source date: a sweep that was
    # stopped for a while, or a first sweep over old data, must not flood users with stale news.
    catch_up_days: int = 90

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            values = value if isinstance(value, tuple) else (value,)
            if not values or any(not isinstance(v, int) or v < 0 for v in values):
                raise ValueError(f"REMINDER_THRESHOLDS[{field.name!r}] must be days >= 0")


DEFAULT_THRESHOLDS: Final = Thresholds()


def from_overrides(overrides: Mapping[str, object] | None) -> Thresholds:
    """The defaults with `overrides` applied. Unknown names are an error, not ignored: a typo
    in the settings must not silently keep the default."""
    if not overrides:
        return DEFAULT_THRESHOLDS
    known = {f.name for f in fields(Thresholds)}
    unknown = set(overrides) - known
    if unknown:
        raise ValueError(f"Unknown REMINDER_THRESHOLDS: {', '.join(sorted(unknown))}")
    # Any: the settings' values, of whatever type each field has.
    values: dict[str, Any] = {}
    for name, value in overrides.items():
        if isinstance(value, list | tuple):
            values[name] = tuple(sorted({int(v) for v in value}, reverse=True))
        else:
            values[name] = value
    return replace(DEFAULT_THRESHOLDS, **values)


def key(label: str, source: date) -> str:
    """A threshold key: what fired, and the date it counts from."""
    return f"{label}:{source.isoformat()}"


def countdown_threshold(days_left: int, days_before: tuple[int, ...]) -> int | None:
    """The tightest threshold reached `days_left` days before a deadline, or None.

    With (7, 3, 1): 7..4 days left -> 7, 3..2 -> 3, 1..0 -> 1. Only the tightest one is
    returned, so a sweep that missed a day sends the reminder that is true now, not a stale
    "7 days left" two days before the deadline. Negative days (past the deadline) -> None.
    """
    if days_left < 0:
        return None
    reached = [t for t in days_before if days_left <= t]
    return min(reached) if reached else None


def within_catch_up(source: date, today: date, thresholds: Thresholds) -> bool:
    """Whether an overdue reminder counting from `source` is still worth sending today."""
    return today - source <= timedelta(days=thresholds.catch_up_days)


def reminder_day(deadline: date, days_before: int) -> date:
    """The day of the reminder `days_before` days before `deadline`: that day, or the last
    working day before it when it is a weekend day or a holiday. With 1 day before: Monday's
    deadline is reminded on Friday, Easter Monday's on the Wednesday before Easter."""
    return working_day_on_or_before(deadline - timedelta(days=days_before))


def reminded_deadlines_until(today: date, days_before: int) -> date:
    """The latest deadline whose reminder `days_before` it is due by `today` (reminder_day <=
    today), for a rule's SQL filter `deadline <= ...`: today + days_before, or later when the
    days after it are not working days (on the Wednesday before Easter, with 1 day before, the
    deadlines up to the Tuesday after Easter)."""
    latest = today + timedelta(days=days_before)
    # reminder_day never decreases as the deadline moves on, so the due deadlines are one range.
    while reminder_day(latest + timedelta(days=1), days_before) <= today:
        latest += timedelta(days=1)
    return latest


def due_threshold(deadline: date, today: date, days_before: tuple[int, ...]) -> int | None:
    """The countdown threshold due `today` before `deadline`, or None: the tightest one
    reached (`countdown_threshold`), where the last one (the smallest) is due from its
    `reminder_day`. Once the last one is due it stays the answer up to the deadline, so a sweep
    over the weekend after it finds the same key and notifies no one again."""
    if today > deadline:
        return None
    last = min(days_before)
    if today >= reminder_day(deadline, last):
        return last
    return countdown_threshold((deadline - today).days, days_before)


def start_note_due_on(residential_start: date, thresholds: Thresholds) -> date:
    """§5.13: the start note is due within 7 days of the residential start."""
    return residential_start + timedelta(days=thresholds.start_note_days)


def midway_note_due_on(residential_start: date, planned_discharge: date) -> date:
    """§5.13: the midway note is due halfway from the residential start to the planned
    discharge (rounded down to a whole day)."""
    return residential_start + timedelta(
        days=max((planned_discharge - residential_start).days, 0) // 2
    )


def note_unacknowledged_on(written_on: date, thresholds: Thresholds) -> date:
    """§5.13: the day a note written on `written_on` and not yet acknowledged reminds its
    receivers: after 3 working days."""
    days = thresholds.note_ack_working_days
    return add_working_days(written_on, days) if days > 0 else written_on
