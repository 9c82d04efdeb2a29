"""Who may see and handle a citizen's access requests and complaints (issue 14): the one home
of the rule, used by the case page's panel, the pages, the API and the services.

A caseworker with write access to the case, or a manager of the case's team who can read it
(the same two roles that may reassign a case, cases.access). A therapist who holds the case
for treatment does not handle the municipality's requests and complaints."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from cases.access import CHANGE, VIEW, has_case_perm
from cases.models import Case


def is_team_manager(user: User, case: Case) -> bool:
    """An active manager of the case's team who can read the case."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and user.is_active
        and user.has_role(Role.MANAGER)
        and getattr(user, "unit_id", None) == case.team_id
        and has_case_perm(user, VIEW, case)
    )


def may_handle_rights(user: User, case: Case) -> bool:
    """Whether `user` may see, register and close the access requests and complaints of the
    case's citizen on `case`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.has_role(Role.CASEWORKER) and has_case_perm(user, CHANGE, case):
        return True
    return is_team_manager(user, case)


def rights_require(user: User, case: Case) -> None:
    if not may_handle_rights(user, case):
        raise PermissionDenied(_("Du har ikke adgang til sagens aktindsigter og klager."))


def may_view_team_list(user: User) -> bool:
    """The team's list of open requests and complaints: a manager of a unit, for that unit."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and user.is_active
        and getattr(user, "unit_id", None) is not None
        and user.has_role(Role.MANAGER)
    )
