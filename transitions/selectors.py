"""Reads for the handover pages. The case itself is already access-checked by the view
decorator (`cases.decorators.case_view`); everything here is scoped to that case, so an object
of another case is a 404, never a leak.

The transition page loads a fixed number of queries however many versions, notes, meetings
and check-ins the transition has (see tests/transitions/test_query_counts.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cases.access import has_case_perm
from cases.models import Case, CaseGroupObjectPermission, CaseUserObjectPermission, Consent

from . import readiness
from .labels import MISSING_LABELS
from .models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    NoteAcknowledgement,
    Participant,
    PlanSection,
    PlanSectionKey,
    PlanSectionVersion,
    StatusMeeting,
    StatusNote,
    Transition,
)
from .services import note_receivers

_KEY_ORDER = {key: i for i, key in enumerate(PlanSectionKey.values)}

_TRANSITION_RELATED = (
    "case__caseworker",
    "case__citizen",
    "residential_therapist",
    "outpatient_therapist",
    "confirmed_by",
    "residential_episode__offer__provider__unit",
    "outpatient_episode__offer__provider",
)


def transition_current_for_case(case: Case) -> Transition | None:
    """The case's current transition: the newest one that is not cancelled, else the newest."""
    rows = list(
        Transition.objects.filter(case=case)
        .select_related(*_TRANSITION_RELATED)
        .order_by("-created_at", "-pk")[:5]
    )
    current = next((t for t in rows if t.status != Transition.Status.CANCELLED), None)
    if current is None and rows:
        current = rows[0]
    if current is not None:
        # The decorator loaded the case with the access check; reuse it (no second query).
        current.case = case
    return current


def transition_get_for_case(case: Case) -> Transition:
    transition = transition_current_for_case(case)
    if transition is None:
        from django.http import Http404

        raise Http404
    return transition


def plan_section_get(transition: Transition, key: str) -> PlanSection:
    return get_object_or_404(
        PlanSection.objects.select_related("updated_by"), transition=transition, key=key
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


def action_item_get(transition: Transition, pk: int) -> ActionItem:
    return get_object_or_404(ActionItem, transition=transition, pk=pk)


def case_consents(case: Case) -> QuerySet[Consent]:
    return Consent.objects.filter(case=case).order_by("party_kind", "-valid_from", "-pk")


def users_with_case_access(case: Case) -> QuerySet[Any]:
    """Active users holding a grant on the case (directly or through their unit's group):
    the people who can be internal meeting participants or owners of an action."""
    from accounts.models import User

    user_ids = CaseUserObjectPermission.objects.filter(content_object=case).values("user_id")
    group_ids = CaseGroupObjectPermission.objects.filter(content_object=case).values("group_id")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=user_ids) | Q(groups__in=group_ids))
        .select_related("unit")
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


# --- the transition page -----------------------------------------------------------------------


@dataclass
class NoteRow:
    note: StatusNote
    receivers: list[tuple[Any, Any]]  # (user, acknowledgement or None)
    user_is_receiver: bool
    user_has_acknowledged: bool

    @property
    def missing(self) -> list[Any]:
        return [u for u, ack in self.receivers if ack is None]


@dataclass
class ThemeGrid:
    """Themes (rows) x answered check-ins (columns): how the citizen's worries change."""

    columns: list[CheckIn]
    rows: list[tuple[str, list[bool]]]


@dataclass
class TransitionPage:
    transition: Transition
    sections: list[PlanSection]
    commitments: list[AftercareCommitment]
    notes: list[NoteRow]
    meetings: list[StatusMeeting]
    checkins: list[CheckIn]
    open_actions: list[ActionItem]
    missing: list[readiness.Missing]
    theme_grid: ThemeGrid
    perms: dict[str, bool] = field(default_factory=dict)
    before_discharge_note: StatusNote | None = None

    @property
    def checklist(self) -> list[tuple[str, bool]]:
        """Every readiness item with its label and whether it is done, in display order."""
        return [(str(MISSING_LABELS[m]), m not in self.missing) for m in readiness.Missing]

    @property
    def is_closed(self) -> bool:
        return self.transition.status in (
            Transition.Status.COMPLETED,
            Transition.Status.CANCELLED,
        )


