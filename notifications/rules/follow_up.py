"""The legal follow-up after the course (BEK 1477/2019 § 4): 1 and 6 months after it ended."""

from __future__ import annotations

from datetime import timedelta

from cases.guarantee import FOLLOW_UP_MONTHS, add_months
from cases.models import Case

from .. import thresholds as th
from ..models import FollowUp, Rule
from ..pending import Pending
from ..selectors import course_end_cases
from .context import RuleContext, pending
from .links import case_url
from .messages import _, day_text


def follow_up_rule(ctx: RuleContext) -> list[Pending]:
    """Legal follow-up 1 and 6 months after the course ended: reminded 7 days before the due
    date (or the last working day before that day) and when it is overdue, until a FollowUp for
    that course end is recorded."""
    today, t = ctx.today, ctx.thresholds
    # Widest window in which any follow-up reminder can fire: the 1-month one can be due from
    # 28 days after the end, the 6-month one up to 184 days after it, plus the catch-up.
    ended_to = th.reminded_deadlines_until(today, t.follow_up_days_before) - timedelta(days=28)
    ended_from = today - timedelta(days=184 + t.catch_up_days + 1)
    rows = list(
        course_end_cases(ended_from=ended_from, ended_to=ended_to).values_list(
            "pk", "course_end", "caseworker_id"
        )
    )
    done = set(
        FollowUp.objects.filter(case_id__in=[pk for pk, _end, _cw in rows]).values_list(
            "case_id", "due_kind", "course_end_on"
        )
    )
    result: list[Pending] = []
    for pk, course_end, caseworker_id in rows:
        # BEK 1477/2019 § 4: 1 and 6 months, fixed by law (cases.guarantee); only how early
        # the reminder comes is a setting.
        for months in FOLLOW_UP_MONTHS:
            due_kind = f"{months}m"
            if (pk, due_kind, course_end) in done:
                continue
            due_on = add_months(course_end, months)
            if today > due_on:
                if not th.within_catch_up(due_on, today, t):
                    continue
                rule, label = Rule.FOLLOW_UP_OVERDUE, f"{due_kind}:overdue"
                message = _(
                    "Opfølgning %(months)s md. efter afsluttet forløb var forfalden %(date)s "
                    "(BEK 1477/2019 § 4)."
                )
            elif today >= th.reminder_day(due_on, t.follow_up_days_before):
                rule, label = Rule.FOLLOW_UP_DUE, f"{due_kind}:{t.follow_up_days_before}d"
                message = _(
                    "Opfølgning %(months)s md. efter afsluttet forløb skal ske senest %(date)s "
                    "(BEK 1477/2019 § 4)."
                )
            else:
                continue
            result += pending(
                ctx,
                [caseworker_id],
                rule=rule,
                model=Case,
                subject_id=pk,
                case_id=pk,
                threshold=th.key(label, due_on),
                message=message % {"months": months, "date": day_text(due_on)},
                url=case_url(pk),
            )
    return result
