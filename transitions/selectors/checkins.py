"""The course's check-ins and their schedule (DESIGN §5.5, §5.10): the schedule belongs to the
case, counted from the newest discharge after a residential stay, otherwise from the start of
outpatient treatment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.shortcuts import get_object_or_404

from cases.models import Case, CaseStatus

# OUTPATIENT_TYPES, treatment without a stay: its start begins an outpatient-only course's
# check-ins.
from treatment_options.discharge import OUTPATIENT_TYPES
from treatment_options.models import Episode

from .. import checkin_plan
from ..models import CheckIn, CheckInSchedule, Transition


def checkin_schedule_weeks(case: Case) -> list[int]:
    """The course's schedule in weeks: its own, or the default while nobody changed it."""
    schedule = CheckInSchedule.objects.filter(case=case).first()
    if schedule is None:
        return list(checkin_plan.DEFAULT_CHECKIN_WEEKS)
    return checkin_plan.weeks_cleaned(schedule.weeks or [])


def weeks_of(schedule: CheckInSchedule | None) -> list[int]:
    """The weeks of a schedule row already loaded (None: the default)."""
    if schedule is None:
        return list(checkin_plan.DEFAULT_CHECKIN_WEEKS)
    return checkin_plan.weeks_cleaned(schedule.weeks or [])


def course_checkin_anchor(case: Case) -> checkin_plan.Anchor | None:
    """The day the course's check-ins are counted from (two queries at most)."""
    discharges = [
        (day, pk)
        for day, pk in Transition.objects.filter(case=case, discharged_on__isnull=False)
        .exclude(status=Transition.Status.CANCELLED)
        .values_list("discharged_on", "pk")
        if day is not None
    ]
    starts: list[Any] = []
    if not discharges:
        starts = list(
            Episode.objects.filter(
                case=case, offer__treatment_type__in=OUTPATIENT_TYPES, actual_start__isnull=False
            ).values_list("actual_start", flat=True)
        )
    return checkin_plan.course_anchor(discharges=discharges, outpatient_starts=starts)


def course_checkin_anchor_of(
    transitions: Iterable[Transition], episodes: Iterable[Any]
) -> checkin_plan.Anchor | None:
    """`course_checkin_anchor` from rows already read: the case's transitions and its
    episodes with their offers (the case page's)."""
    discharges = [
        (t.discharged_on, t.pk)
        for t in transitions
        if t.discharged_on is not None and t.status != Transition.Status.CANCELLED
    ]
    starts = [
        e.actual_start
        for e in episodes
        if e.offer.treatment_type in OUTPATIENT_TYPES and e.actual_start is not None
    ]
    return checkin_plan.course_anchor(
        discharges=discharges, outpatient_starts=[] if discharges else starts
    )


def aftercare_runs(case: Case, anchor: checkin_plan.Anchor | None) -> bool:
    """Aftercare runs from the day the check-ins count from until the course ends (§5.10)."""
    return anchor is not None and case.status != CaseStatus.CLOSED


@dataclass(frozen=True)
class CourseCheckIns:
    """The course's check-ins for a page: the rows, the schedule and what it counts from."""

    checkins: list[CheckIn]
    weeks: list[int]
    anchor: checkin_plan.Anchor | None


def course_checkins(case: Case) -> CourseCheckIns:
    """The case's check-ins in due order with the schedule (a fixed number of queries)."""
    checkins = list(
        CheckIn.objects.filter(case=case).select_related("recorded_by").order_by("due_on", "pk")
    )
    return CourseCheckIns(
        checkins=checkins, weeks=checkin_schedule_weeks(case), anchor=course_checkin_anchor(case)
    )


def checkin_get_for_case(case: Case, pk: int) -> CheckIn:
    """A check-in of the case (with or without a transition); another case's is a 404."""
    return get_object_or_404(CheckIn.objects.select_related("transition"), case=case, pk=pk)
