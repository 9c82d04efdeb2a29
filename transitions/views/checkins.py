"""Check-ins: recording an answer, and the course's schedule. Both work on a course without a
handover (outpatient-only, DESIGN §5.10): the check-in and the schedule belong to the case, and
the way back is then the case page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from cases.access import has_case_perm
from cases.decorators import case_view
from cases.models import Case

from .. import selectors, services
from ..forms import CheckInAnswerForm, CheckInScheduleForm
from .base import VIEW, apply_errors, base, detail_url, require


def _back_url(case: Case, has_transition: bool) -> str:
    if has_transition:
        return detail_url(case, "tjek-ind")
    return reverse("cases:detail", kwargs={"case_id": case.pk}) + "#tjek-ind"


@case_view(perm=VIEW, object_type="checkin")
@require_http_methods(["GET", "POST"])
def checkin_answer(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_current_for_case(case)
    checkin = selectors.checkin_get_for_case(case, pk)
    can_change = has_case_perm(request.user, "transitions.change_checkin", case)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = CheckInAnswerForm(
            request.POST, initial={"answer": checkin.answer}, course_only=transition is None
        )
        if form.is_valid():
            try:
                services.checkin_answer(checkin=checkin, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Svaret er gemt."))
                return redirect(_back_url(case, transition is not None))
    else:
        form = CheckInAnswerForm(
            initial={
                "answer": checkin.answer,
                "themes": checkin.themes,
                "needs_follow_up": checkin.needs_follow_up,
            },
            course_only=transition is None,
        )
    return render(
        request,
        "transitions/checkin_form.html",
        base(
            case,
            transition,
            checkin=checkin,
            form=form,
            can_change=can_change,
            course_only=transition is None,
        ),
    )


@case_view(perm=VIEW, object_type="transition")
@require_http_methods(["GET", "POST"])
def checkin_schedule(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_current_for_case(case)
    require(request, "transitions.change_transition", case)
    initial = {"weeks": ", ".join(str(w) for w in selectors.checkin_schedule_weeks(case))}
    # Bound on POST only: an empty POST (nothing typed, or a browser that sent no fields) is
    # still a submission and must show its errors, not the blank form.
    form = CheckInScheduleForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        course_only=transition is None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.course_checkin_schedule_update(
                case=case,
                actor=request.user,
                weeks=form.cleaned_data["weeks"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Planen for tjek-ind er gemt."))
            return redirect(_back_url(case, transition is not None))
    return render(
        request,
        "transitions/checkin_schedule.html",
        base(case, transition, form=form, course_only=transition is None),
    )
