"""The legal follow-ups (BEK 1477/2019 § 4) of the load data's closed social drug treatment
courses: each follow-up due before today mostly has an outcome (held with what was found,
declined, or not reached after three attempts), the rest are open, some with an attempt."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from cases.course_end_reasons import is_followed_up
from cases.guarantee import FOLLOW_UP_MONTHS, add_months
from cases.legal_bases import bases_where
from notifications.models import FollowUp, FollowUpAttempt

from .constants import S
from .content import COURSE_END_REASONS
from .copy import Table
from .plans import CasePlan

FOLLOWED_UP_BASES = frozenset(b.value for b in bases_where("bek1477_follow_up"))
OUTCOMES = ("held", "declined", "not_reached")
OUTCOME_WEIGHTS = (70, 15, 15)
USES = ("drug_free", "reduced", "unchanged", "worse")
USE_WEIGHTS = (30, 35, 25, 10)


def add_follow_ups(
    tables: dict[Any, Table],
    *,
    case_id: int,
    plan: CasePlan,
    status: str,
    at: Callable[[date], datetime],
) -> None:
    """The follow-up rows of one case (none unless its course is a followed-up one)."""
    course = plan.course
    ends = [ep.end for ep in course.episodes if ep.end is not None]
    if status != S.CLOSED or plan.legal_basis not in FOLLOWED_UP_BASES or not ends:
        return
    if plan.caseworker is None or not is_followed_up(COURSE_END_REASONS[course.closed_reason]):
        return
    # The same seed per case: the rows do not depend on the order of writing.
    rng = random.Random(case_id)
    end = plan.inquiry + timedelta(days=max(ends))
    today = plan.inquiry + timedelta(days=plan.cut)
    for months in FOLLOW_UP_MONTHS:
        due = add_months(end, months)
        if due >= today:
            continue
        done = rng.random() < 0.85
        outcome = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0] if done else ""
        done_on = max(end, due - timedelta(days=rng.randint(0, 6)))
        values: dict[str, Any] = {"outcome": outcome}
        if done:
            values.update(done_on=done_on, done_by_id=plan.caseworker)
        if outcome == "held":
            values.update(
                use=rng.choices(USES, USE_WEIGHTS)[0],
                housing=rng.choice(("Egen lejlighed.", "Bor hos familie.", "Herberg.")),
                work=rng.choice(("Ledig.", "I praktik.", "I arbejde.", "Under uddannelse.")),
                network=rng.choice(("Ser familien jævnligt.", "Har få venner uden rusmidler.")),
                needs_new_treatment=rng.random() < 0.1,
            )
        follow_up_id = tables[FollowUp].add(
            case_id=case_id, due_kind=f"{months}m", course_end_on=end, **values
        )
        attempts = 3 if outcome == "not_reached" else (1 if done or rng.random() < 0.5 else 0)
        for n in range(attempts):
            day = min(done_on - timedelta(days=2 * (attempts - 1 - n)), today)
            tables[FollowUpAttempt].add(
                follow_up_id=follow_up_id,
                attempted_on=max(day, end),
                attempted_by_id=plan.caseworker,
                note="Ringet op." if outcome != "not_reached" else "Intet svar.",
                created_at=at(max(day, end)),
            )
