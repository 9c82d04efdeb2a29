"""How an episode ties an institution to a case: while the episode is open, the institution
holds the case (its unit's group gets the grants, written by `cases.access`) and the case is
one of "my cases" for the institution's staff. Registered on `cases.hooks` in
TreatmentOptionsConfig.ready()."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from accounts.models import User
from cases.hooks import CaseHolders
from cases.models import Case

from .models import Episode


def episode_holders(case: Case) -> CaseHolders:
    """An institution holds the case while it has an open episode there."""
    group_ids: list[int | None] = []
    for episode in case.episodes.filter(actual_end__isnull=True).select_related(
        "offer__provider__unit"
    ):
        unit = episode.offer.provider.unit
        group_ids.append(unit.group_id if unit else None)
    return CaseHolders(group_ids=tuple(group_ids))


def open_episode_at_unit_q(user: User) -> Q:
    """A filter on Case: an open episode at the user's institution (empty without a unit)."""
    if not user.unit_id:
        return Q()
    return Q(
        Exists(
            Episode.objects.filter(
                case=OuterRef("pk"),
                actual_end__isnull=True,
                offer__provider__unit_id=user.unit_id,
            )
        )
    )
