"""The treatment's reminders: an episode without a treatment plan, a drug case without a
doctor's consultation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import cast

from django.db.models import F

from cases.legal_bases import bases_where
from cases.models import Case, CaseStatus, TreatmentRequest
from treatment_options.models import Episode

from .. import thresholds as th
from ..models import Rule
from ..pending import Pending
from .context import RuleContext, open_cases, pending
from .links import case_url
from .messages import _, day_text


def treatment_plan_rule(ctx: RuleContext) -> list[Pending]:
    """An episode started 7 days ago or more, still running, without a treatment plan
    (SEL § 101 stk. 8: the plan is made at the start of treatment)."""
    today, t = ctx.today, ctx.thresholds
    days = t.treatment_plan_days
    # actual_start__isnull=False: every row has a start date.
    rows = cast(
        Iterable[tuple[int, int, date, int | None]],
        Episode.objects.filter(
            actual_start__isnull=False,
            actual_end__isnull=True,
            # SEL § 101 stk. 8: no TreatmentPlan (no version saved) for the episode.
            treatment_plan__isnull=True,
            actual_start__lte=today - timedelta(days=days),
            actual_start__gte=today - timedelta(days=days + t.catch_up_days),
            case__in=Case.objects.filter(open_cases()),
        ).values_list("pk", "case_id", "actual_start", "case__caseworker_id"),
    )
    result: list[Pending] = []
    for pk, case_id, started_on, caseworker_id in rows:
        result += pending(
            ctx,
            [caseworker_id],
            rule=Rule.NO_TREATMENT_PLAN,
            model=Episode,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{days}d", started_on),
            message=_(
                "Et forløb startet %(date)s har endnu ingen behandlingsplan (SEL § 101, stk. 8)."
            )
            % {"date": day_text(started_on)},
            url=case_url(case_id),
        )
    return result


def doctor_consultation_rule(ctx: RuleContext) -> list[Pending]:
    """A drug request (every basis that offers the doctor's consultation: SEL § 101, BL § 33,
    SUL § 142) whose treatment started without the consultation held or declined on or before
    the start (SUL § 142 stk. 1-2, offered to everyone seeking drug treatment). Per request:
    the request is the subject. Reminded from the day treatment started."""
    today, t = ctx.today, ctx.thresholds
    started = F("treatment_started_on")
    # The treatment_started_on filters leave out requests not started: every row has a date.
    rows = cast(
        Iterable[tuple[int, int, date, int | None]],
        TreatmentRequest.objects.exclude(case__status=CaseStatus.CLOSED)
        .filter(
            legal_basis__in=sorted(bases_where("doctor_consultation_offered")),
            treatment_started_on__lte=today,
            treatment_started_on__gte=today - timedelta(days=t.catch_up_days),
        )
        .exclude(doctor_consultation_held_on__lte=started)
        .exclude(doctor_consultation_declined_on__lte=started)
        .exclude(case__doctor_consultation_on__lte=started)
        .values_list("pk", "case_id", "treatment_started_on", "case__caseworker_id"),
    )
    result: list[Pending] = []
    for request_pk, pk, started_on, caseworker_id in rows:
        result += pending(
            ctx,
            [caseworker_id],
            rule=Rule.NO_DOCTOR_CONSULTATION,
            model=TreatmentRequest,
            subject_id=request_pk,
            case_id=pk,
            threshold=th.key("started", started_on),
            message=_(
                "Behandling for stofmisbrug iværksat %(date)s, uden at lægesamtalen er holdt "
                "eller afslået før start (SUL § 142, stk. 1-2)."
            )
            % {"date": day_text(started_on)},
            url=case_url(pk),
        )
    return result
