"""The user's own deputy page (DESIGN §5.10, "no day without an owner"): name a colleague who
stands in while you are away, and see whom you stand in for."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import deputies
from .forms import DeputyshipForm
from .http import AuthenticatedHttpRequest
from .policies import authenticated


@authenticated
@require_http_methods(["GET", "POST"])
def deputy_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = DeputyshipForm(request.POST or None, candidates=deputies.deputy_candidates(user))
    if request.method == "POST" and form.is_valid():
        try:
            deputies.deputyship_create(user=user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Din stedfortræder er gemt."))
            return redirect("accounts:deputies")
    return render(
        request,
        "accounts/deputies.html",
        {
            "form": form,
            "mine": deputies.deputyship_list_for_user(user=user),
            "standing_in_for": deputies.deputising_for(user=user),
        },
    )


@authenticated
@require_POST
def deputy_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deputies.deputyship_delete(user=request.user, deputyship_id=pk)
    messages.success(request, _("Stedfortræderen er fjernet."))
    return redirect("accounts:deputies")
