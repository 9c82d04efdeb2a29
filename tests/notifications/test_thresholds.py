"""The pure threshold module: defaults, overrides from settings, date arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from notifications.rules import current_thresholds, run_rules
from notifications.thresholds import (
    DEFAULT_THRESHOLDS,
    add_months,
    countdown_threshold,
    from_overrides,
    key,
)

from .conftest import TODAY, make_case


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(8, None), (7, 7), (4, 7), (3, 3), (2, 3), (1, 1), (0, 1), (-1, None)],
)
def test_countdown_gives_the_tightest_threshold_reached(days_left, expected):
    assert countdown_threshold(days_left, (7, 3, 1)) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 3, 10), 6, date(2026, 9, 10)),
    ],
)
def test_add_months_clamps_to_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_key_carries_the_source_date():
    assert key("7d", date(2026, 12, 1)) == "7d:2026-12-01"


def test_overrides_replace_defaults_and_sort_lists():
    t = from_overrides({"guarantee_days_before": [1, 10, 5], "checkin_overdue_days": 5})
    assert t.guarantee_days_before == (10, 5, 1)
    assert t.checkin_overdue_days == 5
    assert t.action_due_days_before == DEFAULT_THRESHOLDS.action_due_days_before


def test_unknown_or_negative_override_is_an_error():
    with pytest.raises(ValueError, match="Unknown"):
        from_overrides({"guarante_days_before": [7]})
    with pytest.raises(ValueError):
        from_overrides({"checkin_overdue_days": -1})


def test_settings_override_changes_what_the_rule_finds(settings, db, caseworker, team_nord):
    settings.REMINDER_THRESHOLDS = {"guarantee_days_before": [10]}
    make_case(
        caseworker=caseworker,
        team=team_nord,
        status="referred",
        inquiry_date=TODAY - timedelta(days=4),
        guarantee_deadline=TODAY + timedelta(days=10),
    )
    assert current_thresholds().guarantee_days_before == (10,)

    assert [p.threshold for p in run_rules(today=TODAY)] == [
        f"10d:{(TODAY + timedelta(days=10)).isoformat()}"
    ]
