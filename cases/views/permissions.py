"""The permissions the case pages check beyond reading the case: 403 for a user who may only
read it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from accounts.models import User

from ..access import has_case_perm
from ..models import Case

CHANGE_CASE = "cases.change_case"
ADD_CONSENT = "cases.add_consent"
ADD_DISCLOSURE = "cases.add_disclosure"
CHANGE_CITIZEN = "cases.change_citizen"


def require(user: User, perm: str, case: Case) -> None:
    """403 for a user who may read the case but not do this (e.g. a manager posting)."""
    if not has_case_perm(user, perm, case):
        raise PermissionDenied
