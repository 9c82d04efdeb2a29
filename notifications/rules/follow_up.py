"""The legal follow-up after the course (BEK 1477/2019 § 4): 1 and 6 months after it ended.

Which courses (DESIGN §3.1): social drug treatment only, and not after a death or a move away.
- The basis is read per episode: an episode's request's basis (the case's basis for a legacy
  episode without a request). A course is followed up when any of its episodes served a basis
  with `bek1477_follow_up` (cases.legal_bases): a combination case (SEL § 101 + SUL § 142) is
  followed up for its social part; a § 101 a, SUL § 141 or SUL § 142-only course is not.
- The end reason is the case's `course_end_reason` (cases.course_end_reasons); a blank one (all
  episodes ended, the case not yet closed) is followed up.
- The course end is the selector's: the latest episode end once none is open, so a course that
  went on in another offer is followed up from the end of the last one.

Who (the municipal team's `follow_up_by`): the caseworker, or the therapists of the provider of
the last episode (its unit's members with a therapist role; the caseworker when there is none).
When the follow-up is overdue the caseworker is always told too.

A follow-up with an outcome (held, declined, not reached) stops its reminders; an open one (only
attempts so far) does not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from accounts.models import FollowUpBy, User
from accounts.roles import THERAPIST_ROLES
from cases.guarantee import FOLLOW_UP_MONTHS, add_months
from cases.models import Case

from .. import thresholds as th
from ..models import FollowUp, Rule
from ..pending import Pending
from ..selectors import followed_up_course_ends, last_provider_units
from .context import RuleContext, pending
from .links import case_url
from .messages import _, day_text


def provider_therapists(case_ids: Iterable[int]) -> dict[int, list[int]]:
    """Per case, the therapists of the provider of its last episode: the active members of the
    provider's unit with a therapist role."""
    last_unit = last_provider_units(case_ids)
    units = {u for u in last_unit.values() if u is not None}
    members: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in (
        User.objects.filter(
            unit_id__in=units, is_active=True, groups__name__in=[r.value for r in THERAPIST_ROLES]
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", "unit_id")
    ):
        members[unit_id].append(user_id)
    return {
        case_id: members.get(unit_id, []) if unit_id is not None else []
        for case_id, unit_id in last_unit.items()
    }


def follow_up_rule(ctx: RuleContext) -> list[Pending]:
    """Legal follow-up 1 and 6 months after the course ended: reminded 7 days before the due
    date (or the last working day before that day) and when it is overdue, until the follow-up
    for that course end has an outcome."""
    today, t = ctx.today, ctx.thresholds
    # Widest window in which any follow-up reminder can fire: the 1-month one can be due from
    # 28 days after the end, the 6-month one up to 184 days after it, plus the catch-up.
    ended_to = th.reminded_deadlines_until(today, t.follow_up_days_before) - timedelta(days=28)
    ended_from = today - timedelta(days=184 + t.catch_up_days + 1)
    rows = followed_up_course_ends(ended_from=ended_from, ended_to=ended_to)
    if not rows:
        return []
    case_ids = [pk for pk, _end, _team in rows]
    # Done: the outcome is recorded (an open follow-up, attempts only, is still reminded).
    done = set(
        FollowUp.objects.filter(case_id__in=case_ids)
        .exclude(outcome="")
        .values_list("case_id", "due_kind", "course_end_on")
    )
    caseworkers = dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "caseworker_id"))
    by_therapist = set(
        Case.objects.filter(
            pk__in=case_ids, team__follow_up_by=FollowUpBy.PROVIDER_THERAPIST
        ).values_list("pk", flat=True)
    )
    therapists = provider_therapists(by_therapist) if by_therapist else {}
    result: list[Pending] = []
    for pk, course_end, _team in rows:
        caseworker_id = caseworkers.get(pk)
        holders: list[int | None] = list(therapists.get(pk, [])) if pk in by_therapist else []
        holders = holders or [caseworker_id]
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
                # The caseworker is always told when it is overdue.
                recipients = [*holders, caseworker_id]
            elif today >= th.reminder_day(due_on, t.follow_up_days_before):
                rule, label = Rule.FOLLOW_UP_DUE, f"{due_kind}:{t.follow_up_days_before}d"
                message = _(
                    "Opfølgning %(months)s md. efter afsluttet forløb skal ske senest %(date)s "
                    "(BEK 1477/2019 § 4)."
                )
                recipients = holders
            else:
                continue
            result += pending(
                ctx,
                recipients,
                rule=rule,
                model=Case,
                subject_id=pk,
                case_id=pk,
                threshold=th.key(label, due_on),
                message=message % {"months": months, "date": day_text(due_on)},
                # Straight to the follow-up's forms on the case page.
                url=f"{case_url(pk)}#opfoelgning-{due_kind}",
            )
    return result
