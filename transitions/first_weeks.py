"""The first weeks after discharge (DESIGN §5.9): when the first outpatient appointment counts
as missed, when the outreach it causes is due, the first appointment's status and the first
outpatient contact date as they follow from the recorded contacts, and the late-booking flag.

Pure: the standard library and `cases.working_days` only (no Django), so the rules can be
tested on their own and used by the transitions services and the reminder sweep alike. All
datetimes are aware; days are the local days of `zone` (Europe/Copenhagen).

Decisions (documented here, as the one home of the rule):
- The cut-off is the appointment's day at the cut-off time (setting FIRST_APPOINTMENT_CUTOFF,
  default 16:00 local): the end of that working day, by which the contact should be recorded.
- An appointment on a non-working day (a weekend, a public holiday) keeps that day's cut-off:
  whoever held the appointment was at work that day and records it then; the outreach is due
  on the next working day all the same, and that is when people are at work to act on it.
- An appointment at or after the cut-off time (a late appointment) cannot be missed before it
  starts: its cut-off moves to the cut-off time of the next working day.
- The outreach is due on the next working day after the cut-off's day (for an ordinary
  appointment: the next working day after the appointment's day; Thursday → Friday,
  Friday → Monday, Wednesday before Easter → Tuesday after Easter).
- The appointment is attended when an attended contact lies on the appointment's day (from its
  midnight) up to the cut-off; missed when `now` is past the cut-off with none; planned
  otherwise. An attended contact after the cut-off does not undo "missed" (the outreach
  happened for a reason), but it is the first outpatient contact.
- The first outpatient contact is the earliest attended contact on or after the discharge day;
  before discharge there is none (the gap is measured from discharge).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Final
from zoneinfo import ZoneInfo

from cases.working_days import add_working_days

COPENHAGEN: Final = ZoneInfo("Europe/Copenhagen")
DEFAULT_CUTOFF: Final = dt.time(16, 0)
# DESIGN §5.9: a first appointment more than this many days after the planned discharge is
# flagged when it is booked.
LATE_BOOKING_DAYS: Final = 7


class AppointmentStatus(enum.StrEnum):
    """The same values as `Transition.AppointmentStatus`."""

    PLANNED = "planned"
    ATTENDED = "attended"
    MISSED = "missed"


def _next_working_day(day: dt.date) -> dt.date:
    return add_working_days(day, 1)


def cutoff_moment(
    appointment_at: dt.datetime,
    *,
    cutoff: dt.time = DEFAULT_CUTOFF,
    zone: dt.tzinfo = COPENHAGEN,
) -> dt.datetime:
    """When the first appointment counts as missed if no attended contact is recorded by
    then: the cut-off time of the appointment's local day, or of the next working day for an
    appointment at or after that time (see the module's decisions)."""
    if appointment_at.tzinfo is None:
        raise ValueError("appointment_at must be aware")
    local = appointment_at.astimezone(zone)
    moment = dt.datetime.combine(local.date(), cutoff, tzinfo=zone)
    if local >= moment:
        moment = dt.datetime.combine(_next_working_day(local.date()), cutoff, tzinfo=zone)
    return moment


def outreach_due_on(
    appointment_at: dt.datetime,
    *,
    cutoff: dt.time = DEFAULT_CUTOFF,
    zone: dt.tzinfo = COPENHAGEN,
) -> dt.date:
    """The outreach after a missed first appointment is due on the next working day after the
    cut-off's day."""
    return _next_working_day(cutoff_moment(appointment_at, cutoff=cutoff, zone=zone).date())


def appointment_status(
    appointment_at: dt.datetime | None,
    *,
    attended_at: Iterable[dt.datetime],
    now: dt.datetime,
    cutoff: dt.time = DEFAULT_CUTOFF,
    zone: dt.tzinfo = COPENHAGEN,
) -> AppointmentStatus:
    """The first appointment's status, derived from the attended contacts' times."""
    if appointment_at is None:
        return AppointmentStatus.PLANNED
    deadline = cutoff_moment(appointment_at, cutoff=cutoff, zone=zone)
    day_start = dt.datetime.combine(appointment_at.astimezone(zone).date(), dt.time(), tzinfo=zone)
    if any(day_start <= at <= deadline for at in attended_at):
        return AppointmentStatus.ATTENDED
    if now > deadline:
        return AppointmentStatus.MISSED
    return AppointmentStatus.PLANNED


def first_contact_on(
    discharged_on: dt.date | None,
    *,
    attended_at: Iterable[dt.datetime],
    zone: dt.tzinfo = COPENHAGEN,
) -> dt.date | None:
    """The first outpatient contact: the local day of the earliest attended contact on or
    after the discharge day; None before discharge or without one."""
    if discharged_on is None:
        return None
    days = [at.astimezone(zone).date() for at in attended_at]
    return min((day for day in days if day >= discharged_on), default=None)


def is_late_booking(
    appointment_at: dt.datetime | None,
    planned_discharge_on: dt.date | None,
    *,
    zone: dt.tzinfo = COPENHAGEN,
) -> bool:
    """The first appointment lies more than LATE_BOOKING_DAYS after the planned discharge."""
    if appointment_at is None or planned_discharge_on is None:
        return False
    days = (appointment_at.astimezone(zone).date() - planned_discharge_on).days
    return days > LATE_BOOKING_DAYS


__all__ = [
    "COPENHAGEN",
    "DEFAULT_CUTOFF",
    "LATE_BOOKING_DAYS",
    "AppointmentStatus",
    "appointment_status",
    "cutoff_moment",
    "first_contact_on",
    "is_late_booking",
    "outreach_due_on",
]
