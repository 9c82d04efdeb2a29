"""One object of a transition by its key or id, scoped to that transition: another case's
object is a 404."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cases.models import Case, Consent

from ..models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    NoteAcknowledgement,
    Participant,
    PlanSection,
    PlanSectionVersion,
    StatusMeeting,
    StatusNote,
    Transition,
)
from .stale_saves import open_stale_prefetch


def plan_section_get(transition: Transition, key: str) -> PlanSection:
    """The section, with its open stale saves (`open_stale`)."""
    return get_object_or_404(
        PlanSection.objects.select_related("updated_by").prefetch_related(open_stale_prefetch()),
        transition=transition,
        key=key,
    )


def plan_section_versions(section: PlanSection) -> QuerySet[PlanSectionVersion]:
    return section.versions.select_related("author").order_by("-number")


def note_get(transition: Transition, pk: int) -> StatusNote:
    return get_object_or_404(
        StatusNote.objects.select_related("author").prefetch_related(
            Prefetch(
                "acknowledgements",
                queryset=NoteAcknowledgement.objects.select_related("user"),
            ),
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
        ),
        transition=transition,
        pk=pk,
    )


def meeting_get(transition: Transition, pk: int) -> StatusMeeting:
    return get_object_or_404(
        StatusMeeting.objects.prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user", "consent"),
            ),
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
        ),
        transition=transition,
        pk=pk,
    )


def commitment_get(transition: Transition, pk: int) -> AftercareCommitment:
    return get_object_or_404(
        AftercareCommitment.objects.select_related("responsible", "offer").prefetch_related(
            "changes__actor"
        ),
        transition=transition,
        pk=pk,
    )


def checkin_get(transition: Transition, pk: int) -> CheckIn:
    return get_object_or_404(CheckIn, transition=transition, pk=pk)


def action_item_get(case: Case, pk: int) -> ActionItem:
    """An action item of the course, with or without a handover; another case's is a 404."""
    return get_object_or_404(ActionItem, case=case, pk=pk)


def case_consents(case: Case) -> QuerySet[Consent]:
    return Consent.objects.filter(case=case).order_by("party_kind", "-valid_from", "-pk")
