"""Check-ins (DESIGN §5.5, §5.10): the final conversation before discharge, the course's
schedule (editable per case, counted from the discharge or, on an outpatient-only course, from
the start of outpatient treatment), and the citizen's answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.event_messages import EventCode
from cases.models import Case

from .. import checkin_plan, hooks
from ..models import ActionItem, CheckIn, CheckInSchedule, Transition
from ..models.followup import checkin_label_for_weeks
from ..selectors import checkins as selectors
from .bookkeeping import case_event
from .status import transition_status_refresh


def _answered_code(checkin: CheckIn) -> tuple[str, dict[str, Any]]:
    """The timeline code of a first answer, by kind and weeks (the labels these services give),
    so that the label is shown in the active language; any other check-in by its label."""
    if checkin.kind == CheckIn.Kind.FINAL:
        return EventCode.FINAL_CHECKIN_ANSWERED, {}
    if checkin.weeks_after_discharge is not None:
        # An outpatient-only course counts its check-ins from the outpatient start.
        code = (
            EventCode.CHECKIN_ANSWERED
            if checkin.transition_id
            else EventCode.COURSE_CHECKIN_ANSWERED
        )
        return code, {"weeks": checkin.weeks_after_discharge}
    return EventCode.CHECKIN_ANSWERED_LABEL, {"label": checkin.label}


def _final_checkin_due_on(transition: Transition) -> dt.date:
    return transition.planned_discharge_on or timezone.localdate()


def ensure_final_checkin(transition: Transition) -> None:
    """§5.5: the question is first asked at the final conversation before discharge."""
    final = transition.checkins.filter(kind=CheckIn.Kind.FINAL).first()
    if final is None:
        CheckIn.objects.create(
            case_id=transition.case_id,
            transition=transition,
            kind=CheckIn.Kind.FINAL,
            label=_("Afsluttende samtale"),
            due_on=_final_checkin_due_on(transition),
        )
    elif final.answered_at is None and final.due_on != _final_checkin_due_on(transition):
        final.due_on = _final_checkin_due_on(transition)
        final.save(update_fields=["due_on"])


def course_checkins_schedule(*, case: Case) -> list[CheckIn]:
    """Make the course's unanswered scheduled check-ins match its schedule, counted from its
    anchor (the newest discharge, else the start of outpatient treatment): create missing
    ones, move unanswered ones whose day changed, drop unanswered ones the schedule no longer
    has or that were counted from an earlier anchor. Answered check-ins are never touched.
    Returns the check-ins created."""
    anchor = selectors.course_checkin_anchor(case)
    if anchor is None:
        return []
    scheduled = list(
        CheckIn.objects.filter(
            case=case, kind=CheckIn.Kind.AFTERCARE, weeks_after_discharge__isnull=False
        )
    )
    weeks_wanted = selectors.checkin_schedule_weeks(case)
    current = {
        c.weeks_after_discharge: c for c in scheduled if c.transition_id == anchor.transition_id
    }
    created = []
    for weeks in weeks_wanted:
        due_on = checkin_plan.due_on(anchor, weeks)
        existing = current.get(weeks)
        if existing is None:
            created.append(
                CheckIn(
                    case=case,
                    transition_id=anchor.transition_id,
                    kind=CheckIn.Kind.AFTERCARE,
                    weeks_after_discharge=weeks,
                    label=checkin_label_for_weeks(weeks, after_discharge=anchor.is_discharge),
                    due_on=due_on,
                )
            )
        elif existing.answered_at is None and existing.due_on != due_on:
            existing.due_on = due_on
            existing.save(update_fields=["due_on"])
    CheckIn.objects.bulk_create(created)
    kept = {c.pk for w, c in current.items() if w in weeks_wanted}
    dropped = [c.pk for c in scheduled if c.answered_at is None and c.pk not in kept]
    CheckIn.objects.filter(pk__in=dropped).delete()
    return created


def checkins_schedule_after_discharge(*, transition: Transition) -> list[CheckIn]:
    """The course's check-ins after this transition's discharge (see course_checkins_schedule)."""
    if transition.discharged_on is None:
        return []
    return course_checkins_schedule(case=transition.case)


def _problem_message(problem: checkin_plan.WeeksProblem) -> ValidationError:
    P = checkin_plan.WeeksProblem
    if problem == P.OUT_OF_RANGE:
        # The number is checkin_plan.MAX_WEEKS, written out for the translation.
        return ValidationError(
            {"weeks": _("Ugerne skal være mellem 1 og 104.")}, code=problem.value
        )
    if problem == P.EMPTIED_DURING_AFTERCARE:
        return ValidationError(
            {"weeks": _("Planen for tjek-ind kan ikke tømmes, mens efterbehandlingen løber.")},
            code=problem.value,
        )
    return ValidationError(
        {"reason": _("Skriv en begrundelse for ændringen af planen.")}, code=problem.value
    )


@transaction.atomic
def course_checkin_schedule_update(
    *, case: Case, actor: User, weeks: Sequence[int], reason: str
) -> CheckInSchedule:
    """Change the course's check-in schedule (§5.5: editable per case). No quiet changes
    (§5.10): a reason is required, the change is on the case timeline and the caseworker is
    told; the schedule cannot be emptied while aftercare runs. The case row is locked, so two
    changes at once are applied one after the other."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    cleaned = checkin_plan.weeks_cleaned(weeks)
    reason = (reason or "").strip()
    schedule = CheckInSchedule.objects.filter(case=case).first()
    before = selectors.weeks_of(schedule)
    anchor = selectors.course_checkin_anchor(case)
    problem = checkin_plan.schedule_change_problem(
        before=before,
        after=cleaned,
        reason=reason,
        aftercare_runs=selectors.aftercare_runs(case, anchor),
    )
    if problem is not None:
        raise _problem_message(problem)
    if schedule is None:
        schedule = CheckInSchedule(case=case, weeks=before)
        schedule.save()
    if cleaned == before:
        return schedule
    schedule.weeks = cleaned
    schedule.version += 1
    schedule.save(update_fields=["weeks", "version", "updated_at"])
    course_checkins_schedule(case=case)
    transition = (
        case.transitions.exclude(status=Transition.Status.CANCELLED)
        .order_by("-created_at", "-pk")
        .first()
    )
    case_event(
        case=case,
        actor=actor,
        description=_("Planen for tjek-ind er ændret: uge %(before)s → uge %(after)s")
        % {
            "before": ", ".join(str(w) for w in before) or "0",
            "after": ", ".join(str(w) for w in cleaned) or "0",
        },
        code=EventCode.CHECKIN_SCHEDULE_CHANGED,
        values={"weeks_before": list(before), "weeks_after": list(cleaned)},
        data={
            "transition": transition.pk if transition else None,
            "action": "checkin_schedule",
            "before": before,
            "after": cleaned,
            "reason": reason,
        },
    )
    # The caseworker is told (notifications connects).
    hooks.checkin_schedule_changed.send(
        sender=CheckInSchedule,
        case=case,
        schedule=schedule,
        transition=transition,
        actor=actor,
        before=before,
        after=cleaned,
        reason=reason,
    )
    return schedule


