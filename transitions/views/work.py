"""The work agreement (DESIGN §5.12): its form, saved only under the employer's written
consent that covers it, at the version the form was opened on."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from cases.access import has_case_perm
from cases.decorators import case_view
from cases.models import Case

from .. import selectors, services
from ..selectors.work import BASIS_MESSAGES, work_agreement_consent, work_agreement_get
from ..work_forms import WorkAgreementForm
from .base import VIEW, apply_errors, base, detail_url, require

CHANGE = "transitions.change_transition"


@case_view(perm=VIEW, object_type="work_agreement")
@require_http_methods(["GET", "POST"])
def work_agreement_edit(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """GET: the form at the saved version. POST: save; without the employer's consent the form
    comes back with what was typed, and on a stale version (409) with the saved agreement."""
    transition = selectors.transition_get_for_case(case)
    require(request, CHANGE, case)
    agreement = work_agreement_get(transition)
    status = 200
    if request.method == "POST":
        form = WorkAgreementForm(request.POST)
        if form.is_valid():
            try:
                services.work_agreement_save(
                    transition=transition, actor=request.user, **form.service_kwargs()
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "stale_version":
                    # Keep what was typed, based on the saved version, so that a second save
                    # goes through once the user has compared.
                    data = request.POST.copy()
                    data["version"] = str(agreement.version if agreement else 0)
                    form = WorkAgreementForm(data)
                    form.is_valid()
                    status = 409
                apply_errors(form, error)
            else:
                messages.success(request, _("Arbejdsaftalen er gemt."))
                return redirect(detail_url(case, "arbejde"))
    else:
        form = WorkAgreementForm(initial=WorkAgreementForm.initial_for(agreement))
    consent, problem = work_agreement_consent(case, timezone.localdate())
    return render(
        request,
        "transitions/work_agreement_form.html",
        base(
            case,
            transition,
            form=form,
            agreement=agreement,
            conflict=status == 409,
            consent=consent,
            problem_message=str(BASIS_MESSAGES[problem]) if problem else "",
            can_add_consent=has_case_perm(request.user, "cases.add_consent", case),
        ),
        status=status,
    )
