"""The handover's panel on the case page (transitions/_case_panel.html), registered on
`cases.hooks.case_page_panels` in TransitionsConfig.ready()."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from cases.access import has_case_perm
from cases.hooks import CasePagePanel
from cases.models import Case

from .handover import residential_episode_for_transition, transition_current_for_case


def case_transition_panel(case: Case, user: User | None) -> dict[str, Any]:
    """The case's current transition and whether "Opret overgang" applies (a started
    residential episode without a transition, and a user allowed to create one)."""
    transition = transition_current_for_case(case)
    can_create = False
    if (
        (transition is None or transition.status == "cancelled")
        and user is not None
        and has_case_perm(user, "transitions.add_transition", case)
    ):
        can_create = residential_episode_for_transition(case) is not None
    return {"transition": transition, "can_create": can_create}


TRANSITION_PANEL = CasePagePanel("transitions/_case_panel.html", case_transition_panel)
