"""The handover's rows on the case page, read once and shared by its panels and its course
strip (cases.page, issue 17): the case's transitions and its check-ins."""

from __future__ import annotations

from cases.page import CasePage

from ..models import CheckIn, Transition
from .handover import transitions_of_case_page


def page_transitions(page: CasePage) -> list[Transition]:
    """All of the case's transitions, newest first (one query per page)."""
    return page.shared("transitions.transitions", lambda: transitions_of_case_page(page.case))


def page_live_transitions(page: CasePage) -> list[Transition]:
    """The case's transitions that were not cancelled, oldest first."""
    rows = [t for t in page_transitions(page) if t.status != Transition.Status.CANCELLED]
    return rows[::-1]


def page_checkins(page: CasePage) -> list[CheckIn]:
    """The case's check-ins in due order with who recorded them (one query per page)."""
    return page.shared(
        "transitions.checkins",
        lambda: list(
            CheckIn.objects.filter(case=page.case)
            .select_related("recorded_by")
            .order_by("due_on", "pk")
        ),
    )


def page_course_checkins(page: CasePage) -> list[CheckIn]:
    """The course's check-ins, not those of a cancelled handover."""
    cancelled = {t.pk for t in page_transitions(page) if t.status == Transition.Status.CANCELLED}
    return [c for c in page_checkins(page) if c.transition_id not in cancelled]
