"""The answer deadlines of access requests and the reminder days (rights.deadlines, pure)."""

from __future__ import annotations

from datetime import date

import pytest

from rights.deadlines import (
    AccessKind,
    access_reminder_due,
    add_one_month,
    answer_deadline,
    complaint_reminder_from,
    working_days_before,
)


def test_offentlighedsloven_gives_7_working_days():
    # Monday 16 March 2026 + 7 working days = Wednesday 25 March.
    assert answer_deadline(AccessKind.PUBLIC_ACCESS, date(2026, 3, 16)) == date(2026, 3, 25)


def test_easter_is_not_counted_in_the_7_working_days():
    # Received Wednesday 1 April 2026: Maundy Thursday, Good Friday and Easter Monday are off.
    assert answer_deadline(AccessKind.PUBLIC_ACCESS, date(2026, 4, 1)) == date(2026, 4, 15)


def test_gdpr_gives_one_month():
    assert answer_deadline(AccessKind.GDPR, date(2026, 3, 16)) == date(2026, 4, 16)


def test_gdpr_month_ending_on_a_weekend_ends_on_the_next_working_day():
    # 14 February 2026 + 1 month = Saturday 14 March: the period ends Monday 16 March.
    assert answer_deadline(AccessKind.GDPR, date(2026, 2, 14)) == date(2026, 3, 16)


def test_one_month_after_the_31st_is_the_last_day_of_a_shorter_month():
    assert add_one_month(date(2026, 1, 31)) == date(2026, 2, 28)
    assert add_one_month(date(2026, 12, 15)) == date(2027, 1, 15)


def test_an_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        answer_deadline("other", date(2026, 3, 16))


def test_two_working_days_before_skips_the_weekend():
    assert working_days_before(date(2026, 3, 16), 2) == date(2026, 3, 12)


def test_the_access_reminder_comes_2_working_days_before_and_on_the_day():
    deadline = date(2026, 3, 25)  # a Wednesday
    assert access_reminder_due(deadline, date(2026, 3, 20)) is None
    assert access_reminder_due(deadline, date(2026, 3, 23)) == "before"
    assert access_reminder_due(deadline, date(2026, 3, 24)) == "before"
    assert access_reminder_due(deadline, deadline) == "due"
    assert access_reminder_due(deadline, date(2026, 3, 30)) == "due"


def test_a_complaint_reminds_4_weeks_after_its_receipt():
    assert complaint_reminder_from(date(2026, 3, 2)) == date(2026, 3, 30)
