"""The one place the tests' dates come from.

`NOW` is the default frozen instant: Monday 16 March 2026, 10:00 in Copenhagen (CET, UTC+1).
The `clock` fixture (tests/conftest.py) stops time there for a test; a directory's conftest or a
test module overrides the `frozen_at` fixture to stop it at another instant named below.

Tests that need a particular day import its name from here (`from tests.clock import TODAY`)
instead of writing their own `TODAY = date(...)`.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Copenhagen")

# The default: cases, treatment options, handovers.
NOW = datetime(2026, 3, 16, 10, 0, tzinfo=TZ)
TODAY = NOW.date()

# The reminder tests' day (notifications) and the API's guarantee examples: Tuesday 10 March
# 2026, six days before the 14-day deadline of a case opened on 2 March.
REMINDER_DAY = date(2026, 3, 10)

# The report tests: late in the report period June to November 2026 (tests/reports/scenario.py).
REPORT_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
REPORT_DAY = REPORT_NOW.date()

# The generated load data (bench/loaddata.py) is dated back from Monday 2 March 2026.
LOAD_DATA_NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute` in Copenhagen, as an aware datetime."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
