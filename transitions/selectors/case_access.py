"""How a handover ties its therapists to a case: the therapists named on it hold the case
(user grants, written by `cases.access`) and it is one of their "my cases". Registered on
`cases.hooks` in TransitionsConfig.ready(). The residential side's read access for 30 days
after completion is a TemporaryCaseAccess granted when the handover is confirmed
(`services.confirmation`)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from accounts.models import User
from cases.hooks import CaseHolders
from cases.models import Case

from ..models import Transition


def handover_holders(case: Case) -> CaseHolders:
    """The therapists (and institutions) named on the case's handovers."""
    user_ids: list[int | None] = []
    group_ids: list[int | None] = []
    # Both sides hold the case until the receiver has confirmed the handover (§5.7), so there
    # is never a day when nobody does.
    for transition in case.transitions.exclude(
        status__in=["completed", "cancelled"]
    ).select_related(
        "residential_episode__offer__provider__unit", "outpatient_episode__offer__provider__unit"
    ):
        user_ids.append(transition.residential_therapist_id)
        user_ids.append(transition.outpatient_therapist_id)
        for episode in (transition.residential_episode, transition.outpatient_episode):
            unit = episode.offer.provider.unit if episode else None
            group_ids.append(unit.group_id if unit else None)
    # After completion the outpatient therapist owns the aftercare.
    for transition in case.transitions.filter(status="completed"):
        user_ids.append(transition.outpatient_therapist_id)
    return CaseHolders(user_ids=tuple(user_ids), group_ids=tuple(group_ids))


def named_on_handover_q(user: User) -> Q:
    """A filter on Case: named on a handover, the residential side until it is completed, the
    outpatient side also afterwards (it owns the aftercare)."""
    active = [
        Transition.Status.PLANNING,
        Transition.Status.READY,
        Transition.Status.HANDED_OVER,
    ]
    named = Transition.objects.filter(case=OuterRef("pk")).filter(
        Q(residential_therapist_id=user.pk, status__in=active)
        | (Q(outpatient_therapist_id=user.pk) & ~Q(status=Transition.Status.CANCELLED))
    )
    return Q(Exists(named))
