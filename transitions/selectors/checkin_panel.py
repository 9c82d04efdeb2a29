"""The check-ins panel on the case page (transitions/_checkin_panel.html), registered on
`cases.hooks.case_page_panels` in TransitionsConfig.ready(). It shows an outpatient-only
course's check-ins and schedule (DESIGN §5.10); a course with a handover shows them on the
handover page instead."""

from __future__ import annotations

from typing import Any

from cases.access import has_case_perm
from cases.hooks import CasePagePanel
from cases.page import CasePage

from ..models import ActionItem
from .case_page import page_checkins, page_live_transitions, page_transitions
from .checkins import checkin_schedule_weeks, course_checkin_anchor_of


def case_checkin_panel(page: CasePage) -> dict[str, Any]:
    case, user = page.case, page.user
    if page_live_transitions(page):
        return {"show": False}
    checkins = page_checkins(page)
    anchor = course_checkin_anchor_of(page_transitions(page), page.episodes)
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
        "show": bool(checkins) or anchor is not None,
        "checkins": checkins,
        "weeks": checkin_schedule_weeks(case),
        "anchor": anchor,
        "can_change": user is not None
        and has_case_perm(user, "transitions.change_transition", case),
    }


CHECKIN_PANEL = CasePagePanel("transitions/_checkin_panel.html", case_checkin_panel)