PAGE_PERMS = {
    "change_transition": "transitions.change_transition",
    "change_plansection": "transitions.change_plansection",
    "add_statusnote": "transitions.add_statusnote",
    "add_statusmeeting": "transitions.add_statusmeeting",
    "change_checkin": "transitions.change_checkin",
    "add_aftercarecommitment": "transitions.add_aftercarecommitment",
    "change_aftercarecommitment": "transitions.change_aftercarecommitment",
    "change_actionitem": "transitions.change_actionitem",
    "confirm_transition": "transitions.confirm_transition",
}


def page_perms(user: Any, case: Case) -> dict[str, bool]:
    """What the user may do on this case's handover. One query per write permission the
    role has at all (has_case_perm short-cuts on the role perms, which are cached)."""
    can_write = None
    perms: dict[str, bool] = {}
    for name, perm in PAGE_PERMS.items():
        if not user.has_perm(perm):
            perms[name] = False
            continue
        if can_write is None:
            # All write perms need the same per-case write grant: ask the database once.
            can_write = has_case_perm(user, perm, case)
        perms[name] = can_write
    return perms


def theme_grid(checkins: Iterable[CheckIn]) -> ThemeGrid:
    answered = [c for c in checkins if c.answered_at is not None]
    rows = []
    for value, label in CheckIn.Theme.choices:
        marks = [value in (c.themes or []) for c in answered]
        rows.append((str(label), marks))
    return ThemeGrid(columns=answered, rows=rows)


def transition_page(*, transition: Transition, user: Any) -> TransitionPage:
    """Everything the transition page shows, in a fixed number of queries."""
    sections = sorted(
        PlanSection.objects.filter(transition=transition).select_related("updated_by"),
        key=lambda s: _KEY_ORDER.get(s.key, 99),
    )
    commitments = list(
        AftercareCommitment.objects.filter(transition=transition).select_related(
            "responsible", "offer"
        )
    )
    notes = list(
        StatusNote.objects.filter(transition=transition)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "acknowledgements",
                queryset=NoteAcknowledgement.objects.select_related("user"),
            )
        )
        .order_by("-written_at", "-pk")
    )
    meetings = list(
        StatusMeeting.objects.filter(transition=transition)
        .annotate(participant_count=Count("participants"))
        .order_by("-starts_at", "-pk")
    )
    checkins = list(
        CheckIn.objects.filter(transition=transition)
        .select_related("recorded_by")
        .order_by("due_on", "pk")
    )
    open_actions = list(
        ActionItem.objects.filter(transition=transition, done_at__isnull=True)
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    note_rows = []
    for note in notes:
        acks = {a.user_id: a for a in note.acknowledgements.all()}
        receivers = [(u, acks.get(u.pk)) for u in note_receivers(transition=transition, note=note)]
        note_rows.append(
            NoteRow(
                note=note,
                receivers=receivers,
                user_is_receiver=any(u.pk == user.pk for u, _ack in receivers),
                user_has_acknowledged=user.pk in acks,
            )
        )
    before_discharge = next((n for n in notes if n.kind == StatusNote.Kind.BEFORE_DISCHARGE), None)
    facts = readiness.ReadinessFacts(
        has_outpatient_therapist=transition.outpatient_therapist_id is not None,
        has_first_appointment=transition.first_appointment_at is not None,
        meetings_held=sum(1 for m in meetings if m.held),
        has_before_discharge_note=before_discharge is not None,
        final_checkin_done=any(
            c.kind == CheckIn.Kind.FINAL and c.answered_at is not None for c in checkins
        ),
    )
    return TransitionPage(
        transition=transition,
        sections=sections,
        commitments=commitments,
        notes=note_rows,
        meetings=meetings,
        checkins=checkins,
        open_actions=open_actions,
        missing=readiness.readiness_missing(facts),
        theme_grid=theme_grid(checkins),
        perms=page_perms(user, transition.case),
        before_discharge_note=before_discharge,
    )
