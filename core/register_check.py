"""The register check list's reminder (DESIGN §6, §7): on the 5th of each month, and again on
the third working day before the 15th, the managers of each municipal team hear how many of the
previous month's rows cannot be reported yet, with a link to the list. The rows come from
reports (the extracts' own); the reminder from notifications. Neither may import the other, so
the rule lives here, above both, and is registered with the sweep in CoreConfig.ready().

The message holds a month and a count, no case or person, so it may be e-mailed."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import ngettext

from accounts.models import Unit
from notifications import thresholds as th
from notifications.models import Rule
from notifications.pending import Pending
from notifications.rules import RuleContext
from notifications.rules.context import managers_by_team, pending
from notifications.rules.messages import day_text
from reports import selectors
from reports.formatting import da_month
from reports.register_checks import DEADLINE_DAY, notice_days, reported_month


def _notice_due(today: date) -> str | None:
    """Which notice is due today: the last notice day passed this month, until the deadline
    (a sweep that was down on the day catches up, and only the latest notice is sent)."""
    first, second = notice_days(today.year, today.month)
    if today.day > DEADLINE_DAY or today < first:
        return None
    return "before_deadline" if today >= second else "fifth"


def register_check_rule(ctx: RuleContext) -> list[Pending]:
    today = ctx.today
    notice = _notice_due(today)
    if notice is None:
        return []
    month_start = reported_month(today)
    period = selectors.month_period(month_start)
    deadline = today.replace(day=DEADLINE_DAY)
    teams = list(Unit.objects.filter(kind=Unit.Kind.MUNICIPAL_TEAM).only("pk"))
    managers = managers_by_team({team.pk for team in teams})
    result: list[Pending] = []
    for team in teams:
        if not managers.get(team.pk):
            continue
        count = len(selectors.register_check_rows(unit=team, period=period))
        if not count:
            continue
        message = ngettext(
            "Registertjekliste for %(month)s: %(count)s forløb kan ikke indberettes endnu "
            "(frist %(date)s).",
            "Registertjekliste for %(month)s: %(count)s forløb kan ikke indberettes endnu "
            "(frist %(date)s).",
            count,
        ) % {"month": da_month(month_start), "count": count, "date": day_text(deadline)}
        url = reverse("reports:register_check", kwargs={"unit_id": team.pk})
        result += pending(
            ctx,
            managers[team.pk],
            rule=Rule.REGISTER_CHECK,
            model=Unit,
            subject_id=team.pk,
            case_id=None,
            threshold=th.key(f"{month_start:%Y-%m}:{notice}", deadline),
            message=message,
            url=f"{url}?{urlencode({'maaned': f'{month_start:%Y-%m}'})}",
        )
    return result