def transition_checkin_schedule_update(
    *, transition: Transition, actor: User, weeks: Sequence[int], reason: str
) -> Transition:
    """The schedule of the course the transition belongs to (course_checkin_schedule_update);
    the transition's API and page answer with the transition."""
    course_checkin_schedule_update(case=transition.case, actor=actor, weeks=weeks, reason=reason)
    return Transition.objects.select_related("case").get(pk=transition.pk)


def _follow_up_owner(case: Case, transition: Transition | None) -> tuple[int | None, str]:
    """Who follows up (owner id, or a text when no one is named): the one the check-in's
    reminders go to (notifications.rules.handover.checkin_rule). After a residential stay the
    outpatient therapist named on the handover; on an outpatient-only course the caseworker."""
    if transition is not None:
        therapist_id = transition.outpatient_therapist_id
        return therapist_id, "" if therapist_id else _("Ambulant behandler")
    return case.caseworker_id, "" if case.caseworker_id else _("Sagsbehandler")


def checkin_follow_up_ensure(
    *, checkin: CheckIn, case: Case, transition: Transition | None, actor: User
) -> ActionItem | None:
    """The follow-up task of a check-in answered "needs follow-up" (§5.5), due in 7 days, on a
    course with or without a handover; one per check-in (None when it already has one). Call
    with the check-in row locked (checkin_answer), so two answers at once make one task."""
    if checkin.action_items.filter(kind=ActionItem.Kind.FOLLOW_UP).exists():
        return None
    owner_id, owner_text = _follow_up_owner(case, transition)
    return ActionItem.objects.create(
        case=case,
        transition=transition,
        checkin=checkin,
        kind=ActionItem.Kind.FOLLOW_UP,
        text=_("Følg op på tjek-ind: %(label)s") % {"label": checkin.display_label},
        owner_id=owner_id,
        owner_text=owner_text,
        due_on=timezone.localdate() + dt.timedelta(days=7),
        created_by=actor,
    )


@transaction.atomic
def checkin_answer(
    *,
    checkin: CheckIn,
    actor: User,
    answer: str,
    themes: Sequence[str],
    needs_follow_up: bool,
) -> CheckIn:
    """Record the answer to "Hvad er du mest usikker på?". Follow-up makes a task
    (checkin_follow_up_ensure), with or without a handover."""
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    bad = [t for t in themes if t not in CheckIn.Theme.values]
    if bad:
        raise ValidationError({"themes": _("Ukendt tema.")})
    if not answer.strip():
        raise ValidationError({"answer": _("Skriv borgerens svar.")})
    first_answer = checkin.answered_at is None
    checkin.answer = answer.strip()
    checkin.themes = [t for t in CheckIn.Theme.values if t in set(themes)]
    checkin.needs_follow_up = needs_follow_up
    checkin.answered_at = checkin.answered_at or timezone.now()
    checkin.recorded_by = actor
    checkin.full_clean()
    checkin.save(
        update_fields=["answer", "themes", "needs_follow_up", "answered_at", "recorded_by"]
    )
    case = Case.objects.get(pk=checkin.case_id)
    transition = (
        Transition.objects.select_related("case").get(pk=checkin.transition_id)
        if checkin.transition_id is not None
        else None
    )
    if needs_follow_up:
        checkin_follow_up_ensure(checkin=checkin, case=case, transition=transition, actor=actor)
    if first_answer:
        code, values = _answered_code(checkin)
        case_event(
            case=case,
            actor=actor,
            description=_("Tjek-ind besvaret: %(label)s") % {"label": checkin.label},
            code=code,
            values=values,
            data={
                "transition": transition.pk if transition else None,
                "checkin": checkin.pk,
                "action": "checkin",
            },
        )
    if transition is not None and checkin.kind == CheckIn.Kind.FINAL:
        transition_status_refresh(transition=transition)
    return checkin
