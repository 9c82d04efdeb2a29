"""Moves through the case's lifecycle (DESIGN §4, STYLE §3): the guard of each move and the one
service that makes every move."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from .. import lifecycle
from ..access import case_access_sync
from ..hooks import move_guards
from ..models import Case, CaseEvent
from .checks import local_today, require_perm
from .events import case_event_record
from .locking import lock_case


def case_move_problem(case: Case, move: lifecycle.Move) -> str | None:
    """Why the move's guard refuses it now (Danish), or None when the guard lets it through."""
    if move.guard is None:
        return None
    if move.guard == lifecycle.GUARD_HAS_DECISION:
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


def apply_move(*, actor: User, case: Case, move: lifecycle.Move, note: str = "") -> Case:
    """Check the guard and make the move on a case row the caller has locked and whose
    permission the caller has checked. Writes the status and one STATUS_CHANGED event."""
    problem = case_move_problem(case, move)
    if problem:
        raise ValidationError(problem, code=move.guard or "guard")
    from_status = case.status
    case.status = move.target
    update_fields = ["status", "version", "updated_at"]
    if move.target is lifecycle.CaseStatus.CLOSED:
        case.closed_on = local_today()
        case.closed_reason = note
        update_fields += ["closed_on", "closed_reason"]
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
        data={"action": move.action, "note": note},
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
) -> Case:
    """Move the case through its lifecycle (DESIGN §4): look the move up in the table, check
    the user's permission and the move's guard, save the new state and record it, all in one
    transaction. A refused move raises (MoveNotAllowed, PermissionDenied or
    ValidationError) and writes nothing. Going back to assessment keeps all history."""
    # Lock first: two clicks on "Afslut sag" at once must not both pass the checks.
    locked = lock_case(case, expected_version=expected_version)
    move = lifecycle.move_for(locked.status, action)
    require_perm(actor, move.permission, locked)
    return apply_move(actor=actor, case=locked, move=move, note=(note or "").strip())
