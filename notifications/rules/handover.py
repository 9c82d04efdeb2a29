"""The handover's reminders: check-ins, action items, discharge without appointment or not
ready, and no outpatient contact after discharge."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, cast

from django.db.models import Exists, OuterRef, Q

from cases.models import Case
from transitions.models import ActionItem, CheckIn, StatusMeeting, StatusNote, Transition

from .. import thresholds as th
from ..models import Rule
from ..pending import Pending
from .context import RuleContext, open_cases, pending
from .links import case_url, transition_url
from .messages import _, day_text

# Transitions whose handover is still to happen (discharge rules) or that are alive at all.
_BEFORE_DISCHARGE = (Transition.Status.PLANNING, Transition.Status.READY)
_CANCELLED = Transition.Status.CANCELLED


def checkin_rule(ctx: RuleContext) -> list[Pending]:
    """A check-in is due (on its day, or the last working day before it) and 3 days overdue,
    while unanswered. The course's check-ins (§5.10): after a residential stay the outpatient
    therapist named on the handover is reminded (else the caseworker); on an outpatient-only
    course, with no handover, the caseworker."""
    today, t = ctx.today, ctx.thresholds
    rows = (
        CheckIn.objects.filter(
            answered_at__isnull=True,
            due_on__lte=th.reminded_deadlines_until(today, 0),
            due_on__gte=today - timedelta(days=t.catch_up_days),
            case__in=Case.objects.filter(open_cases()),
        )
        # Kept: check-ins without a transition (exclude() keeps the NULL side of the join).
        .exclude(transition__status=_CANCELLED)
        .values_list(
            "pk",
            "due_on",
            "transition_id",
            "case_id",
            "transition__outpatient_therapist_id",
            "case__caseworker_id",
        )
    )
    result: list[Pending] = []
    for pk, due_on, transition_id, case_id, therapist_id, caseworker_id in rows:
        overdue = (today - due_on).days >= t.checkin_overdue_days
        result += pending(
            ctx,
            [therapist_id or caseworker_id],
            rule=Rule.CHECKIN_OVERDUE if overdue else Rule.CHECKIN_DUE,
            model=CheckIn,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{t.checkin_overdue_days}d" if overdue else "due", due_on),
            message=(
                _("Et tjek-ind planlagt %(date)s er ikke gennemført.")
                if overdue
                else _("Et tjek-ind skal gennemføres (planlagt %(date)s).")
            )
            % {"date": day_text(due_on)},
            url=transition_url(case_id, transition_id)
            if transition_id is not None
            else f"{case_url(case_id)}#tjek-ind",
        )
    return result


def action_item_rule(ctx: RuleContext) -> list[Pending]:
    """An action item due in 2 days (owner; from the last working day before that day when it
    is a weekend day or a holiday), and overdue. The course's items: a handover's, and an
    outpatient-only course's check-in follow-ups (no transition; linked to the case page)."""
    today, t = ctx.today, ctx.thresholds
    rows = (
        ActionItem.objects.filter(
            done_at__isnull=True,
            owner__isnull=False,
            due_on__lte=th.reminded_deadlines_until(today, t.action_due_days_before),
            due_on__gte=today - timedelta(days=t.catch_up_days),
            case__in=Case.objects.filter(open_cases()),
        )
        # Kept: items without a transition (exclude() keeps the NULL side of the join).
        .exclude(transition__status=_CANCELLED)
        .values_list("pk", "due_on", "owner_id", "transition_id", "case_id")
    )
    result: list[Pending] = []
    for pk, due_on, owner_id, transition_id, case_id in rows:
        overdue = due_on < today
        result += pending(
            ctx,
            [owner_id],
            rule=Rule.ACTION_OVERDUE if overdue else Rule.ACTION_DUE,
            model=ActionItem,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key("overdue" if overdue else f"{t.action_due_days_before}d", due_on),
            message=(
                _("En handling med frist %(date)s er ikke udført.")
                if overdue
                else _("En handling, du er ansvarlig for, har frist %(date)s.")
            )
            % {"date": day_text(due_on)},
            url=transition_url(case_id, transition_id)
            if transition_id is not None
            else f"{case_url(case_id)}#tjek-ind",
        )
    return result


