"""The pages for a further treatment request (renewed treatment, combination treatment) and for
a request's doctor's consultation (offered, held, declined)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest

from ..access import VIEW
from ..decorators import case_view
from ..forms import apply_validation_error
from ..forms.requests import DoctorConsultationForm, RequestCreateForm
from ..models import Case, TreatmentRequest
from ..services.requests import request_doctor_consultation_save, request_open
from .pages import detail_url, local_today
from .permissions import CHANGE_CASE, require


@case_view(perm=VIEW, object_type="case_request")
@require_http_methods(["GET", "POST"])
def request_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """A new request with its own clock (Socialstyrelsen 2.12.4; DESIGN §3)."""
    require(request.user, CHANGE_CASE, case)
    form = RequestCreateForm(
        request.POST or None,
        initial={"requested_on": local_today(), "legal_basis": case.legal_basis},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = request_open(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Anmodningen er oprettet med frist %(date)s.")
                % {
                    "date": created.guarantee_deadline.isoformat()
                    if created.guarantee_deadline
                    else _("(ingen frist)")
                },
            )
            return redirect(detail_url(case, "anmodninger"))
    return render(
        request,
        "cases/case_request_create.html",
        {"case": case, "form": form, "today": local_today()},
    )


@case_view(perm=VIEW, object_type="case_request")
@require_http_methods(["GET", "POST"])
def request_consultation(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    """The doctor's consultation of a drug request (SUL § 142, stk. 1-2): an offer, so it is
    recorded as offered, held or declined, each with its date."""
    require(request.user, CHANGE_CASE, case)
    treatment_request = TreatmentRequest.objects.filter(case=case, pk=pk).first()
    if treatment_request is None:
        raise Http404
    form = DoctorConsultationForm(
        request.POST or None,
        initial={
            "offered_on": treatment_request.doctor_consultation_offered_on,
            "held_on": treatment_request.doctor_consultation_held_on,
            "declined_on": treatment_request.doctor_consultation_declined_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            request_doctor_consultation_save(
                actor=request.user, request=treatment_request, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Lægesamtalen er registreret."))
            return redirect(detail_url(case, "anmodninger"))
    return render(
        request,
        "cases/case_request_consultation.html",
        {
            "case": case,
            "form": form,
            "treatment_request": treatment_request,
            "today": local_today(),
        },
    )
