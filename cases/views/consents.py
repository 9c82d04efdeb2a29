"""Recording a consent and its withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest

from .. import services
from ..access import VIEW
from ..decorators import case_view
from ..forms import ConsentForm, ConsentWithdrawForm, apply_validation_error
from ..models import Case, InformationKind, PartyKind
from .pages import detail_url, local_today
from .permissions import ADD_CONSENT, CHANGE_CASE, require

# What an employer's consent usually covers when the handover asks for it.
EMPLOYER_KINDS = [InformationKind.MEETINGS, InformationKind.WORK_AGREEMENT]


@case_view(perm=VIEW, object_type="case_consent")
@require_http_methods(["GET", "POST"])
def consent_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    require(request.user, ADD_CONSENT, case)
    # The handover's work section links here to ask for the employer's consent (DESIGN §5.12).
    initial = (
        {"party_kind": PartyKind.EMPLOYER, "information_kinds": EMPLOYER_KINDS}
        if request.GET.get("part") == PartyKind.EMPLOYER
        else None
    )
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Samtykket er registreret."))
            return redirect(detail_url(case, "samtykker"))
    return render(
        request, "cases/consent_form.html", {"case": case, "form": form, "today": local_today()}
    )


@case_view(perm=VIEW, object_type="consent")
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    # The service checks cases.change_case for withdrawing (any caseworker on the case may
    # record that the citizen withdrew), so the view asks the same.
    require(request.user, CHANGE_CASE, case)
    consent = case.consents.filter(pk=pk).first()
    if consent is None:
        raise Http404
    if consent.withdrawn_on is not None:
        messages.info(request, _("Samtykket er allerede trukket tilbage."))
        return redirect(detail_url(case, "samtykker"))
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user,
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Samtykket er trukket tilbage."))
            return redirect(detail_url(case, "samtykker"))
    return render(
        request,
        "cases/consent_withdraw.html",
        {"case": case, "consent": consent, "form": form, "today": local_today()},
    )