def _transitions_before_discharge(ctx: RuleContext, days_before: int) -> Any:
    """Handovers whose planned discharge is reminded today, `days_before` days ahead (or from
    the last working day before that day)."""
    today = ctx.today
    return Transition.objects.filter(
        status__in=_BEFORE_DISCHARGE,
        discharged_on__isnull=True,
        planned_discharge_on__gte=today,
        planned_discharge_on__lte=th.reminded_deadlines_until(today, days_before),
        case__in=Case.objects.filter(open_cases()),
    )


_HANDOVER_PEOPLE = (
    "case__caseworker_id",
    "residential_therapist_id",
    "outpatient_therapist_id",
)


def discharge_no_appointment_rule(ctx: RuleContext) -> list[Pending]:
    """Discharge in 7 days and no first outpatient appointment booked."""
    days = ctx.thresholds.discharge_no_appointment_days_before
    rows = (
        _transitions_before_discharge(ctx, days)
        .filter(first_appointment_at__isnull=True)
        .values_list("pk", "case_id", "planned_discharge_on", *_HANDOVER_PEOPLE)
    )
    result: list[Pending] = []
    for pk, case_id, discharge_on, *people in rows:
        result += pending(
            ctx,
            people,
            rule=Rule.DISCHARGE_NO_APPOINTMENT,
            model=Transition,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{days}d", discharge_on),
            message=_(
                "Udskrivning planlagt %(date)s: der er ikke booket en første ambulant aftale."
            )
            % {"date": day_text(discharge_on)},
            url=transition_url(case_id, pk),
        )
    return result


def discharge_not_ready_rule(ctx: RuleContext) -> list[Pending]:
    """Discharge in 3 days and no before-discharge status note, or no status meeting held."""
    days = ctx.thresholds.discharge_not_ready_days_before
    has_note = StatusNote.objects.filter(
        transition=OuterRef("pk"), kind=StatusNote.Kind.BEFORE_DISCHARGE
    )
    has_meeting = StatusMeeting.objects.filter(transition=OuterRef("pk"), held=True)
    rows = (
        _transitions_before_discharge(ctx, days)
        .annotate(has_note=Exists(has_note), has_meeting=Exists(has_meeting))
        .filter(Q(has_note=False) | Q(has_meeting=False))
        .values_list(
            "pk", "case_id", "planned_discharge_on", "has_note", "has_meeting", *_HANDOVER_PEOPLE
        )
    )
    result: list[Pending] = []
    for pk, case_id, discharge_on, note, meeting, *people in rows:
        missing = [
            text
            for text, present in (
                (_("statusnotat før udskrivning"), note),
                (_("afholdt statusmøde"), meeting),
            )
            if not present
        ]
        result += pending(
            ctx,
            people,
            rule=Rule.DISCHARGE_NOT_READY,
            model=Transition,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{days}d", discharge_on),
            message=_("Udskrivning planlagt %(date)s: mangler %(missing)s.")
            % {"date": day_text(discharge_on), "missing": _(" og ").join(missing)},
            url=transition_url(case_id, pk),
        )
    return result


def no_outpatient_contact_rule(ctx: RuleContext) -> list[Pending]:
    """7 days after discharge and no outpatient contact registered (§5.9: the gap)."""
    today, t = ctx.today, ctx.thresholds
    days = t.no_outpatient_contact_days_after
    # The discharged_on filters leave out transitions not discharged: every row has a date.
    rows = cast(
        Iterable[tuple[int, int, date, int | None, int | None]],
        Transition.objects.filter(
            first_outpatient_contact_on__isnull=True,
            discharged_on__lte=today - timedelta(days=days),
            discharged_on__gte=today - timedelta(days=days + t.catch_up_days),
            case__in=Case.objects.filter(open_cases()),
        )
        .exclude(status=_CANCELLED)
        .values_list(
            "pk", "case_id", "discharged_on", "outpatient_therapist_id", "case__caseworker_id"
        ),
    )
    result: list[Pending] = []
    for pk, case_id, discharged_on, therapist_id, caseworker_id in rows:
        result += pending(
            ctx,
            [therapist_id, caseworker_id],
            rule=Rule.NO_OUTPATIENT_CONTACT,
            model=Transition,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{days}d", discharged_on),
            message=_("Udskrevet %(date)s: der er endnu ikke registreret en ambulant kontakt.")
            % {"date": day_text(discharged_on)},
            url=transition_url(case_id, pk),
        )
    return result
