"""Aftercare commitments: adding one, and changing, reducing or cancelling it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from cases.access import has_case_perm
from cases.decorators import case_view
from cases.models import Case
from treatment_options.models import Offer

from .. import selectors, services
from ..forms import CommitmentChangeForm, CommitmentForm
from ..selectors.delivery import commitment_deliveries
from .base import VIEW, action_users, apply_errors, base, detail_url, require


@case_view(perm=VIEW, object_type="aftercare_commitment")
@require_http_methods(["GET", "POST"])
def commitment_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    require(request, "transitions.add_aftercarecommitment", case)
    kwargs = {"users": action_users(case), "offers": Offer.objects.filter(active=True)}
    form = CommitmentForm(
        request.POST or None, initial={"responsible": transition.outpatient_therapist_id}, **kwargs
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_create(
                transition=transition, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Indsatsen er tilføjet."))
            return redirect(detail_url(case, "indsatser"))
    return render(request, "transitions/commitment_form.html", base(case, transition, form=form))


@case_view(perm=VIEW, object_type="aftercare_commitment")
@require_http_methods(["GET", "POST"])
def commitment_detail(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    """The commitment with its history; POST changes, reduces or cancels it."""
    transition = selectors.transition_get_for_case(case)
    commitment = selectors.commitment_get(transition, pk)
    can_change = has_case_perm(request.user, "transitions.change_aftercarecommitment", case)
    users = action_users(case)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = CommitmentChangeForm(request.POST, users=users)
        if form.is_valid():
            try:
                services.commitment_change(
                    commitment=commitment,
                    actor=request.user,
                    changes=form.changes(),
                    reason=form.cleaned_data["reason"],
                    kind=form.cleaned_data["kind"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Indsatsen er ændret."))
                return redirect("transitions:commitment_detail", case_id=case.pk, pk=pk)
    else:
        form = CommitmentChangeForm(
            initial=CommitmentChangeForm.initial_for(commitment), users=users
        )
    return render(
        request,
        "transitions/commitment_detail.html",
        base(
            case,
            transition,
            commitment=commitment,
            form=form,
            can_change=can_change,
            delivery=commitment_deliveries([commitment])[commitment.pk],
        ),
    )
