"""The legal follow-up after a course (BEK 1477/2019 § 4) on a demo case: Ida's SEL § 101 course
ended long ago; the 1-month follow-up was held (with what was found), the 6-month one was
recorded as not reached after the team's three dated attempts."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from cases.guarantee import add_months
from cases.models import Case
from notifications.follow_ups import follow_up_attempt_add, follow_up_outcome_record
from notifications.selectors import followed_up_course_end_of

from .courses import _at


def seed_follow_ups() -> None:
    case = Case.objects.filter(citizen__first_name="Ida").order_by("-pk").first()
    if case is None or case.caseworker is None:
        return
    end = followed_up_course_end_of(case=case)
    if end is None:
        return
    worker = case.caseworker
    one = add_months(end, 1) - timedelta(days=3)
    with time_machine.travel(_at(one, 11), tick=False):
        follow_up_attempt_add(
            actor=worker, case=case, due_kind="1m", attempted_on=one, note="Telefonsamtale aftalt"
        )
        follow_up_outcome_record(
            actor=worker,
            case=case,
            due_kind="1m",
            outcome="held",
            done_on=one,
            use="reduced",
            housing="Bor stadig i egen lejlighed.",
            work="I praktik 20 timer om ugen.",
            network="Ser sin søster hver uge.",
        )
    six = add_months(end, 6)
    for days_before in (6, 4, 1):
        with time_machine.travel(_at(six - timedelta(days=days_before), 10), tick=False):
            follow_up_attempt_add(
                actor=worker,
                case=case,
                due_kind="6m",
                attempted_on=six - timedelta(days=days_before),
                note="Ingen svar på telefon; sms sendt.",
            )
    with time_machine.travel(_at(six, 15), tick=False):
        follow_up_outcome_record(
            actor=worker, case=case, due_kind="6m", outcome="not_reached", done_on=six
        )
