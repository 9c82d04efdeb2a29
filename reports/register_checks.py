"""The register check list (DESIGN §7, issue 13): which rows of a month's extracts cannot be
reported yet, and on which days the managers are told. Pure: no framework, so every rule is
tested on its own; the rows are the extract's own (reports.selectors.register), so the check
list and the file never disagree about what a row holds.

A row cannot be reported when the register would refuse it or record it wrongly:
- the team has no municipality code (the register's "Myndighed");
- an episode ended without a start date, or its planned start has passed without one while the
  request is started elsewhere (the offer link needs the real dates);
- an episode ended without an end reason, or the course ended without its end reason;
- a started social course (SEL § 101, BL § 33) has no decision date;
- a started course lacks the enrolment content (drug: primary substance, route of use,
  housing, substitution medicine; alcohol: housing), or a drug course ended without its end
  status.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from cases.working_days import is_working_day

from .register_codes import Register

# The register's deadline: the 15th of the month after the one reported (docs/registers.md §2).
DEADLINE_DAY = 15
FIRST_NOTICE_DAY = 5
WORKING_DAYS_BEFORE_DEADLINE = 3


class Problem(StrEnum):
    MUNICIPALITY = "municipality"
    START_DATE = "start_date"
    EPISODE_END_REASON = "episode_end_reason"
    COURSE_END_REASON = "course_end_reason"
    DECISION_DATE = "decision_date"
    ENROLMENT = "enrolment"
    END_STATUS = "end_status"


DRUG_CONTENT = (
    "case__primary_substance",
    "case__route_of_use",
    "case__housing_situation",
    "case__substitution_medicine",
)
ALCOHOL_CONTENT = ("case__housing_situation",)


def row_problems(register: Register, row: Mapping[str, Any], *, month_end: date) -> list[Problem]:
    """What stops the row from being reported, in the order a caseworker would fix it."""
    problems: list[Problem] = []
    if not row["case__team__municipality_code"]:
        problems.append(Problem.MUNICIPALITY)
    started = row["actual_start"] is not None
    planned = row["planned_start"]
    if not started and (
        row["actual_end"] is not None or (planned is not None and planned <= month_end)
    ):
        problems.append(Problem.START_DATE)
    if row["actual_end"] is not None and not row["end_reason"]:
        problems.append(Problem.EPISODE_END_REASON)
    if row["case__course_ended_on"] is not None and not row["case__course_end_reason"]:
        problems.append(Problem.COURSE_END_REASON)
    if register is Register.DRUG_SOCIAL and started and row["row_decision_on"] is None:
        problems.append(Problem.DECISION_DATE)
    content = ALCOHOL_CONTENT if register is Register.ALCOHOL else DRUG_CONTENT
    if started and not all(row[name] for name in content):
        problems.append(Problem.ENROLMENT)
    if (
        register is not Register.ALCOHOL
        and row["case__course_ended_on"] is not None
        and not row["case__course_end_status"]
    ):
        problems.append(Problem.END_STATUS)
    return problems


def notice_days(year: int, month: int) -> tuple[date, date]:
    """The two days in `month` on which the managers get the check list for the month before:
    the 5th, and the third working day before the 15th (the deadline)."""
    deadline = date(year, month, DEADLINE_DAY)
    day, counted = deadline, 0
    while counted < WORKING_DAYS_BEFORE_DEADLINE:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return date(year, month, FIRST_NOTICE_DAY), day


def reported_month(today: date) -> date:
    """The first day of the month whose rows are due by the 15th of `today`'s month."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)
