"""The rows of the transition page, each kind read once and shared by the panels that show it
(issue 17): the transition with its at-most-one rows and the case's small lists, the plan
sections with their open stale saves, the notes with their acknowledgements, the case's
commitments with their delivery counts, and the meetings. Five queries on PostgreSQL however
many versions, notes, meetings, check-ins and commitments there are (see
tests/transitions/test_query_counts.py); on SQLite the lists are one query each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as When_
from django.db.models import Count, IntegerField, Q, Value, When

from cases.models import Case, Consent
from treatment_options.models import Contact

from ..models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    CheckInSchedule,
    NoteAcknowledgement,
    PlanSection,
    PlanSectionVersion,
    StatusMeeting,
    StatusNote,
    Transition,
)
from .contacts import EPISODE_RELATED, RECENT_CONTACTS, STARTED_EPISODES
from .delivery import delivery_aggregates
from .handover import TRANSITION_RELATED
from .nested_rows import Rows, load_with_rows, prime_prefetch
from .work import employer_participant_q

# The case's small lists, brought along with the transition row (case_id links them).
_CASE_ROWS = (
    Rows(
        "page_consents", Consent.objects.order_by("-valid_from", "-pk"), link="case", key="case_id"
    ),
    Rows(
        "page_episodes",
        STARTED_EPISODES.order_by("pk"),
        link="case",
        key="case_id",
        related=EPISODE_RELATED,
    ),
    Rows("page_schedule", CheckInSchedule.objects.all(), link="case", key="case_id"),
    Rows(
        "page_checkins",
        CheckIn.objects.order_by("due_on", "pk"),
        link="case",
        key="case_id",
        related=("recorded_by",),
    ),
    # The open items of the case; the page keeps the handover's and the course's from before
    # it (an outpatient-only course's check-in follow-ups, which hang on no transition).
    Rows(
        "page_actions",
        ActionItem.objects.filter(done_at__isnull=True).order_by("due_on", "pk"),
        link="case",
        key="case_id",
        related=("owner",),
    ),
    Rows(
        "page_contacts",
        Contact.objects.order_by("-at", "-pk"),
        link="episode__case",
        key="case_id",
        related=("episode__offer", "recorded_by", "delivery__commitment"),
        limit=RECENT_CONTACTS,
    ),
)


def transition_for_page(case: Case) -> Transition | None:
    """The case's current transition as `transition_current_for_case` chooses it (the newest
    one that is not cancelled, else the newest), in one query with its work agreement and the
    case's consents, started episodes, check-in schedule, check-ins, open action items and
    latest contacts (`page_*` lists). The consents go into the case's prefetch cache."""
    cancelled_last = When_(
        When(status=Transition.Status.CANCELLED, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = load_with_rows(
        Transition.objects.filter(case=case)
        .select_related(
            *TRANSITION_RELATED, "work_agreement__updated_by", "work_agreement__consent"
        )
        .order_by(cancelled_last, "-created_at", "-pk")[:1],
        *_CASE_ROWS,
    )
    if not rows:
        return None
    transition: Transition = rows[0]
    # The decorator loaded the case with the access check; reuse it (no second query).
    transition.case = case
    prime_prefetch(case, "consents", transition.page_consents)  # type: ignore[attr-defined]
    return transition


@dataclass
class PageRows:
    sections: list[PlanSection]
    notes: list[StatusNote]  # each with `acks`, its acknowledgements with their user
    meetings: Sequence[StatusMeeting]  # with participant_count and employer_count
    commitments: list[AftercareCommitment]  # the handover's, with the delivery aggregates
    deliverable: list[AftercareCommitment]  # those a contact can deliver (the contact form)


def page_rows(transition: Transition, *, today: dt.date) -> PageRows:
    """The page's own lists (four queries); the sections in the table's order, unsorted."""
    sections = load_with_rows(
        PlanSection.objects.filter(transition=transition).select_related("updated_by"),
        Rows(
            "open_stale",
            PlanSectionVersion.objects.filter(is_stale=True, resolved_at__isnull=True).order_by(
                "number"
            ),
            link="section",
            related=("author",),
        ),
    )
    notes = load_with_rows(
        StatusNote.objects.filter(transition=transition)
        .select_related("author")
        .order_by("-written_at", "-pk"),
        Rows("acks", NoteAcknowledgement.objects.order_by("pk"), link="note", related=("user",)),
    )
    meetings = list(
        StatusMeeting.objects.filter(transition=transition)
        .annotate(
            participant_count=Count("participants"),
            employer_count=Count("participants", filter=employer_participant_q("participants")),
        )
        .order_by("-starts_at", "-pk")
    )
    # The case's commitments that the contact form offers (of handovers not cancelled) and the
    # page's own (of this handover, whatever its status), in one query.
    cancelled = AftercareCommitment.Status.CANCELLED
    all_commitments: list[Any] = list(
        AftercareCommitment.objects.filter(
            Q(transition=transition)
            | Q(transition__case_id=transition.case_id)
            & ~Q(transition__status=Transition.Status.CANCELLED)
        )
        .select_related("responsible", "offer")
        .annotate(**delivery_aggregates(today, "deliveries__"))
        .order_by("starts_on", "pk")
    )
    own_deliverable = transition.status != Transition.Status.CANCELLED
    return PageRows(
        sections=sections,
        notes=notes,
        meetings=meetings,
        commitments=[c for c in all_commitments if c.transition_id == transition.pk],
        deliverable=[
            c
            for c in all_commitments
            if c.status != cancelled and (own_deliverable or c.transition_id != transition.pk)
        ],
    )
