"""Confirmation by the receiver: the named outpatient therapist completes the handover."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from cases.decorators import case_view
from cases.models import Case

from .. import selectors, services
from ..forms import ConfirmForm
from ..labels import TEXT_PROBLEMS, confirmation_problem_labels
from .base import VIEW, base, detail_url, require


@case_view(perm=VIEW, object_type="transition_confirmation")
@require_http_methods(["GET", "POST"])
def transition_confirm(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """The named outpatient therapist confirms the handover in their own words."""
    transition = selectors.transition_for_page(case)
    if transition is None:
        raise Http404
    require(request, "transitions.confirm_transition", case)
    early = selectors.confirmation_is_early(transition)
    form = ConfirmForm(request.POST or None, early=early)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.transition_confirm(
                transition=transition,
                actor=request.user,
                situation=data["receiver_situation"],
                actions=data["receiver_actions"],
                contingency=data["receiver_contingency"],
                early_reason=data.get("early_reason", ""),
            )
        except services.TransitionNotConfirmable as error:
            problems = list(error.messages)
        else:
            messages.success(request, _("Overgangen er bekræftet og gennemført."))
            return redirect(detail_url(case))
    page = selectors.transition_page(transition=transition, user=request.user)
    # What stands in the way besides the texts (shown before the user starts writing).
    pending = [
        p
        for p in selectors.confirmation_problems_for(
            transition=transition, user=request.user, situation="", actions="", contingency=""
        )
        if p not in TEXT_PROBLEMS
    ]
    return render(
        request,
        "transitions/confirm.html",
        base(
            case,
            transition,
            page=page,
            form=form,
            problems=problems,
            pending=[confirmation_problem_labels()[p] for p in pending],
            early=early,
            empty_sections=[s for s in page.sections if not s.text.strip()],
        ),
    )
