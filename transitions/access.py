"""Who may be named on a handover's work (DESIGN §1: one rule for pages, API, forms and
services): the owner of an action item (a meeting's action or a status note's) and an internal
meeting participant must be someone who may read the handover, and so the case.

The forms offer transitions.selectors.users_with_case_access (the same rule in SQL) and say
NO_CASE_ACCESS for anybody else; the services refuse with the same message, which the API
shows as a 400 field error."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.access import has_case_perm
from cases.models import Case

VIEW_TRANSITION = "transitions.view_transition"
NO_CASE_ACCESS = _("Personen har ikke adgang til sagen.")


def may_own_action(user: User, case: Case) -> bool:
    """Whether `user` may own an action on the case, or take part in its meetings: they may
    read the handover (role permission and a read grant on the case, cases.access)."""
    return user is not None and has_case_perm(user, VIEW_TRANSITION, case)
