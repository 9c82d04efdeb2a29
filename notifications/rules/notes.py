"""Notes that are chased (DESIGN §5.13): the start note due 7 days after the residential start
and the midway note halfway to the planned discharge (the residential therapist), and a note
not acknowledged after 3 working days (its receivers). Set-based: one or two queries per rule,
however many handovers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta
from typing import Any, cast

from django.db.models import Exists, OuterRef
from django.utils import timezone

from cases.models import Case
from transitions.models import NoteAcknowledgement, StatusNote, Transition

from .. import thresholds as th
from ..models import Rule
from ..pending import Pending
from .context import RuleContext, open_cases, pending
from .links import transition_url
from .messages import _, day_text

_BEFORE_DISCHARGE = (Transition.Status.PLANNING, Transition.Status.READY)


def _without_note(kind: str) -> Any:
    """Handovers before discharge, on open cases, with a started stay and no note of `kind`."""
    has_note = StatusNote.objects.filter(transition=OuterRef("pk"), kind=kind)
    return (
        Transition.objects.filter(
            status__in=_BEFORE_DISCHARGE,
            discharged_on__isnull=True,
            residential_episode__actual_start__isnull=False,
            residential_therapist__isnull=False,
            case__in=Case.objects.filter(open_cases()),
        )
        .annotate(has_note=Exists(has_note))
        .filter(has_note=False)
    )


def start_note_rule(ctx: RuleContext) -> list[Pending]:
    """The start note is due within 7 days of the residential start: the residential
    therapist is reminded on the due day (and on the first sweep after it) until it is written."""
    today, t = ctx.today, ctx.thresholds
    latest_start = today - timedelta(days=t.start_note_days)
    rows = cast(
        Iterable[tuple[int, int, Any, int]],
        _without_note(StatusNote.Kind.START)
        .filter(
            residential_episode__actual_start__lte=latest_start,
            residential_episode__actual_start__gte=latest_start - timedelta(days=t.catch_up_days),
        )
        .values_list(
            "pk", "case_id", "residential_episode__actual_start", "residential_therapist_id"
        ),
    )
    result: list[Pending] = []
    for pk, case_id, started_on, therapist_id in rows:
        due_on = th.start_note_due_on(started_on, t)
        result += pending(
            ctx,
            [therapist_id],
            rule=Rule.START_NOTE_DUE,
            model=Transition,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key("start", due_on),
            message=_("Statusnotatet ved start skulle være skrevet senest %(date)s.")
            % {"date": day_text(due_on)},
            url=transition_url(case_id, pk),
        )
    return result


def midway_note_rule(ctx: RuleContext) -> list[Pending]:
    """The midway note is due halfway to the planned discharge: the residential therapist is
    reminded from that day until it is written (a moved discharge is a new due date)."""
    today, t = ctx.today, ctx.thresholds
    rows = cast(
        Iterable[tuple[int, int, Any, Any, int]],
        _without_note(StatusNote.Kind.MIDWAY)
        .filter(planned_discharge_on__isnull=False, planned_discharge_on__gt=today)
        .values_list(
            "pk",
            "case_id",
            "residential_episode__actual_start",
            "planned_discharge_on",
            "residential_therapist_id",
        ),
    )
    result: list[Pending] = []
    for pk, case_id, started_on, discharge_on, therapist_id in rows:
        due_on = th.midway_note_due_on(started_on, discharge_on)
        if due_on > today or not th.within_catch_up(due_on, today, t):
            continue
        result += pending(
            ctx,
            [therapist_id],
            rule=Rule.MIDWAY_NOTE_DUE,
            model=Transition,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key("midway", due_on),
            message=_("Midtvejsstatusnotatet skulle være skrevet senest %(date)s.")
            % {"date": day_text(due_on)},
            url=transition_url(case_id, pk),
        )
    return result


def note_unacknowledged_rule(ctx: RuleContext) -> list[Pending]:
    """A note not acknowledged after 3 working days reminds each receiver who has not: the
    outpatient therapist, the caseworker and the residential therapist (never the author), as
    transitions.selectors.note_receivers."""
    today, t = ctx.today, ctx.thresholds
    # 3 working days are at least 3 calendar days: the query is bounded by that, the exact
    # working-day count is made below per note.
    due = StatusNote.objects.filter(
        written_at__date__lte=today - timedelta(days=t.note_ack_working_days),
        written_at__date__gte=today - timedelta(days=t.catch_up_days),
        transition__case__in=Case.objects.filter(open_cases()),
    ).exclude(transition__status=Transition.Status.CANCELLED)
    notes = list(
        due.values_list(
            "pk",
            "written_at",
            "author_id",
            "transition_id",
            "transition__case_id",
            "transition__outpatient_therapist_id",
            "transition__case__caseworker_id",
            "transition__residential_therapist_id",
        )
    )
    # A subquery, not a list of ids: at 100,000 cases the list would pass every database's
    # parameter limit.
    acknowledged: dict[int, set[int]] = defaultdict(set)
    for note_id, user_id in NoteAcknowledgement.objects.filter(
        note_id__in=due.values("pk")
    ).values_list("note_id", "user_id"):
        acknowledged[note_id].add(user_id)
    result: list[Pending] = []
    for pk, written_at, author_id, transition_id, case_id, *receivers in notes:
        written_on = timezone.localdate(written_at)
        if th.note_unacknowledged_on(written_on, t) > today:
            continue
        waiting = [
            r for r in receivers if r is not None and r != author_id and r not in acknowledged[pk]
        ]
        result += pending(
            ctx,
            waiting,
            rule=Rule.NOTE_UNACKNOWLEDGED,
            model=StatusNote,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{t.note_ack_working_days}wd", written_on),
            message=_("Et statusnotat skrevet %(date)s venter på din kvittering.")
            % {"date": day_text(written_on)},
            url=transition_url(case_id, transition_id),
        )
    return result
