"""The per-case grants of a generated case, from the same relationships as cases.access."""

from __future__ import annotations

from dataclasses import dataclass

from transitions.models import Transition

from .constants import S
from .plans import CasePlan


@dataclass(slots=True)
class TrState:
    """A transition as it is today: what the grants need to know."""

    status: str
    residential_group: int | None
    outpatient_group: int | None
    residential_therapist: int | None
    outpatient_therapist: int | None


def grants(plan: CasePlan, status: str, transition: TrState | None) -> tuple[set[int], set[int]]:
    """User and group ids that hold view_case + change_case: the rules of
    cases.access._desired_grants, applied to the plan instead of the database."""
    users: set[int] = {plan.caseworker} if plan.caseworker else set()
    groups: set[int] = {plan.team.group_id}
    if status == S.CLOSED:
        return users, groups  # a closed case keeps no treatment relationships
    for ep in plan.course.episodes:
        # An institution holds the case while an episode there is open: referred or started,
        # not ended.
        if ep.referral <= plan.cut < ep.end and ep.offer.group_id:
            groups.add(ep.offer.group_id)
    if transition is not None:
        if transition.status not in (Transition.Status.COMPLETED, Transition.Status.CANCELLED):
            # Both sides hold the case until the receiver has confirmed the handover.
            for user_id in (transition.residential_therapist, transition.outpatient_therapist):
                if user_id:
                    users.add(user_id)
            for group_id in (transition.residential_group, transition.outpatient_group):
                if group_id:
                    groups.add(group_id)
        elif transition.status == Transition.Status.COMPLETED and transition.outpatient_therapist:
            users.add(transition.outpatient_therapist)
    return users, groups
