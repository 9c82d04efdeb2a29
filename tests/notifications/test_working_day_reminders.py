"""The sweep gives the last reminder before a deadline on the last working day before its
normal day (DESIGN §6), once: the sweeps over the days off after it notify no one again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from notifications.models import Notification
from notifications.sweep import reminder_sweep

from .conftest import make_action_item, make_case, make_checkin, make_transition

EASTER_MONDAY = date(2026, 4, 6)
GRUNDLOVSDAG = date(2026, 6, 5)  # a Friday


def _sweep_days(first: date, last: date, rule: str) -> dict[date, list[str]]:
    """Sweep every day from `first` to `last`; the threshold keys of `rule` each day created."""
    created: dict[date, list[str]] = {}
    seen: set[int] = set()
    day = first
    while day <= last:
        reminder_sweep(today=day)
        new = Notification.objects.filter(rule=rule).exclude(pk__in=seen)
        created[day] = sorted(new.values_list("threshold", flat=True))
        seen |= set(new.values_list("pk", flat=True))
        day += timedelta(days=1)
    return created


@pytest.mark.parametrize(
    ("deadline", "last_reminder_on"),
    [
        (EASTER_MONDAY, date(2026, 4, 1)),  # the Wednesday before Easter
        (GRUNDLOVSDAG, date(2026, 6, 4)),  # the Thursday before
        (date(2026, 6, 6), date(2026, 6, 4)),  # Saturday: Friday is Grundlovsdag
        (date(2026, 3, 15), date(2026, 3, 13)),  # a Sunday: Friday, not Saturday
        (date(2026, 3, 10), date(2026, 3, 9)),  # a Tuesday: unchanged, the day before
    ],
)
def test_last_guarantee_reminder_on_the_working_day_before_and_once(
    caseworker, team_nord, deadline, last_reminder_on
):
    make_case(
        caseworker=caseworker,
        team=team_nord,
        status="referred",
        inquiry_date=deadline - timedelta(days=14),
        guarantee_deadline=deadline,
    )
    created = _sweep_days(deadline - timedelta(days=8), deadline, "guarantee_due")

    last_key = f"1d:{deadline.isoformat()}"
    assert [day for day, keys in created.items() if last_key in keys] == [last_reminder_on]
    after = [keys for day, keys in created.items() if day > last_reminder_on]
    assert after and not any(after), "a reminder after the last one"
    assert created[deadline - timedelta(days=7)] == [f"7d:{deadline.isoformat()}"]


def test_checkin_due_on_grundlovsdag_is_reminded_on_thursday_once(
    caseworker, team_nord, residential_offer, outpatient_therapist
):
    case = make_case(caseworker=caseworker, team=team_nord)
    transition = make_transition(case, residential_offer, outpatient_therapist=outpatient_therapist)
    make_checkin(transition, due_on=GRUNDLOVSDAG)

    created = _sweep_days(date(2026, 6, 2), date(2026, 6, 7), "checkin_due")

    assert created == {
        date(2026, 6, 2): [],
        date(2026, 6, 3): [],
        date(2026, 6, 4): [f"due:{GRUNDLOVSDAG.isoformat()}"],
        date(2026, 6, 5): [],
        date(2026, 6, 6): [],
        date(2026, 6, 7): [],
    }


def test_action_item_due_after_easter_is_reminded_before_it(
    caseworker, team_nord, residential_offer, residential_therapist
):
    # Due Tuesday 7 April: 2 days before is Easter Sunday, so Wednesday 1 April.
    case = make_case(caseworker=caseworker, team=team_nord)
    transition = make_transition(
        case, residential_offer, residential_therapist=residential_therapist
    )
    due = EASTER_MONDAY + timedelta(days=1)
    make_action_item(transition, owner=residential_therapist, due_on=due)

    created = _sweep_days(date(2026, 3, 30), due, "action_due")

    assert {day: keys for day, keys in created.items() if keys} == {
        date(2026, 4, 1): [f"2d:{due.isoformat()}"]
    }


def test_discharge_after_grundlovsdag_weekend_is_reminded_on_thursday(
    caseworker, team_nord, residential_offer, residential_therapist, outpatient_therapist
):
    # Planned discharge Monday 8 June: 3 days before is Friday, Grundlovsdag: Thursday 4 June.
    case = make_case(caseworker=caseworker, team=team_nord)
    make_transition(
        case,
        residential_offer,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        planned_discharge_on=date(2026, 6, 8),
    )

    created = _sweep_days(date(2026, 6, 3), date(2026, 6, 8), "discharge_not_ready")

    assert {day: len(keys) for day, keys in created.items() if keys} == {date(2026, 6, 4): 3}
