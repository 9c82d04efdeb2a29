"""A manager moves all of a leaving caseworker's cases to others of the team in one step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.models import Unit
from accounts.policies import permission_required

from .. import services
from ..forms import CaseloadMoveForm, apply_validation_error


@permission_required("cases.reassign_case")
@require_http_methods(["GET", "POST"])
def caseload_move(request: AuthenticatedHttpRequest) -> HttpResponse:
    team = request.user.unit
    if team is None or team.kind != Unit.Kind.MUNICIPAL_TEAM:
        raise PermissionDenied
    form = CaseloadMoveForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.caseload_move(
                actor=request.user,
                from_caseworker=form.cleaned_data["from_caseworker"],
                to_caseworkers=list(form.cleaned_data["to_caseworkers"]),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                ngettext("%(count)d sag er flyttet.", "%(count)d sager er flyttet.", len(moved))
                % {"count": len(moved)},
            )
            return redirect("cases:caseload_move")
    return render(request, "cases/caseload_move.html", {"form": form, "team": team})
