"""Danish working days and the working-day reminders (DESIGN §6): pure, no Django, no database.

The last reminder before a deadline comes on the last working day before its normal day when
that day is a weekend day, a Danish public holiday or Grundlovsdag; the deadline never moves.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from cases.working_days import add_working_days, is_working_day, working_day_on_or_before
from notifications.thresholds import due_threshold, reminded_deadlines_until, reminder_day

ROOT = Path(__file__).resolve().parents[2]

# 2026: Easter Sunday 5 April; Grundlovsdag Friday 5 June.
MAUNDY_THURSDAY = date(2026, 4, 2)
GOOD_FRIDAY = date(2026, 4, 3)
EASTER_MONDAY = date(2026, 4, 6)
WEDNESDAY_BEFORE_EASTER = date(2026, 4, 1)
GRUNDLOVSDAG = date(2026, 6, 5)
SUNDAY = date(2026, 3, 15)
TUESDAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (TUESDAY, True),
        (date(2026, 3, 14), False),  # Saturday
        (SUNDAY, False),
        (date(2026, 1, 1), False),  # Nytårsdag
        (MAUNDY_THURSDAY, False),
        (GOOD_FRIDAY, False),
        (EASTER_MONDAY, False),
        (date(2026, 5, 14), False),  # Kristi himmelfartsdag
        (date(2026, 5, 25), False),  # Anden pinsedag
        (GRUNDLOVSDAG, False),  # the one exception to the library's list
        (date(2027, 6, 4), True),  # the Friday before Grundlovsdag 2027 (a Saturday)
        (date(2026, 12, 24), True),  # Juleaftensdag is not a public holiday
        (date(2026, 12, 25), False),
        (date(2026, 12, 26), False),  # Anden juledag (a Saturday anyway)
        (date(2026, 12, 31), True),  # Nytårsaftensdag neither
        (date(2026, 5, 1), True),  # nor 1 May
        (date(2023, 5, 5), False),  # Store Bededag up to 2023 ...
        (date(2024, 4, 26), True),  # ... abolished from 2024
    ],
)
def test_working_days_follow_the_danish_calendar(day, working):
    assert is_working_day(day) is working


def test_working_day_on_or_before_skips_easter():
    assert working_day_on_or_before(EASTER_MONDAY) == WEDNESDAY_BEFORE_EASTER
    assert working_day_on_or_before(TUESDAY) == TUESDAY


def test_add_working_days_skips_weekends_and_holidays():
    assert add_working_days(date(2026, 3, 13), 3) == date(2026, 3, 18)  # Friday -> Wednesday
    assert add_working_days(WEDNESDAY_BEFORE_EASTER, 1) == date(2026, 4, 7)
    with pytest.raises(ValueError):
        add_working_days(TUESDAY, 0)


# --- the last reminder before a deadline -----------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "days_before", "expected"),
    [
        # a normal weekday deadline is unchanged: the day before
        (TUESDAY, 1, date(2026, 3, 9)),
        # Easter Monday: Sunday, Saturday, Good Friday and Maundy Thursday are days off
        (EASTER_MONDAY, 1, WEDNESDAY_BEFORE_EASTER),
        (EASTER_MONDAY, 0, WEDNESDAY_BEFORE_EASTER),
        (EASTER_MONDAY, 2, WEDNESDAY_BEFORE_EASTER),
        # Grundlovsdag: the working day before it
        (GRUNDLOVSDAG, 1, date(2026, 6, 4)),
        (GRUNDLOVSDAG, 0, date(2026, 6, 4)),  # a check-in due on Grundlovsdag
        (date(2026, 6, 6), 1, date(2026, 6, 4)),  # the day before is Grundlovsdag
        # a Sunday deadline: Friday, not Saturday
        (SUNDAY, 1, date(2026, 3, 13)),
        (SUNDAY, 0, date(2026, 3, 13)),
        # a Monday deadline: Friday
        (date(2026, 3, 16), 1, date(2026, 3, 13)),
        # the reminder never comes later than its normal day
        (date(2026, 3, 17), 3, date(2026, 3, 13)),  # Tuesday, 3 days before is Saturday
        (date(2026, 3, 17), 7, date(2026, 3, 10)),
    ],
)
def test_last_reminder_comes_on_the_last_working_day_before(deadline, days_before, expected):
    assert reminder_day(deadline, days_before) == expected
    assert is_working_day(expected)
    assert expected <= deadline - timedelta(days=days_before)


@pytest.mark.parametrize(
    ("today", "days_before", "expected"),
    [
        (date(2026, 3, 9), 1, TUESDAY),  # Monday: tomorrow's deadlines, no more
        (date(2026, 3, 13), 1, date(2026, 3, 16)),  # Friday: up to Monday
        (date(2026, 3, 14), 1, date(2026, 3, 16)),  # Saturday: still up to Monday
        (WEDNESDAY_BEFORE_EASTER, 1, date(2026, 4, 7)),  # up to the Tuesday after Easter
        (WEDNESDAY_BEFORE_EASTER, 0, EASTER_MONDAY),
        (date(2026, 6, 4), 0, date(2026, 6, 7)),  # Thursday: Grundlovsdag and the weekend
        (date(2026, 6, 4), 1, date(2026, 6, 8)),
    ],
)
def test_reminded_deadlines_reach_over_the_days_off(today, days_before, expected):
    latest = reminded_deadlines_until(today, days_before)
    assert latest == expected
    assert reminder_day(latest, days_before) <= today
    assert reminder_day(latest + timedelta(days=1), days_before) > today


def _countdown(deadline: date, start: date) -> list[tuple[date, int | None]]:
    days = (deadline - start).days + 1
    return [
        (start + timedelta(days=n), due_threshold(deadline, start + timedelta(days=n), (7, 3, 1)))
        for n in range(days)
    ]


def test_countdown_to_easter_monday_gives_the_last_reminder_on_wednesday_and_keeps_it():
    # Deadline Easter Monday 6 April 2026: 7 days before on Monday 30 March; the last (1 day)
    # on Wednesday 1 April, and the same key every day after it, so no reminder after the last.
    found = dict(_countdown(EASTER_MONDAY, date(2026, 3, 29)))
    assert found[date(2026, 3, 29)] is None
    assert found[date(2026, 3, 30)] == 7
    assert found[date(2026, 3, 31)] == 7
    for day in (WEDNESDAY_BEFORE_EASTER, MAUNDY_THURSDAY, GOOD_FRIDAY, EASTER_MONDAY):
        assert found[day] == 1
    assert 3 not in found.values()
    assert due_threshold(EASTER_MONDAY, EASTER_MONDAY + timedelta(days=1), (7, 3, 1)) is None


def test_countdown_to_a_weekday_deadline_is_unchanged():
    found = dict(_countdown(TUESDAY, date(2026, 3, 2)))
    assert found[date(2026, 3, 2)] is None
    assert found[date(2026, 3, 3)] == 7  # Tuesday, 7 days before
    assert found[date(2026, 3, 7)] == 3  # Saturday: an earlier reminder stays on its day
    assert found[date(2026, 3, 8)] == 3
    assert found[date(2026, 3, 9)] == 1  # Monday
    assert found[TUESDAY] == 1


def test_working_day_module_imports_without_django() -> None:
    code = (
        "import sys\n"
        "sys.modules['django'] = None\n"  # any 'import django...' now raises ImportError
        "import cases.working_days, notifications.thresholds\n"
        "from datetime import date\n"
        "assert notifications.thresholds.reminder_day(date(2026, 4, 6), 1) == date(2026, 4, 1)\n"
        "assert not [m for m in sys.modules if m.startswith('django.')], 'django was imported'\n"
        "print('ok')\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "ok"
