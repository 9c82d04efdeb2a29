"""Moves through the case's lifecycle (DESIGN §4, STYLE §3): the guard of each move and the one
service that makes every move."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from .. import lifecycle
from ..access import case_access_sync
from ..event_messages import EventCode
from ..hooks import last_episode_end, move_guards
from ..legal_bases import rules_for
from ..models import Case, CaseEvent, CourseEndReason, CourseEndStatus
from .checks import Errors, local_today, require_perm
from .events import case_event_record
from .locking import lock_case


def case_move_problem(case: Case, move: lifecycle.Move) -> str | None:
    """Why the move's guard refuses it now (Danish), or None when the guard lets it through."""
    if move.guard is None:
        return None
    if move.guard == lifecycle.GUARD_HAS_DECISION:
        # Only the bases that are visitated need a decision (cases.legal_bases): § 101 a has
        # no visitation, the health-law bases no afgørelse.
        if not rules_for(case.legal_basis).needs_decision and not case.decision_date:
            return None
        if not (case.decision_date and case.decision_text):
            return _("Registrér afgørelsen (dato og begrundelse), før sagen visiteres.")
        if case.decision_result == Case.DecisionResult.REFUSED:
            return _("Afgørelsen er et afslag, så sagen kan ikke visiteres til behandling.")
        return None
    # The episode guards are decided by treatment_options (cases.hooks.move_guards).
    for registered in move_guards:
        if registered.guard == move.guard:
            return registered.problem(case)
    raise ValueError(f"Unknown guard: {move.guard}")


def course_end_check(
    case: Case, course_ended_on: date | None, course_end_reason: str, course_end_status: str = ""
) -> tuple[date, str]:
    """The course's own end date (not in the future, not before the last episode's end; the
    last episode's end by default, else today) and end reason (DESIGN §3)."""
    today = local_today()
    floor = max((d for d in (source(case) for source in last_episode_end) if d), default=None)
    ended_on = course_ended_on or floor or today
    errors = Errors()
    if ended_on > today:
        errors.add(
            "course_ended_on", _("Forløbets slutdato kan ikke ligge i fremtiden."), code="future"
        )
    elif floor is not None and ended_on < floor:
        errors.add(
            "course_ended_on",
            _(
                "Forløbets slutdato kan ikke ligge før det sidste behandlingsforløbs "
                "afslutning (%(date)s)."
            )
            % {"date": floor.isoformat()},
            code="before_episode_end",
        )
    elif ended_on < case.inquiry_date:
        errors.add(
            "course_ended_on",
            _("Forløbets slutdato kan ikke ligge før henvendelsesdatoen."),
            code="before_inquiry",
        )
    if course_end_reason and course_end_reason not in CourseEndReason.values:
        errors.add("course_end_reason", _("Vælg en afslutningsårsag."), code="invalid")
    if course_end_status and course_end_status not in CourseEndStatus.values:
        errors.add("course_end_status", _("Vælg borgerens forbrug ved afslutningen."), "invalid")
    errors.raise_if_any()
    return ended_on, course_end_reason


def apply_move(
    *,
    actor: User,
    case: Case,
    move: lifecycle.Move,
    note: str = "",
    course_ended_on: date | None = None,
    course_end_reason: str = "",
    course_end_status: str = "",
) -> Case:
    """Check the guard and make the move on a case row the caller has locked and whose
    permission the caller has checked. Writes the status and one STATUS_CHANGED event. Closing
    records the course's own end date and reason besides the day it was closed."""
    problem = case_move_problem(case, move)
    if problem:
        raise ValidationError(problem, code=move.guard or "guard")
    from_status = case.status
    update_fields = ["status", "version", "updated_at"]
    if move.target is lifecycle.CaseStatus.CLOSED:
        ended_on, reason = course_end_check(
            case, course_ended_on, course_end_reason, course_end_status
        )
        case.closed_on = local_today()
        case.closed_reason = note
        case.course_ended_on = ended_on
        case.course_end_reason = reason
        case.course_end_status = course_end_status
        case.course_end_review = False
        update_fields += [
            "closed_on",
            "closed_reason",
            "course_ended_on",
            "course_end_reason",
            "course_end_status",
            "course_end_review",
        ]
    case.status = move.target
    case.version += 1
    case.save(update_fields=update_fields)
    description = move.label if not note else f"{move.label}: {note}"
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.STATUS_CHANGED,
        actor=actor,
        from_status=from_status,
        to_status=move.target,
        description=description,
        code=EventCode.STATUS_CHANGED_NOTE if note else EventCode.STATUS_CHANGED,
        values={"action": move.action, "note": note} if note else {"action": move.action},
        data={"action": move.action, "note": note}
        | (
            {"course_ended_on": case.course_ended_on.isoformat()}
            if move.target is lifecycle.CaseStatus.CLOSED and case.course_ended_on
            else {}
        ),
    )
    if move.target is lifecycle.CaseStatus.CLOSED:
        # A closed case no longer gives institutions access through leftover referrals.
        case_access_sync(case)
    return case


@transaction.atomic
def case_move(
    *,
    actor: User,
    case: Case,
    action: str,
    note: str = "",
    expected_version: int | None = None,
    course_ended_on: date | None = None,
    course_end_reason: str = "",
    course_end_status: str = "",
) -> Case:
    """Move the case through its lifecycle (DESIGN §4): look the move up in the table, check
    the user's permission and the move's guard, save the new state and record it, all in one
    transaction. A refused move raises (MoveNotAllowed, PermissionDenied or
    ValidationError) and writes nothing. Going back to assessment keeps all history."""
    # Lock first: two clicks on "Afslut sag" at once must not both pass the checks.
    locked = lock_case(case, expected_version=expected_version)
    move = lifecycle.move_for(locked.status, action)
    require_perm(actor, move.permission, locked)
    return apply_move(
        actor=actor,
        case=locked,
        move=move,
        note=(note or "").strip(),
        course_ended_on=course_ended_on,
        course_end_reason=course_end_reason or "",
        course_end_status=course_end_status or "",
    )
