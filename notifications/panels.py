"""The follow-up panel on the case page (BEK 1477/2019 § 4): the 1- and 6-month follow-ups of
the case's course, their attempts and outcome, and the forms to record them. Registered on
cases.hooks.case_page_panels (cases does not import notifications)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from cases.access import has_case_perm
from cases.guarantee import FOLLOW_UP_MONTHS, add_months
from cases.hooks import CasePagePanel
from cases.models import Case
from cases.page import CasePage

from .follow_ups import RECORD, required_attempts
from .forms import FollowUpAttemptForm, FollowUpOutcomeForm
from .models import FollowUp
from .selectors import followed_up_course_end_of, followed_up_course_end_on_page


class Unset:
    """No value given (None is one: no followed-up course)."""


UNSET = Unset()


def form_prefix(due_kind: str) -> str:
    """The forms of both follow-ups are on one page: each has its own field ids."""
    return f"opf{due_kind}"


def follow_up_items(
    case: Case,
    *,
    outcome_form: FollowUpOutcomeForm | None = None,
    due_kind: str = "",
    course_end: date | Unset | None = UNSET,
) -> list[dict[str, Any]]:
    """Per follow-up of the course: its due date, its row (attempts, outcome, findings) and
    empty forms (or the bound `outcome_form` for `due_kind`, with its errors). `course_end`:
    the followed-up course's end where the caller knows it (the case page)."""
    if isinstance(course_end, Unset):
        course_end = followed_up_course_end_of(case=case)
    if course_end is None:
        return []
    rows = {
        f.due_kind: f
        for f in FollowUp.objects.filter(case=case, course_end_on=course_end)
        .select_related("done_by", "new_request")
        .prefetch_related("attempts__attempted_by")
    }
    today = timezone.localdate()
    items = []
    for months in FOLLOW_UP_MONTHS:
        kind = f"{months}m"
        row = rows.get(kind)
        prefix = form_prefix(kind)
        form = outcome_form if outcome_form is not None and due_kind == kind else None
        form = form or FollowUpOutcomeForm(prefix=prefix, initial={"done_on": today})
        items.append(
            {
                "kind": kind,
                "label": FollowUp.DueKind(kind).label,
                "due_on": add_months(course_end, months),
                "follow_up": row,
                "attempts": list(row.attempts.all()) if row else [],
                "outcome_form": form
                or FollowUpOutcomeForm(prefix=prefix, initial={"done_on": today}),
                "attempt_form": FollowUpAttemptForm(prefix=prefix, initial={"attempted_on": today}),
            }
        )
    return items


def follow_up_panel(page: CasePage) -> dict[str, Any]:
    case, user = page.case, page.user
    items = follow_up_items(case, course_end=followed_up_course_end_on_page(page))
    return {
        "case": case,
        "shown": bool(items),
        "items": items,
        "can_record": bool(items) and has_case_perm(user, RECORD, case),
        "required_attempts": required_attempts(case),
    }


FOLLOW_UP_PANEL = CasePagePanel("notifications/_follow_up_panel.html", follow_up_panel)
