"""The citizen pages: registering a citizen, and the citizen with contact data and every case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import permission_required

from .. import selectors, services
from ..access_log import access_log_record
from ..access_log.purposes import purpose_for_cases, subject_key
from ..citizen_access import citizen_cpr_visible_to
from ..forms import CitizenForm, apply_validation_error
from ..models import AccessLog
from ..purpose_prompt import purpose_prompt
from .intake import allow_case_create
from .pages import local_today
from .permissions import CHANGE_CITIZEN


@permission_required("cases.add_citizen")
@require_http_methods(["GET", "POST"])
def citizen_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CitizenForm(request.POST or None)
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            citizen = services.citizen_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            typed_cpr = form.cleaned_data.get("cpr")
            apply_validation_error(form, exc)
            # The CPR number is registered already: the user knows the number, so offer to
            # open a new case for that citizen (their earlier cases stay hidden).
            if typed_cpr and "cpr" in form.errors:
                existing = selectors.citizen_find_by_cpr(request.user, typed_cpr)
                if existing is not None:
                    allow_case_create(request, existing.pk)
        else:
            allow_case_create(request, citizen.pk)
            messages.success(request, _("Borgeren er oprettet. Opret nu borgerens sag."))
            return redirect("cases:case_create", citizen_id=citizen.pk)
    return render(request, "cases/citizen_form.html", {"form": form, "existing": existing})


@permission_required("cases.view_citizen")
@require_http_methods(["GET", "POST"])
def citizen_detail(request: AuthenticatedHttpRequest, citizen_id: int) -> HttpResponse:
    """The citizen with full CPR, contact data and every case over the years the user may see.
    POST saves the contact data (needs cases.change_citizen)."""
    citizen = selectors.citizen_get_for_user(request.user, citizen_id)
    can_edit = request.user.has_perm(CHANGE_CITIZEN)
    form = CitizenForm(initial=CitizenForm.initial_for(citizen))
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = CitizenForm(request.POST)
        if form.is_valid():
            try:
                services.citizen_update(
                    actor=request.user, citizen=citizen, **form.service_kwargs()
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Borgerens oplysninger er gemt."))
                return redirect("cases:citizen_detail", citizen_id=citizen.pk)
    cases = list(selectors.citizen_cases(citizen, request.user))
    if request.method == "GET":
        # The full CPR number is shown here: the read is logged like a case read, with the
        # purpose the user's relationship to one of the cases gives, or a chosen one.
        decision = purpose_for_cases(
            request.user,
            [case.pk for case in cases],
            session=request.session,
            key=subject_key(citizen_id=citizen.pk),
            registered_by_own_team=not cases
            and citizen.registered_by_team_id is not None
            and citizen.registered_by_team_id == getattr(request.user, "unit_id", None),
        )
        if decision.purpose is None:
            return purpose_prompt(request, citizen_id=citizen.pk)
        access_log_record(
            user=request.user,
            object_type="citizen",
            object_id=citizen.pk,
            unit_id=getattr(request.user, "unit_id", None),
            action=AccessLog.Action.VIEW,
            purpose=decision.purpose,
            purpose_chosen=decision.chosen,
        )
    context = {
        "citizen": citizen,
        "cases": cases,
        "has_open_case": any(case.is_open for case in cases),
        "form": form,
        "can_edit": can_edit,
        "cpr_visible": citizen_cpr_visible_to(request.user, citizen),
        "can_create_case": request.user.has_perm("cases.add_case"),
        "today": local_today(),
    }
    return render(request, "cases/citizen_detail.html", context)
