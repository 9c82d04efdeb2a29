"""Template tags for showing the handover on other apps' pages (the case page)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def case_transition_panel(context: template.Context, case: Any) -> dict[str, Any]:
    """The case's current transition and whether "Opret overgang" applies (a started
    residential episode without a transition, and a user allowed to create one)."""
    from cases.access import has_case_perm

    from ..selectors import residential_episode_for_transition, transition_current_for_case

    transition = transition_current_for_case(case)
    user = context.get("user")
    can_create = False
    if (
        (transition is None or transition.status == "cancelled")
        and user is not None
        and has_case_perm(user, "transitions.add_transition", case)
    ):
        can_create = residential_episode_for_transition(case) is not None
    return {"transition": transition, "can_create": can_create}
