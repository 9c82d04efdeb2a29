"""The treatment guarantee's reminders: deadline in 7, 3 and 1 days, and breached."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import cast

from django.contrib.auth import get_user_model
from django.utils.translation import ngettext

from accounts.roles import Role
from cases.guarantee import GuaranteeStatus
from cases.models import Case
from cases.selectors import guarantee_status_expression

from .. import thresholds as th
from ..models import Rule
from ..pending import Pending
from .context import RuleContext, open_cases, pending
from .links import case_url
from .messages import _, day_text


def _managers_by_team(team_ids: set[int]) -> dict[int, list[int]]:
    """Active managers of each team: one query for all teams."""
    result: dict[int, list[int]] = defaultdict(list)
    if not team_ids:
        return result
    rows = (
        get_user_model()
        .objects.filter(unit_id__in=team_ids, is_active=True, groups__name=Role.MANAGER.value)
        .values_list("unit_id", "pk")
        .distinct()
    )
    for unit_id, user_id in rows:
        result[unit_id].append(user_id)
    return result


def guarantee_rule(ctx: RuleContext) -> list[Pending]:
    """Guarantee deadline in 7, 3 and 1 days (caseworker) and breached (caseworker and the
    team's managers). Open cases whose treatment has not started; a free choice waives the
    deadline (SEL § 101 stk. 6) and anonymous/regional cases have none."""
    today, t = ctx.today, ctx.thresholds
    horizon = today + timedelta(days=max(t.guarantee_days_before))
    oldest = today - timedelta(days=t.catch_up_days + 1)
    # The guarantee status the case lists show (one SQL expression, cases.selectors): running
    # or breached; only cases whose treatment has not been registered at all are reminded.
    # The deadline filters leave out cases without a deadline: every row has a date.
    rows = cast(
        list[tuple[int, date, int | None, int]],
        list(
            Case.objects.filter(
                open_cases(),
                treatment_started_on__isnull=True,
                guarantee_deadline__gte=oldest,
                guarantee_deadline__lte=horizon,
            )
            .alias(guarantee_status=guarantee_status_expression(today))
            .filter(guarantee_status__in=[GuaranteeStatus.RUNNING, GuaranteeStatus.BREACHED])
            .values_list("pk", "guarantee_deadline", "caseworker_id", "team_id")
        ),
    )
    managers = _managers_by_team({team for _pk, deadline, _cw, team in rows if deadline < today})
    result: list[Pending] = []
    for pk, deadline, caseworker_id, team_id in rows:
        days_left = (deadline - today).days
        if days_left < 0:  # breached: the deadline has passed without a start
            if not th.within_catch_up(deadline + timedelta(days=1), today, t):
                continue
            result += pending(
                ctx,
                [caseworker_id, *managers.get(team_id, [])],
                rule=Rule.GUARANTEE_BREACHED,
                model=Case,
                subject_id=pk,
                case_id=pk,
                threshold=th.key("breached", deadline),
                message=_("Behandlingsgarantien er overskredet: fristen var %(date)s.")
                % {"date": day_text(deadline)},
                url=case_url(pk),
            )
            continue
        reached = th.countdown_threshold(days_left, t.guarantee_days_before)
        if reached is None:
            continue
        result += pending(
            ctx,
            [caseworker_id],
            rule=Rule.GUARANTEE_DUE,
            model=Case,
            subject_id=pk,
            case_id=pk,
            threshold=th.key(f"{reached}d", deadline),
            message=(
                _(
                    "Behandlingsgarantien udløber i dag, %(date)s: "
                    "behandlingen skal iværksættes i dag."
                )
                if days_left == 0
                else ngettext(
                    "Behandlingsgarantien udløber om %(days)s dag: behandling skal være "
                    "iværksat senest %(date)s.",
                    "Behandlingsgarantien udløber om %(days)s dage: behandling skal være "
                    "iværksat senest %(date)s.",
                    days_left,
                )
            )
            % {"days": days_left, "date": day_text(deadline)},
            url=case_url(pk),
        )
    return result
