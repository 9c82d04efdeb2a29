"""The case's timeline page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest

from .. import selectors
from ..access import VIEW
from ..decorators import case_view
from ..models import Case
from .pages import local_today

# Timeline entries drawn with a filled marker: the milestones of a course.
IMPORTANT_TIMELINE_KINDS = frozenset(
    {
        "created",
        "status_changed",
        "decision_saved",
        "episode_started",
        "episode_ended",
        "break_glass",
    }
)


@case_view(perm=VIEW, object_type="case_timeline")
@require_http_methods(["GET"])
def case_timeline(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    items = selectors.case_timeline(case)
    context = {
        "case": case,
        "items": items,
        "important_kinds": IMPORTANT_TIMELINE_KINDS,
        "today": local_today(),
    }
    return render(request, "cases/case_timeline.html", context)
