"""The managers' access log (DESIGN §1 and §10): the entries about a manager's unit, with the
unusual marked.

A manager sees the entries about their unit's cases (the case's team when it was read, or the
team that has it now) and the reads of their unit's users. Three things are marked:
- a read through break the glass whose use nobody has reviewed yet (the review list is
  /sager/noedadgang/mangler-gennemgang/);
- a user who in one day opened more than ACCESS_LOG_UNUSUAL_CASES_PER_DAY cases outside
  their own relationships (the purpose was chosen, or the glass broken), counted over the
  whole log, not only the manager's part of it;
- a look-up of a case after the day it was closed (lists excepted: they are not look-ups).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import User

from ..access import may_view_access_log
from ..models import AccessLog, Case, TemporaryCaseAccess

MARK_GLASS = "glass_unreviewed"
MARK_MANY = "many_outside"
MARK_AFTER_CLOSE = "after_close"


@dataclass
class AccessLogRow:
    entry: Any
    marks: list[str] = field(default_factory=list)

    @property
    def is_unusual(self) -> bool:
        return bool(self.marks)


# The log holds nothing older or newer; dates beyond these would overflow once turned to UTC.
EARLIEST, LATEST = date(1900, 1, 1), date(9998, 12, 31)


def local_day_bounds(start: date | None, end: date | None) -> dict[str, datetime]:
    """`created_at` bounds for local days, both included."""
    tz = timezone.get_current_timezone()
    bounds: dict[str, datetime] = {}
    start = None if start is None else min(max(start, EARLIEST), LATEST)
    end = None if end is None else min(max(end, EARLIEST), LATEST)
    if start is not None:
        bounds["created_at__gte"] = datetime.combine(start, time.min, tzinfo=tz)
    if end is not None:
        bounds["created_at__lt"] = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    return bounds


def access_log_visible_to(user: User) -> QuerySet[AccessLog]:
    """The entries the manager may see, newest first, with what the page shows annotated."""
    if not may_view_access_log(user):
        return AccessLog.objects.none()
    unit_id = user.unit_id
    assert unit_id is not None  # may_view_access_log: a manager of a unit
    # One row by its key: no ordering (Case's default one would sort it).
    case = Case.objects.filter(pk=OuterRef("case_id_logged")).order_by()
    unreviewed = TemporaryCaseAccess.objects.filter(
        case_id=OuterRef("case_id_logged"),
        user_id=OuterRef("user_id"),
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        reviewed_at__isnull=True,
    )
    # The page walks the log newest first (the (created_at, id) index) and keeps the entries
    # that pass this test, until it has a page: each test is on the entry's own row, or a
    # look-up by key. The unit's users as a subquery, not through the join with the user (a
    # condition on a joined table would be checked after the join); the case's present team
    # per entry (for the cases that moved to the unit since) and last, not as the set of the
    # team's cases, which a national instance's largest team has 20,000 or more of.
    # (A scalar subquery, not an EXISTS: PostgreSQL would turn an EXISTS into that set.)
    unit_users = User.objects.filter(unit_id=unit_id).values("pk")
    return (
        AccessLog.objects.alias(case_team_now=Subquery(case.values("team_id")[:1]))
        .filter(
            Q(unit_id_logged=unit_id)
            | Q(reader_unit_id_logged=unit_id)
            | Q(user_id__in=unit_users)
            | Q(case_team_now=unit_id)
        )
        .select_related("user__unit")
        .annotate(
            case_number=Subquery(case.values("number")[:1]),
            case_closed_on=Subquery(case.values("closed_on")[:1]),
            glass_unreviewed=Exists(unreviewed),
        )
        .order_by("-created_at", "-pk")
    )


def _outside_own(entry: Any) -> bool:
    return bool(entry.purpose_chosen or entry.break_glass) and entry.case_id_logged is not None


def _many_outside(entries: list[Any]) -> set[tuple[int, date]]:
    """The (user, local day) pairs among `entries` with more than the setting's number of
    cases opened outside the user's own relationships, counted in one query."""
    days = {
        (e.user_id, timezone.localtime(e.created_at).date()) for e in entries if _outside_own(e)
    }
    if not days:
        return set()
    first, last = min(d for _, d in days), max(d for _, d in days)
    tz = timezone.get_current_timezone()
    counted = (
        AccessLog.objects.filter(
            Q(purpose_chosen=True) | Q(break_glass=True),
            user_id__in={u for u, _ in days},
            case_id_logged__isnull=False,
            **local_day_bounds(first, last),
        )
        .annotate(day=TruncDate("created_at", tzinfo=tz))
        .values("user_id", "day")
        .annotate(cases=Count("case_id_logged", distinct=True))
        .filter(cases__gt=settings.ACCESS_LOG_UNUSUAL_CASES_PER_DAY)
    )
    return {(row["user_id"], row["day"]) for row in counted} & days


def access_log_rows(entries: list[Any]) -> list[AccessLogRow]:
    """The entries of one page with their marks (one more query, whatever the page holds)."""
    many = _many_outside(entries)
    rows = []
    for entry in entries:
        marks = []
        if entry.break_glass and entry.glass_unreviewed:
            marks.append(MARK_GLASS)
        day = timezone.localtime(entry.created_at).date()
        if _outside_own(entry) and (entry.user_id, day) in many:
            marks.append(MARK_MANY)
        closed_on = entry.case_closed_on
        if closed_on is not None and day > closed_on and entry.purpose != AccessLog.Purpose.LIST:
            marks.append(MARK_AFTER_CLOSE)
        rows.append(AccessLogRow(entry=entry, marks=marks))
    return rows
