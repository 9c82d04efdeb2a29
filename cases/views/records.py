"""Consent to treatment under 18 (Barnets lov § 33) and the notification of concern
(Barnets lov § 133), recorded on the case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest

from .. import services
from ..access import VIEW
from ..decorators import case_view
from ..forms import apply_validation_error
from ..forms.records import ConcernNotificationForm, TreatmentConsentForm
from ..models import Case
from .pages import detail_url, local_today
from .permissions import ADD_DISCLOSURE, CHANGE_CASE, require


@case_view(perm=VIEW, object_type="treatment_consent")
@require_http_methods(["GET", "POST"])
def treatment_consent_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    require(request.user, CHANGE_CASE, case)
    form = TreatmentConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.treatment_consent_record(
                actor=request.user, case=case, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Samtykket til behandling er registreret."))
            return redirect(detail_url(case, "samtykke-behandling"))
    missing = services.under_18_consents_missing(case, local_today())
    return render(
        request,
        "cases/treatment_consent_form.html",
        {"case": case, "form": form, "missing": missing},
    )


@case_view(perm=VIEW, object_type="concern_notification")
@require_http_methods(["GET", "POST"])
def concern_notification_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    require(request.user, ADD_DISCLOSURE, case)
    form = ConcernNotificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_notification_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Underretningen er registreret."))
            return redirect(detail_url(case, "boern"))
    return render(request, "cases/concern_notification_form.html", {"case": case, "form": form})
