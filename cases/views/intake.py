"""Opening a case for a citizen, also one the user cannot see yet (just registered, or found by the
exact CPR number they typed)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import permission_required

from .. import selectors, services
from ..access import VIEW, has_case_perm
from ..forms import CaseCreateForm, apply_validation_error
from ..models import Citizen

# Citizens the user may open a case for although no case of theirs is visible yet.
CASE_CREATE_SESSION_KEY = "cases_case_create_citizens"


def allow_case_create(request: AuthenticatedHttpRequest, citizen_id: int) -> None:
    """Remember that this user may open a case for a citizen they cannot see yet (just
    created, or found by the exact CPR number they typed)."""
    allowed = [i for i in request.session.get(CASE_CREATE_SESSION_KEY, []) if i != citizen_id]
    request.session[CASE_CREATE_SESSION_KEY] = [*allowed[-19:], citizen_id]


def _found_by_cpr(request: AuthenticatedHttpRequest) -> list[int]:
    return list(request.session.get(CASE_CREATE_SESSION_KEY, []))


def _citizen_for_case_create(request: AuthenticatedHttpRequest, citizen_id: int) -> Citizen:
    """A citizen the user may open a case for (the rule the API and case_open follow); 404
    for any other."""
    citizen = (
        selectors.citizens_for_new_case(request.user, found_by_cpr=_found_by_cpr(request))
        .filter(pk=citizen_id)
        .first()
    )
    if citizen is None:
        raise Http404
    return citizen


@permission_required("cases.add_case")
@require_http_methods(["GET", "POST"])
def case_create(request: AuthenticatedHttpRequest, citizen_id: int) -> HttpResponse:
    citizen = _citizen_for_case_create(request, citizen_id)
    form = CaseCreateForm(request.POST or None, citizen=citizen, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                actor=request.user,
                citizen=citizen,
                found_by_cpr=_found_by_cpr(request),
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Sag %(number)s er oprettet.") % {"number": case.number})
            if has_case_perm(request.user, VIEW, case):
                return redirect("cases:detail", case_id=case.pk)
            # Opened for another team: the creator does not hold it (access follows the owner).
            return redirect("cases:citizen_detail", citizen_id=citizen.pk)
    return render(request, "cases/case_create.html", {"form": form, "citizen": citizen})
