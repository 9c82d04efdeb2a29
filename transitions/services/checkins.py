"""Check-ins (DESIGN §5.5): the final conversation before discharge, the aftercare
schedule after it (editable per case), and the citizen's answers."""

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
from cases.models import CaseStatus

from .. import hooks
from ..models import ActionItem, CheckIn, Transition
from ..models.followup import checkin_label_for_weeks
from .bookkeeping import bump, case_event, lock
from .status import transition_status_refresh


def _answered_code(checkin: CheckIn) -> tuple[str, dict[str, Any]]:
    """The timeline code of a first answer, by kind and weeks (the labels these services give),
    so that the label is shown in the active language; any other check-in by its label."""
    if checkin.kind == CheckIn.Kind.FINAL:
        return EventCode.FINAL_CHECKIN_ANSWERED, {}
    if checkin.weeks_after_discharge is not None:
        return EventCode.CHECKIN_ANSWERED, {"weeks": checkin.weeks_after_discharge}
    return EventCode.CHECKIN_ANSWERED_LABEL, {"label": checkin.label}


def _final_checkin_due_on(transition: Transition) -> dt.date:
    return transition.planned_discharge_on or timezone.localdate()


def ensure_final_checkin(transition: Transition) -> None:
    """§5.5: the question is first asked at the final conversation before discharge."""
    final = transition.checkins.filter(kind=CheckIn.Kind.FINAL).first()
    if final is None:
        CheckIn.objects.create(
            transition=transition,
            kind=CheckIn.Kind.FINAL,
            label=_("Afsluttende samtale"),
            due_on=_final_checkin_due_on(transition),
        )
    elif final.answered_at is None and final.due_on != _final_checkin_due_on(transition):
        final.due_on = _final_checkin_due_on(transition)
        final.save(update_fields=["due_on"])


def checkins_schedule_after_discharge(*, transition: Transition) -> list[CheckIn]:
    """Make the unanswered aftercare check-ins match the schedule: create missing ones, move
    or drop unanswered ones whose offset changed. Answered check-ins are never touched."""
    if transition.discharged_on is None:
        return []
    weeks_wanted = sorted({int(w) for w in transition.checkin_weeks or []})
    scheduled = {
        c.weeks_after_discharge: c
        for c in transition.checkins.filter(
            kind=CheckIn.Kind.AFTERCARE, weeks_after_discharge__isnull=False
        )
    }
    created = []
    for weeks in weeks_wanted:
        due_on = transition.discharged_on + dt.timedelta(weeks=weeks)
        existing = scheduled.get(weeks)
        if existing is None:
            created.append(
                CheckIn(
                    transition=transition,
                    kind=CheckIn.Kind.AFTERCARE,
                    weeks_after_discharge=weeks,
                    label=checkin_label_for_weeks(weeks),
                    due_on=due_on,
                )
            )
        elif existing.answered_at is None and existing.due_on != due_on:
            existing.due_on = due_on
            existing.save(update_fields=["due_on"])
    CheckIn.objects.bulk_create(created)
    dropped = [
        c.pk for w, c in scheduled.items() if w not in weeks_wanted and c.answered_at is None
    ]
    CheckIn.objects.filter(pk__in=dropped).delete()
    return created


def aftercare_runs(transition: Transition) -> bool:
    """Aftercare runs from discharge until the handover or the case ends (§5.10)."""
    return (
        transition.discharged_on is not None
        and transition.status != Transition.Status.CANCELLED
        and transition.case.status != CaseStatus.CLOSED
    )


@transaction.atomic
def transition_checkin_schedule_update(
    *, transition: Transition, actor: User, weeks: Sequence[int], reason: str
) -> Transition:
    """Change the aftercare check-in schedule for this case (§5.5: editable per case). No quiet
    changes (§5.10): a reason is required, the change is on the case timeline and the
    caseworker is told; the schedule cannot be emptied while aftercare runs."""
    cleaned = sorted({int(w) for w in weeks})
    reason = (reason or "").strip()
    if any(w < 1 or w > 104 for w in cleaned):
        raise ValidationError({"weeks": _("Ugerne skal være mellem 1 og 104.")})
    transition = lock(transition)
    before = list(transition.checkin_weeks or [])
    if cleaned == before:
        return transition
    if not cleaned and aftercare_runs(transition):
        raise ValidationError(
            {"weeks": _("Planen for tjek-ind kan ikke tømmes, mens efterbehandlingen løber.")}
        )
    if not reason:
        raise ValidationError({"reason": _("Skriv en begrundelse for ændringen af planen.")})
    transition.checkin_weeks = cleaned
    bump(transition, "checkin_weeks")
    checkins_schedule_after_discharge(transition=transition)
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Planen for tjek-ind er ændret: uge %(before)s → uge %(after)s")
        % {
            "before": ", ".join(str(w) for w in before) or "0",
            "after": ", ".join(str(w) for w in cleaned) or "0",
        },
        code=EventCode.CHECKIN_SCHEDULE_CHANGED,
        values={"weeks_before": list(before), "weeks_after": list(cleaned)},
        data={
            "transition": transition.pk,
            "action": "checkin_schedule",
            "before": before,
            "after": cleaned,
            "reason": reason,
        },
    )
    # The caseworker is told (notifications connects).
    hooks.checkin_schedule_changed.send(
        sender=Transition,
        transition=transition,
        actor=actor,
        before=before,
        after=cleaned,
        reason=reason,
    )
    return transition


@transaction.atomic
def checkin_answer(
    *,
    checkin: CheckIn,
    actor: User,
    answer: str,
    themes: Sequence[str],
    needs_follow_up: bool,
) -> CheckIn:
    """Record the answer to "Hvad er du mest usikker på?". Follow-up makes a task for the
    outpatient therapist."""
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
    transition = Transition.objects.select_related("case").get(pk=checkin.transition_id)
    if needs_follow_up and not checkin.action_items.filter(kind=ActionItem.Kind.FOLLOW_UP).exists():
        ActionItem.objects.create(
            transition=transition,
            checkin=checkin,
            kind=ActionItem.Kind.FOLLOW_UP,
            text=_("Følg op på tjek-ind: %(label)s") % {"label": checkin.label},
            owner_id=transition.outpatient_therapist_id,
            owner_text="" if transition.outpatient_therapist_id else _("Ambulant behandler"),
            due_on=timezone.localdate() + dt.timedelta(days=7),
            created_by=actor,
        )
    if first_answer:
        code, values = _answered_code(checkin)
        case_event(
            case=transition.case,
            actor=actor,
            description=_("Tjek-ind besvaret: %(label)s") % {"label": checkin.label},
            code=code,
            values=values,
            data={"transition": transition.pk, "checkin": checkin.pk, "action": "checkin"},
        )
    if checkin.kind == CheckIn.Kind.FINAL:
        transition_status_refresh(transition=transition)
    return checkin
