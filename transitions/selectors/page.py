"""The transition page: everything it shows, in a fixed number of queries however many
versions, notes, meetings and check-ins the transition has
(see tests/transitions/test_query_counts.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from accounts.models import User
from cases.access import has_case_perm
from cases.models import Case

from .. import readiness
from ..contact_forms import ContactForm
from ..labels import MISSING_LABELS, OVERDOSE_LABELS
from ..models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    PlanSection,
    PlanSectionKey,
    StatusMeeting,
    StatusNote,
    Transition,
)
from ..overdose import OverdoseProblem
from .checkins import weeks_of
from .contact_panel import contact_form_for
from .contacts import ContactRow, contact_rows
from .delivery import CommitmentDeliveryRow, commitment_deliveries
from .handover import facts_from
from .page_rows import page_rows
from .people import note_receivers
from .work import WorkPanel, work_panel

_KEY_ORDER = {key: i for i, key in enumerate(PlanSectionKey.values)}


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
class CommitmentRow:
    commitment: AftercareCommitment
    delivery: CommitmentDeliveryRow


@dataclass
class TransitionPage:
    transition: Transition
    sections: list[PlanSection]
    commitments: list[AftercareCommitment]
    notes: list[NoteRow]
    meetings: Sequence[StatusMeeting]  # annotated with participant_count
    checkins: list[CheckIn]
    open_actions: list[ActionItem]
    missing: list[readiness.Missing]
    theme_grid: ThemeGrid
    perms: dict[str, bool] = field(default_factory=dict)
    before_discharge_note: StatusNote | None = None
    commitment_rows: list[CommitmentRow] = field(default_factory=list)
    contacts: list[ContactRow] = field(default_factory=list)
    drug_case: bool = False
    # What the before-discharge note lacks of overdose safety (drug cases, §5.11).
    overdose_missing: list[OverdoseProblem] = field(default_factory=list)
    # The course's check-in schedule in weeks (DESIGN §5.10: it belongs to the case).
    checkin_weeks: list[int] = field(default_factory=list)
    work: WorkPanel | None = None
    contact_form: ContactForm | None = None

    @property
    def commitments_to_review(self) -> list[AftercareCommitment]:
        """Commitments whose old free-text frequency could not be read (DESIGN §5.10)."""
        return [c for c in self.commitments if c.frequency_needs_review]

    @property
    def checklist(self) -> list[tuple[str, bool]]:
        """Every readiness item this case is asked, with its label and whether it is done, in
        display order. The overdose safety names what its note lacks."""
        rows = []
        for m in readiness.Missing:
            if not readiness.readiness_applies(m, drug_case=self.drug_case):
                continue
            label = str(MISSING_LABELS[m])
            if m is readiness.Missing.OVERDOSE_SAFETY and self.overdose_missing:
                parts = ", ".join(str(OVERDOSE_LABELS[p]) for p in self.overdose_missing)
                label = f"{label} ({parts})"
            rows.append((label, m not in self.missing))
        return rows

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
    "add_consent": "cases.add_consent",
}


def page_perms(user: User, case: Case) -> dict[str, bool]:
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


def transition_page(*, transition: Transition, user: User) -> TransitionPage:
    """Everything the transition page shows, for a transition from `transition_for_page`: four
    more queries (`page_rows`), whatever the number of rows."""
    today = timezone.localdate()
    rows = page_rows(transition, today=today)
    sections = sorted(rows.sections, key=lambda s: _KEY_ORDER.get(s.key, 99))
    notes, meetings, commitments = rows.notes, rows.meetings, rows.commitments
    loaded: Any = transition
    checkins: list[CheckIn] = loaded.page_checkins
    open_actions: list[ActionItem] = [
        a for a in loaded.page_actions if a.transition_id in (transition.pk, None)
    ]
    note_rows = []
    for note in notes:
        acks = {a.user_id: a for a in note.acks}  # type: ignore[attr-defined]
        receivers = [(u, acks.get(u.pk)) for u in note_receivers(transition=transition, note=note)]
        note_rows.append(
            NoteRow(
                note=note,
                receivers=receivers,
                user_is_receiver=any(u.pk == user.pk for u, _ack in receivers),
                user_has_acknowledged=user.pk in acks,
            )
        )
    deliveries = commitment_deliveries(commitments, today=today, annotated=True)
    before_discharge = next((n for n in notes if n.kind == StatusNote.Kind.BEFORE_DISCHARGE), None)
    case = transition.case
    drug_case = readiness.is_drug_case(case.legal_basis, case.substances or [])
    facts = facts_from(
        transition,
        drug_case=drug_case,
        meetings_held=sum(1 for m in meetings if m.held),
        before_discharge=before_discharge,
        final_checkin_done=any(
            c.kind == CheckIn.Kind.FINAL
            and c.transition_id == transition.pk
            and c.answered_at is not None
            for c in checkins
        ),
    )
    schedule = loaded.page_schedule
    return TransitionPage(
        transition=transition,
        sections=sections,
        commitments=commitments,
        notes=note_rows,
        meetings=meetings,
        checkins=checkins,
        open_actions=open_actions,
        missing=readiness.readiness_missing(facts),
        drug_case=drug_case,
        overdose_missing=list(facts.overdose_safety_missing),
        theme_grid=theme_grid(checkins),
        perms=page_perms(user, transition.case),
        before_discharge_note=before_discharge,
        commitment_rows=[CommitmentRow(c, deliveries[c.pk]) for c in commitments],
        contacts=contact_rows(loaded.page_contacts),
        checkin_weeks=weeks_of(schedule[0] if schedule else None),
        work=work_panel(
            transition=transition,
            meetings=meetings,
            day=today,
            agreement=getattr(transition, "work_agreement", None),
        ),
        contact_form=contact_form_for(user, case, loaded=(loaded.page_episodes, rows.deliverable)),
    )
