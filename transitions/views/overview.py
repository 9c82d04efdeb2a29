"""The transition page, creating the transition, editing and cancelling it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from cases.access import has_case_perm
from cases.decorators import case_view
from cases.models import Case

from .. import selectors, services
from ..forms import CancelForm, TransitionForm
from ..hooks import transition_page_panels
from .base import VIEW, apply_errors, base, detail_url, require


@case_view(perm=VIEW, object_type="transition")
@require_http_methods(["GET"])
def transition_detail(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_for_page(case)
    if transition is None:
        can_create = has_case_perm(request.user, "transitions.add_transition", case)
        episode = selectors.residential_episode_for_transition(case) if can_create else None
        return render(
            request, "transitions/none.html", {"case": case, "can_create": episode is not None}
        )
    page = selectors.transition_page(transition=transition, user=request.user)
    panels = [
        {"template_name": panel.template_name, "context": panel.context(case, request.user)}
        for panel in transition_page_panels
    ]
    return render(
        request,
        "transitions/detail.html",
        base(
            case,
            transition,
            page=page,
            panels=panels,
            contact_form=page.contact_form,
            contact_next="transition",
        ),
    )


@case_view(perm=VIEW, object_type="transition")
@require_POST
def transition_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    require(request, "transitions.add_transition", case)
    try:
        services.transition_create_for_case(case=case, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Overgangen er oprettet."))
    return redirect(detail_url(case))


@case_view(perm=VIEW, object_type="transition")
@require_http_methods(["GET", "POST"])
def transition_edit(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    require(request, "transitions.change_transition", case)
    kwargs = {
        "therapists": selectors.outpatient_therapists_for(case),
        "episodes": case.episodes.exclude(pk=transition.residential_episode_id).select_related(
            "offer"
        ),
    }
    if request.method == "POST":
        form = TransitionForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                updated = services.transition_update(
                    transition=transition,
                    actor=request.user,
                    changes=services.TransitionChanges(
                        outpatient_therapist=data["outpatient_therapist"],
                        outpatient_episode=data["outpatient_episode"],
                        planned_discharge_on=data["planned_discharge_on"],
                        first_appointment_at=data["first_appointment_at"],
                        first_appointment_place=data["first_appointment_place"],
                        first_appointment_with=data["first_appointment_with"],
                    ),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Overgangen er opdateret."))
                if updated.first_appointment_late:
                    # §5.9: flagged when it is booked (and on the page while it stands).
                    messages.warning(
                        request,
                        _(
                            "Den første ambulante aftale ligger mere end 7 dage efter den "
                            "planlagte udskrivning."
                        ),
                    )
                return redirect(detail_url(case))
    else:
        at = transition.first_appointment_at
        local = timezone.localtime(at) if at else None
        form = TransitionForm(
            initial={
                "outpatient_therapist": transition.outpatient_therapist_id,
                "outpatient_episode": transition.outpatient_episode_id,
                "planned_discharge_on": transition.planned_discharge_on,
                "first_appointment_date": local.date() if local else None,
                "first_appointment_time": local.time().replace(second=0) if local else None,
                "first_appointment_place": transition.first_appointment_place,
                "first_appointment_with": transition.first_appointment_with,
            },
            **kwargs,
        )
    return render(request, "transitions/edit.html", base(case, transition, form=form))


@case_view(perm=VIEW, object_type="transition")
@require_http_methods(["GET", "POST"])
def transition_cancel(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    require(request, "transitions.change_transition", case)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transition_cancel(
                transition=transition, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Overgangen er annulleret."))
            return redirect(detail_url(case))
    return render(request, "transitions/cancel.html", base(case, transition, form=form))
