"""The handover's rows on the case page, read once and shared by its panels and its course
strip (cases.page, issue 17): the case's transitions, its check-ins and the commitments a
contact can deliver, in one query on PostgreSQL (cases.prefetch)."""

from __future__ import annotations

from typing import Any

from cases.page import CasePage
from cases.prefetch import RowLists, Rows, by

from ..models import AftercareCommitment, CheckIn, Transition

HANDOVER_LISTS = RowLists(
    # Newest first, with what the panel shows (the case is the page's own).
    transitions=Rows(
        Transition.objects.select_related(
            "residential_therapist",
            "outpatient_therapist",
            "confirmed_by",
            "residential_episode__offer__provider__unit",
            "outpatient_episode__offer__provider",
        ).order_by("-created_at", "-pk"),
        where=by("case_id"),
    ),
    checkins=Rows(
        CheckIn.objects.select_related("recorded_by").order_by("due_on", "pk"),
        where=by("case_id"),
    ),
    # As contacts.contact_commitments_for: those a contact can still deliver.
    commitments=Rows(
        AftercareCommitment.objects.exclude(status=AftercareCommitment.Status.CANCELLED)
        .exclude(transition__status=Transition.Status.CANCELLED)
        .order_by("starts_on", "pk"),
        where=by("transition__case_id"),
    ),
)


def _rows(page: CasePage) -> dict[str, list[Any]]:
    def load() -> dict[str, list[Any]]:
        rows = HANDOVER_LISTS.rows_for(page.case)
        for transition in rows["transitions"]:
            transition.case = page.case
        return rows

    return page.shared("transitions.rows", load)


def page_transitions(page: CasePage) -> list[Transition]:
    """All of the case's transitions, newest first."""
    return _rows(page)["transitions"]


def page_live_transitions(page: CasePage) -> list[Transition]:
    """The case's transitions that were not cancelled, oldest first."""
    rows = [t for t in page_transitions(page) if t.status != Transition.Status.CANCELLED]
    return rows[::-1]


def page_checkins(page: CasePage) -> list[CheckIn]:
    """The case's check-ins in due order with who recorded them."""
    return _rows(page)["checkins"]


def page_course_checkins(page: CasePage) -> list[CheckIn]:
    """The course's check-ins, not those of a cancelled handover."""
    cancelled = {t.pk for t in page_transitions(page) if t.status == Transition.Status.CANCELLED}
    return [c for c in page_checkins(page) if c.transition_id not in cancelled]


def page_commitments(page: CasePage) -> list[AftercareCommitment]:
    """The commitments of the case's handovers that a contact can still deliver."""
    return _rows(page)["commitments"]
