"""What waits for a person across cases (DESIGN §5.13, §5.10): status notes they must still
acknowledge, and outreach tasks of colleagues they stand in for. Shown in the inbox. One
query each, however many cases; only cases the reader may see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from cases.access import case_list_visible_to
from cases.models import CaseStatus

from ..models import ActionItem, NoteAcknowledgement, StatusNote, Transition


def note_waiting_for_q(user_id: int) -> Q:
    """Notes `user_id` receives (the outpatient therapist, the caseworker, the residential
    therapist; never the author, as transitions.selectors.note_receivers) and has not
    acknowledged."""
    is_receiver = (
        Q(transition__outpatient_therapist_id=user_id)
        | Q(transition__case__caseworker_id=user_id)
        | Q(transition__residential_therapist_id=user_id)
    )
    acknowledged = Exists(NoteAcknowledgement.objects.filter(note=OuterRef("pk"), user_id=user_id))
    return cast(Q, is_receiver & ~Q(author_id=user_id) & ~acknowledged)


def notes_waiting_for(*, user: User, also_for: Iterable[int] = ()) -> QuerySet[StatusNote]:
    """The status notes waiting for the user's acknowledgement, and for those of the users
    they stand in for (`also_for`), oldest first, on open handovers the user may see."""
    wanted = Q()
    for user_id in {user.pk, *also_for}:
        wanted |= note_waiting_for_q(user_id)
    return (
        StatusNote.objects.filter(wanted)
        .filter(transition__case__in=case_list_visible_to(user))
        .exclude(transition__status=Transition.Status.CANCELLED)
        .exclude(transition__case__status=CaseStatus.CLOSED)
        .select_related("transition__case", "author")
        .order_by("written_at", "pk")
    )


def outreach_tasks_covered_by(*, user: User, away_ids: Iterable[int]) -> QuerySet[ActionItem]:
    """Open outreach tasks (and other open actions) owned by the users `user` stands in for."""
    ids = list(away_ids)
    if not ids:
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(owner_id__in=ids, done_at__isnull=True)
        .filter(case__in=case_list_visible_to(user))
        .select_related("case", "owner")
        .order_by("due_on", "pk")
    )
