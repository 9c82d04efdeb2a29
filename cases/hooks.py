"""Where the apps above cases join in, without cases importing them (STYLE §3b).

cases sits low in the order (accounts → cases → treatment_options → transitions →
notifications, reports). It names its moments and the points where it collects contributions
here; the higher apps register themselves in their AppConfig.ready():

- `case_holders`: who else holds a case (an institution with an open episode, the therapists
  named on a handover). `cases.access` turns them into grants and stays the only module that
  writes grants.
- `after_course_holders`: who holds a case, closed or not, after its course ended (the provider
  whose therapists hold the legal follow-up).
- `my_cases_filters`: what else makes a case one of "my cases" on the start page.
- `timeline_sources`: other apps' items on the case's timeline.
- `case_page_panels`: panels on the case page, shown in the order they were registered.
- `move_guards`: lifecycle guards (`lifecycle.GUARD_*`) that another app's rows decide.
- `glass_broken`: a signal, sent when a user breaks the glass.
- `glass_reviewed`: a signal, sent when a manager closes the review of a use.
- `last_episode_end`: the latest end of a case's episodes (the course cannot end before it).
- `course_facts`: other apps' dated facts on the case page's course strip (cases.course_strip).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.dispatch import Signal

if TYPE_CHECKING:
    from django.db.models import Q

    from .course_strip import CourseFact
    from .models import Case, CaseEvent
    from .page import CasePage
    from .selectors.timeline import TimelineEntry


class Registry[T]:
    """Contributions from higher apps, filled in their AppConfig.ready()."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[T] = []

    def register(self, item: T) -> T:
        # Idempotent, like a signal's dispatch_uid: a second ready() must not count twice.
        if item not in self._items:
            self._items.append(item)
        return item

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._items)} item(s)>"


@dataclass(frozen=True)
class CaseHolders:
    """Users and groups (a unit's group) that hold a case: each gets read and write grants.
    Empty ids (None) are skipped."""

    user_ids: tuple[int | None, ...] = ()
    group_ids: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class CasePagePanel:
    """A panel on the case page: `template_name` is included with `panel` set to
    `context(page)`. The page (`cases.page.CasePage`) holds the case, the reader and the rows
    read once for all panels: a panel derives what it can from them (issue 17)."""

    template_name: str
    context: Callable[[CasePage], dict[str, Any]]


@dataclass(frozen=True)
class MoveGuard:
    """A guard of the lifecycle table (`lifecycle.GUARD_*`) that another app decides:
    `problem(case)` says why it refuses the move now (Danish), or None."""

    guard: str
    problem: Callable[[Case], str | None]


# Events that record an act on another app's object (an episode's start or end), keyed by
# (object id, event kind). A timeline source that shows the act takes (pops) its event; the
# events left over are shown as plain events.
RecordedEvents = dict[tuple[int, str], "CaseEvent"]

# Asked only for a case that is not closed: a closed case has no treatment relationships left.
case_holders: Registry[Callable[[Case], CaseHolders]] = Registry("case_holders")
# Asked for every case, closed or not: who holds it after its course ended (the provider whose
# therapists hold the legal follow-up, BEK 1477/2019 § 4, while it is open; notifications).
after_course_holders: Registry[Callable[[Case], CaseHolders]] = Registry("after_course_holders")
# `(user) -> Q` on Case, OR-ed with "assigned to the user".
my_cases_filters: Registry[Callable[[Any], Q]] = Registry("my_cases_filters")
timeline_sources: Registry[Callable[[Case, RecordedEvents], list[TimelineEntry]]] = Registry(
    "timeline_sources"
)
case_page_panels: Registry[CasePagePanel] = Registry("case_page_panels")
move_guards: Registry[MoveGuard] = Registry("move_guards")
# `(case) -> date | None`: the latest actual end of the case's episodes (treatment_options).
last_episode_end: Registry[Callable[[Case], date | None]] = Registry("last_episode_end")
# `(page) -> [CourseFact]`: the handover's discharge, first outpatient appointment and
# contact, and check-ins on the case page's course strip (`page` is the cases.page.CasePage,
# whose shared rows the panels reuse). A fixed number of queries per source: the case page's
# query count must not grow with the rows.
course_facts: Registry[Callable[[CasePage], list[CourseFact]]] = Registry("course_facts")

# Sent with case=, access= (the TemporaryCaseAccess) and actor=, synchronously inside
# case_break_glass's transaction, so that what a receiver writes commits or rolls back with
# the grant.
glass_broken = Signal()
# Sent with access= (the reviewed TemporaryCaseAccess) and actor= (the manager), synchronously
# inside break_glass_review's transaction: the review task is closed where it was handed out
# (notifications marks the reviewers' notifications of the use read).
glass_reviewed = Signal()
