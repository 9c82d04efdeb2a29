"""The pages of access requests and complaints: a case's page with the forms to register and
close them, the POSTs of those forms, and the team's open ones for its managers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import authenticated
from cases.access import VIEW
from cases.access_log.purposes import access_log_list_record
from cases.decorators import case_view
from cases.forms import apply_validation_error
from cases.models import Case

from . import services
from .access import may_view_team_list, rights_require
from .forms import AccessRequestCloseForm, AccessRequestForm, ComplaintForm, ComplaintStepForm
from .models import AccessRequest, Complaint
from .selectors import case_rights, team_rights_open


def _page(
    request: AuthenticatedHttpRequest, case: Case, status: int = 200, **forms_given: Any
) -> HttpResponse:
    today = timezone.localdate()
    rights = case_rights(case)
    close_forms = {
        r.pk: AccessRequestCloseForm(prefix=f"luk-{r.pk}", initial={"closed_on": today})
        for r in rights.access_requests
        if r.is_open
    }
    step_forms = {
        c.pk: ComplaintStepForm(prefix=f"klage-{c.pk}", initial={"on": today})
        for c in rights.complaints
        if not c.is_decided
    }
    close_forms.update(forms_given.pop("close_forms", {}))
    step_forms.update(forms_given.pop("step_forms", {}))
    context = {
        "case": case,
        "citizen": case.citizen,
        "rights": rights,
        "request_form": forms_given.get("request_form")
        or AccessRequestForm(initial={"received_on": today}),
        "complaint_form": forms_given.get("complaint_form")
        or ComplaintForm(initial={"received_on": today}),
        "access_requests": [(r, close_forms.get(r.pk)) for r in rights.access_requests],
        "complaints": [(c, step_forms.get(c.pk)) for c in rights.complaints],
    }
    return render(request, "rights/case_rights.html", context, status=status)


def _back(case: Case) -> HttpResponse:
    return redirect(reverse("rights:case", kwargs={"case_id": case.pk}))


@case_view(perm=VIEW, object_type="rights")
@require_http_methods(["GET"])
def case_rights_page(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """The case's access requests and complaints, with the forms."""
    rights_require(request.user, case)
    return _page(request, case)


def _saved(request: AuthenticatedHttpRequest, form: forms.Form, call: Any, text: str) -> bool:
    if not form.is_valid():
        return False
    try:
        call(**form.cleaned_data)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return False
    messages.success(request, text)
    return True


@case_view(perm=VIEW, object_type="rights")
@require_http_methods(["POST"])
def access_request_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    rights_require(request.user, case)
    form = AccessRequestForm(request.POST)

    def call(**data: Any) -> None:
        services.access_request_register(actor=request.user, case=case, **data)

    text = _("Anmodningen om aktindsigt er registreret, og borgerens oplysninger er tilbageholdt.")
    if _saved(request, form, call, text):
        return _back(case)
    return _page(request, case, status=400, request_form=form)


@case_view(perm=VIEW, object_type="rights")
@require_http_methods(["POST"])
def access_request_close(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    rights_require(request.user, case)
    access_request = get_object_or_404(AccessRequest, pk=pk, case=case)
    form = AccessRequestCloseForm(request.POST, prefix=f"luk-{pk}")

    def call(status: str, closed_on: Any) -> None:
        services.access_request_close(
            actor=request.user, request=access_request, status=status, closed_on=closed_on
        )

    if _saved(request, form, call, _("Anmodningen er lukket, og tilbageholdelsen er ophævet.")):
        return _back(case)
    return _page(request, case, status=400, close_forms={pk: form})


@case_view(perm=VIEW, object_type="rights")
@require_http_methods(["POST"])
def complaint_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    rights_require(request.user, case)
    form = ComplaintForm(request.POST)

    def call(**data: Any) -> None:
        services.complaint_register(actor=request.user, case=case, **data)

    if _saved(request, form, call, _("Klagen er registreret, og sagen er tilbageholdt.")):
        return _back(case)
    return _page(request, case, status=400, complaint_form=form)


@case_view(perm=VIEW, object_type="rights")
@require_http_methods(["POST"])
def complaint_step(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    rights_require(request.user, case)
    complaint = get_object_or_404(Complaint, pk=pk, case=case)
    form = ComplaintStepForm(request.POST, prefix=f"klage-{pk}")

    def call(step: str, on: Any) -> None:
        if step == "forward":
            services.complaint_forward(actor=request.user, complaint=complaint, forwarded_on=on)
        else:
            services.complaint_decide(actor=request.user, complaint=complaint, decided_on=on)

    if _saved(request, form, call, _("Klagen er opdateret.")):
        return _back(case)
    return _page(request, case, status=400, step_forms={pk: form})


@authenticated
@require_http_methods(["GET"])
def team_rights(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The open access requests and complaints of the manager's team, nearest deadline first.
    The list is logged as shown (purpose "list")."""
    if not may_view_team_list(request.user):
        raise PermissionDenied
    rows = team_rights_open(request.user)
    access_log_list_record(
        user=request.user, object_type="rights_list", cases=[row.case for row in rows]
    )
    return render(
        request,
        "rights/team_rights.html",
        {"rows": rows, "team": request.user.unit, "today": timezone.localdate()},
    )
