"""The treatment guarantee's reminders: deadline in 7, 3 and 1 days, and breached."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from django.utils.translation import ngettext

from cases.guarantee import GuaranteeStatus
from cases.models import CaseStatus, TreatmentRequest
from cases.selectors import guarantee_status_expression

from .. import thresholds as th
from ..models import Rule
from ..pending import Pending
from .context import RuleContext, managers_by_team, pending
from .links import case_url
from .messages import _, day_text


def guarantee_rule(ctx: RuleContext) -> list[Pending]:
    """Guarantee deadline in 7, 3 and 1 days (caseworker) and breached (caseworker and the
    team's managers), per treatment request (DESIGN §3: each request has its clock; the
    request is the notification's subject, so it is in the uniqueness key). Requests of open
    cases whose treatment has not started; a free choice in time waives the deadline (SEL
    § 101 stk. 6) and anonymous/regional requests have none."""
    today, t = ctx.today, ctx.thresholds
    # The last reminder comes on the working day before its normal day (DESIGN §6), so it can
    # reach further ahead than the first one.
    horizon = max(
        today + timedelta(days=max(t.guarantee_days_before)),
        th.reminded_deadlines_until(today, min(t.guarantee_days_before)),
    )
    oldest = today - timedelta(days=t.catch_up_days + 1)
    # The guarantee status the case lists show (one SQL expression, cases.selectors): running
    # or breached; only cases whose treatment has not been registered at all are reminded.
    # The deadline filters leave out cases without a deadline: every row has a date.
    rows = cast(
        list[tuple[int, int, date, int | None, int]],
        list(
            TreatmentRequest.objects.exclude(case__status=CaseStatus.CLOSED)
            .filter(
                treatment_started_on__isnull=True,
                guarantee_deadline__gte=oldest,
                guarantee_deadline__lte=horizon,
            )
            .alias(guarantee_status=guarantee_status_expression(today))
            .filter(guarantee_status__in=[GuaranteeStatus.RUNNING, GuaranteeStatus.BREACHED])
            .values_list(
                "pk", "case_id", "guarantee_deadline", "case__caseworker_id", "case__team_id"
            )
        ),
    )
    managers = managers_by_team({row[4] for row in rows if row[2] < today})
    result: list[Pending] = []
    for request_pk, pk, deadline, caseworker_id, team_id in rows:
        days_left = (deadline - today).days
        if days_left < 0:  # breached: the deadline has passed without a start
            if not th.within_catch_up(deadline + timedelta(days=1), today, t):
                continue
            result += pending(
                ctx,
                [caseworker_id, *managers.get(team_id, [])],
                rule=Rule.GUARANTEE_BREACHED,
                model=TreatmentRequest,
                subject_id=request_pk,
                case_id=pk,
                threshold=th.key("breached", deadline),
                message=_("Behandlingsgarantien er overskredet: fristen var %(date)s.")
                % {"date": day_text(deadline)},
                url=case_url(pk),
            )
            continue
        reached = th.due_threshold(deadline, today, t.guarantee_days_before)
        if reached is None:
            continue
        result += pending(
            ctx,
            [caseworker_id],
            rule=Rule.GUARANTEE_DUE,
            model=TreatmentRequest,
            subject_id=request_pk,
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
