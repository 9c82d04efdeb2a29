"""The rules of a course's check-in schedule (DESIGN §5.5, §5.10), without Django: the default
weeks, what a schedule may hold, and the day it is counted from.

Check-ins are counted from the discharge after a residential stay, otherwise (an
outpatient-only course) from the start of outpatient treatment. A later discharge restarts
the count: the weeks after the newest stay are the dangerous ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# §5.10: check-ins go on for 12 months by default.
DEFAULT_CHECKIN_WEEKS: tuple[int, ...] = (2, 6, 12, 26, 52)
# Two years: a schedule longer than that is a typing error, not a plan.
MAX_WEEKS = 104


class WeeksProblem(StrEnum):
    OUT_OF_RANGE = "out_of_range"
    EMPTIED_DURING_AFTERCARE = "emptied_during_aftercare"
    REASON_MISSING = "reason_missing"


def weeks_cleaned(weeks: Iterable[int]) -> list[int]:
    """The weeks as a schedule holds them: each once, in order."""
    return sorted({int(w) for w in weeks})


def schedule_change_problem(
    *, before: list[int], after: list[int], reason: str, aftercare_runs: bool
) -> WeeksProblem | None:
    """Why a schedule cannot change from `before` to `after` (both cleaned), or None. No quiet
    changes (§5.10): a reason is needed, and the schedule cannot be emptied while aftercare
    runs. An unchanged schedule is no change (and needs no reason)."""
    if any(w < 1 or w > MAX_WEEKS for w in after):
        return WeeksProblem.OUT_OF_RANGE
    if after == before:
        return None
    if not after and aftercare_runs:
        return WeeksProblem.EMPTIED_DURING_AFTERCARE
    if not reason.strip():
        return WeeksProblem.REASON_MISSING
    return None


@dataclass(frozen=True)
class Anchor:
    """The day a course's check-ins are counted from, and the stay it ends (None when it is
    the start of outpatient treatment)."""

    day: dt.date
    transition_id: int | None = None

    @property
    def is_discharge(self) -> bool:
        return self.transition_id is not None


def course_anchor(
    *, discharges: Iterable[tuple[dt.date, int]], outpatient_starts: Iterable[dt.date]
) -> Anchor | None:
    """The newest discharge (day, transition id) if the course has one; else the newest start
    of outpatient treatment; else None (nothing to count from yet)."""
    latest = max(discharges, default=None, key=lambda d: (d[0], d[1]))
    if latest is not None:
        return Anchor(day=latest[0], transition_id=latest[1])
    start = max(outpatient_starts, default=None)
    return Anchor(day=start) if start is not None else None


def due_on(anchor: Anchor, weeks: int) -> dt.date:
    return anchor.day + dt.timedelta(weeks=weeks)
