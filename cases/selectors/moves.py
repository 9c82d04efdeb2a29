"""The lifecycle moves a user may make on a case: the buttons on the case page."""

from __future__ import annotations

from accounts.models import User

from .. import lifecycle
from ..access import has_case_perm
from ..models import Case


def available_actions(case: Case, user: User) -> list[lifecycle.Move]:
    """The moves the table allows from the case's state and the user has the permission for:
    the buttons on the case page. Guards are checked when the button is used, so that the
    user gets told what is missing instead of not seeing the button."""
    granted: dict[str, bool] = {}
    moves = []
    for move in lifecycle.allowed_actions(case.status):
        if move.permission not in granted:
            granted[move.permission] = has_case_perm(user, move.permission, case)
        if granted[move.permission]:
            moves.append(move)
    return moves
