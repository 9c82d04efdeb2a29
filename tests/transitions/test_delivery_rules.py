"""The pure rules of delivered versus agreed (transitions.delivery)."""

from __future__ import annotations

from datetime import date

import pytest

from transitions.delivery import (
    ContactCounts,
    agreed_contacts,
    delivery,
    is_shortfall,
    notice_window_start,
    window_start,
)

TODAY = date(2026, 3, 16)


def test_the_window_is_the_last_28_days_today_included():
    assert window_start(TODAY) == date(2026, 2, 17)


def test_weekly_over_four_weeks_is_four_contacts():
    assert agreed_contacts(contacts_per_period=1, period_weeks=1, days=28) == 4
    assert agreed_contacts(contacts_per_period=1, period_weeks=2, days=28) == 2
    assert agreed_contacts(contacts_per_period=2, period_weeks=1, days=14) == 4


def test_a_commitment_started_two_weeks_ago_is_agreed_for_two_weeks():
    d = delivery(
        contacts_per_period=1,
        period_weeks=1,
        starts_on=date(2026, 3, 3),
        from_day=window_start(TODAY),
        today=TODAY,
        counts=ContactCounts(attended=1, missed=1),
    )
    assert d is not None
    assert d.agreed == 2
    assert d.delivered == 1
    assert d.is_short


def test_not_started_is_nothing_agreed():
    d = delivery(
        contacts_per_period=1,
        period_weeks=1,
        starts_on=date(2026, 4, 1),
        from_day=window_start(TODAY),
        today=TODAY,
        counts=ContactCounts(),
    )
    assert d is not None and d.agreed == 0 and not d.is_short


def test_without_a_structured_frequency_there_is_no_delivery_figure():
    assert (
        delivery(
            contacts_per_period=None,
            period_weeks=None,
            starts_on=TODAY,
            from_day=TODAY,
            today=TODAY,
            counts=ContactCounts(),
        )
        is None
    )


@pytest.mark.parametrize(
    ("agreed", "delivered", "short"),
    [
        (4, 3, False),  # 25 % below: within the tolerance
        (4, 2, True),  # 50 % below
        (2, 1, True),
        (0.5, 0, False),  # less than one whole contact missing
        (8, 6, False),
        (8, 5, True),
    ],
)
def test_shortfall_is_more_than_the_tolerance_and_at_least_one_contact(agreed, delivered, short):
    assert is_shortfall(agreed=agreed, delivered=delivered, tolerance_percent=25) is short


def test_the_notice_window_is_fixed_from_the_commitments_start():
    start = date(2026, 1, 5)
    assert notice_window_start(starts_on=start, today=date(2026, 1, 5)) == start
    assert notice_window_start(starts_on=start, today=date(2026, 2, 1)) == start
    assert notice_window_start(starts_on=start, today=date(2026, 2, 2)) == date(2026, 2, 2)
