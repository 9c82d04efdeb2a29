"""Giving the case to another caseworker (and team)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest

from .. import services
from ..access import VIEW, has_case_perm, reassign_require
from ..decorators import case_view
from ..forms import ReassignForm, apply_validation_error
from ..models import Case
from .pages import detail_url, local_today


@case_view(perm=VIEW, object_type="case_reassign")
@require_http_methods(["GET", "POST"])
def case_reassign(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """Give the case to another caseworker (and team). Access follows the new owner: the old
    caseworker loses the case at once, so the response goes to a page they can still see."""
    reassign_require(request.user, case)
    form = ReassignForm(request.POST or None, initial={"caseworker": case.caseworker_id})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_assign(
                actor=request.user,
                case=case,
                caseworker=form.cleaned_data["caseworker"],
                team=form.cleaned_data["team"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            caseworker = form.cleaned_data["caseworker"]
            messages.success(
                request,
                _("Sagen er overdraget til %(name)s.")
                % {"name": caseworker.get_full_name() or caseworker.get_username()},
            )
            if has_case_perm(request.user, VIEW, case):
                return redirect(detail_url(case))
            return redirect("core:home")
    return render(
        request, "cases/case_reassign.html", {"case": case, "form": form, "today": local_today()}
    )
