"""The check-ins panel on the case page (transitions/_checkin_panel.html), registered on
`cases.hooks.case_page_panels` in TransitionsConfig.ready(). It shows an outpatient-only
course's check-ins and schedule (DESIGN §5.10); a course with a handover shows them on the
handover page instead."""

from __future__ import annotations

from typing import Any

from cases.access import has_case_perm
from cases.hooks import CasePagePanel
from cases.models import Case

from ..models import ActionItem, Transition
from .checkins import course_checkins


def case_checkin_panel(case: Case, user: Any) -> dict[str, Any]:
    if case.transitions.exclude(status=Transition.Status.CANCELLED).exists():
        return {"show": False}
    course = course_checkins(case)
    # The follow-up tasks of answers that need follow-up (on a course with a handover they are
    # with the handover's open actions).
    follow_ups = list(
        ActionItem.objects.filter(case=case, transition__isnull=True, done_at__isnull=True)
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    return {
        "follow_ups": follow_ups,
        "can_mark_done": user is not None
        and has_case_perm(user, "transitions.change_actionitem", case),
        "show": bool(course.checkins) or course.anchor is not None,
        "checkins": course.checkins,
        "weeks": course.weeks,
        "anchor": course.anchor,
        "can_change": user is not None
        and has_case_perm(user, "transitions.change_transition", case),
    }


CHECKIN_PANEL = CasePagePanel("transitions/_checkin_panel.html", case_checkin_panel)
