"""The reminders of access requests and complaints (DESIGN §6), swept with the others: rules
of notifications' registry, registered in RightsConfig.ready().

- An open access request: 2 working days before its answer deadline, and from the deadline's
  day on (offentlighedsloven § 36 / GDPR art. 12(3)), to its handler (the case's caseworker
  when none is named) and the managers of the case's team.
- An open complaint not reconsidered 4 weeks after its receipt (retssikkerhedsloven § 67): to
  the case's caseworker and the team's managers. A complaint forwarded to Ankestyrelsen is
  reconsidered, and no longer reminds.

Each reminder is made once: the threshold key carries the date it counts from, and the
notification's unique constraint makes the next sweep's insert of the same row a no-op. The
messages name the kind of deadline and its date only, never the citizen (they may be e-mailed).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext as _

from cases.working_days import add_working_days
from notifications import thresholds as th
from notifications.models import Rule
from notifications.pending import Pending
from notifications.rules import RuleContext, case_url
from notifications.rules.context import managers_by_team, pending
from notifications.rules.messages import day_text

from .deadlines import (
    COMPLAINT_RECONSIDER_DAYS,
    REMIND_WORKING_DAYS_BEFORE,
    access_reminder_due,
    complaint_reminder_from,
)
from .models import AccessRequest, Complaint


def access_request_rule(ctx: RuleContext) -> list[Pending]:
    """Open access requests whose deadline is near (2 working days) or reached."""
    today, t = ctx.today, ctx.thresholds
    # Every deadline that may be 2 working days away or less: the working days ahead reach no
    # further than the working day 2 working days after today.
    reach = add_working_days(today, REMIND_WORKING_DAYS_BEFORE)
    rows = list(
        AccessRequest.objects.filter(
            status=AccessRequest.Status.OPEN,
            deadline_on__lte=reach,
            deadline_on__gte=today - timedelta(days=t.catch_up_days),
        ).values_list(
            "pk", "case_id", "deadline_on", "handled_by_id", "case__caseworker_id", "case__team_id"
        )
    )
    managers = managers_by_team({team_id for *_, team_id in rows if team_id})
    result: list[Pending] = []
    for pk, case_id, deadline, handler_id, caseworker_id, team_id in rows:
        due = access_reminder_due(deadline, today)
        if due is None:
            continue
        if due == "due":
            message = _("En anmodning om aktindsigt skal besvares senest i dag (%(date)s).")
        else:
            message = _("En anmodning om aktindsigt skal besvares senest %(date)s.")
        result += pending(
            ctx,
            [handler_id or caseworker_id, *managers.get(team_id, [])],
            rule=Rule.ACCESS_REQUEST_DUE,
            model=AccessRequest,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(due, deadline),
            message=message % {"date": day_text(deadline)},
            url=case_url(case_id),
        )
    return result


def complaint_rule(ctx: RuleContext) -> list[Pending]:
    """Open complaints received 4 weeks ago or more, not yet reconsidered."""
    today, t = ctx.today, ctx.thresholds
    latest_received = today - timedelta(days=COMPLAINT_RECONSIDER_DAYS)
    rows = list(
        Complaint.objects.filter(
            status=Complaint.Status.OPEN,
            received_on__lte=latest_received,
            received_on__gte=latest_received - timedelta(days=t.catch_up_days),
        ).values_list("pk", "case_id", "received_on", "case__caseworker_id", "case__team_id")
    )
    managers = managers_by_team({team_id for *_, team_id in rows if team_id})
    result: list[Pending] = []
    for pk, case_id, received_on, caseworker_id, team_id in rows:
        result += pending(
            ctx,
            [caseworker_id, *managers.get(team_id, [])],
            rule=Rule.COMPLAINT_OPEN,
            model=Complaint,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key("4w", received_on),
            message=_(
                "En klage modtaget %(date)s er ikke genvurderet efter 4 uger "
                "(retssikkerhedsloven § 67). Frist: %(deadline)s."
            )
            % {
                "date": day_text(received_on),
                "deadline": day_text(complaint_reminder_from(received_on)),
            },
            url=case_url(case_id),
        )
    return result
