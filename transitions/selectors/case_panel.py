"""The handover's panel on the case page (transitions/_case_panel.html), registered on
`cases.hooks.case_page_panels` in TransitionsConfig.ready()."""

from __future__ import annotations

from typing import Any

from cases.access import has_case_perm
from cases.hooks import CasePagePanel
from cases.page import CasePage
from treatment_options.models import TreatmentType

from .case_page import page_transitions
from .handover import current_of


def residential_episode_on_page(page: CasePage) -> Any:
    """`residential_episode_for_transition` from the rows the case page has read: the case's
    started residential episode without a transition, newest first, or None."""
    taken = {t.residential_episode_id for t in page_transitions(page)}
    started = [
        e
        for e in page.episodes
        if e.offer.treatment_type == TreatmentType.RESIDENTIAL
        and e.actual_start is not None
        and e.pk not in taken
    ]
    return max(started, key=lambda e: (e.actual_start, e.pk), default=None)


def case_transition_panel(page: CasePage) -> dict[str, Any]:
    """The case's current transition and whether "Opret overgang" applies (a started
    residential episode without a transition, and a user allowed to create one)."""
    case, user = page.case, page.user
    transition = current_of(case, page_transitions(page))
    can_create = False
    if (
        (transition is None or transition.status == "cancelled")
        and user is not None
        and has_case_perm(user, "transitions.add_transition", case)
    ):
        can_create = residential_episode_on_page(page) is not None
    return {"transition": transition, "can_create": can_create}


TRANSITION_PANEL = CasePagePanel("transitions/_case_panel.html", case_transition_panel)
