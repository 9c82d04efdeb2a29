"""The transition's status between planning and ready, following the readiness
checklist (DESIGN §5.6)."""

from __future__ import annotations

from .. import readiness
from ..models import Transition
from ..selectors import readiness_facts
from .bookkeeping import bump


def transition_status_refresh(*, transition: Transition) -> Transition:
    """Planning <-> ready, following the readiness checklist (§5.6). Other statuses are set by
    discharge, confirmation and cancellation only."""
    if transition.status not in (Transition.Status.PLANNING, Transition.Status.READY):
        return transition
    ready = not readiness.readiness_missing(readiness_facts(transition))
    wanted = Transition.Status.READY if ready else Transition.Status.PLANNING
    if transition.status != wanted:
        transition.status = wanted
        bump(transition, "status")
    return transition
