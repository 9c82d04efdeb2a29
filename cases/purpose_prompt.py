"""The one-click purpose prompt (DESIGN §10): shown instead of a page where the context does not
decide why the user reads a case (or a citizen), and the POST that records the choice.

The prompt shows nothing of the case but its number; the choice is POSTed (CSRF), kept in
the session for ACCESS_PURPOSE_REMEMBER_MINUTES (cases.access_log.purposes) and the user is
sent on to the page they asked for, whose read is then logged with the chosen purpose.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import authenticated

from .access import case_get_for_user
from .access_log.purposes import PICKABLE, purpose_remember, subject_key
from .models import AccessLog, Case
from .selectors import citizen_get_for_user

TEMPLATE = "cases/purpose_prompt.html"


class PurposeChoiceForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Formål"),
        choices=[(p.value, AccessLog.Purpose(p.value).label) for p in PICKABLE],
        error_messages={
            "required": _("Vælg formålet med opslaget."),
            "invalid_choice": _("Vælg et af formålene på listen."),
        },
    )
    case = forms.IntegerField(required=False)
    citizen = forms.IntegerField(required=False)
    next = forms.CharField(required=False, max_length=2000)


def _choices() -> list[tuple[str, Any]]:
    return [(p.value, AccessLog.Purpose(p.value).label) for p in PICKABLE]


def purpose_prompt(
    request: AuthenticatedHttpRequest,
    *,
    case: Case | None = None,
    citizen_id: int | None = None,
    form: PurposeChoiceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The prompt instead of the page the user asked for (`request.get_full_path()`)."""
    if form is None and getattr(request, "htmx", False):
        # A fragment of a page whose remembered purpose ran out: reload the whole page, which
        # then asks, rather than swap the prompt into a corner of it.
        response = HttpResponse(status=200)
        response["HX-Refresh"] = "true"
        return response
    context = {
        "case": case,
        "citizen_id": citizen_id,
        "choices": _choices(),
        "next": request.get_full_path() if form is None else form.data.get("next", ""),
        "form": form,
    }
    return render(request, TEMPLATE, context, status=status)


def _safe_next(request: AuthenticatedHttpRequest, url: str, fallback: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed and url.startswith("/") else fallback


@authenticated
@require_POST
def purpose_choose(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Record the purpose the user picked for a case or a citizen, then show the page.

    The case (or citizen) is looked up with the user's access first: 404 without it, as on
    every page under it."""
    form = PurposeChoiceForm(request.POST)
    case_id = form.data.get("case") or None
    citizen_id = form.data.get("citizen") or None
    if case_id is not None:
        case = case_get_for_user(request.user, case_id)
        key, fallback = (
            subject_key(case_id=case.pk),
            reverse("cases:detail", kwargs={"case_id": case.pk}),
        )
    else:
        citizen = citizen_get_for_user(request.user, citizen_id)
        case = None
        key, fallback = (
            subject_key(citizen_id=citizen.pk),
            reverse("cases:citizen_detail", kwargs={"citizen_id": citizen.pk}),
        )
    if not form.is_valid():
        return purpose_prompt(
            request,
            case=case,
            citizen_id=None if case else int(str(citizen_id)),
            form=form,
            status=400,
        )
    purpose_remember(request.session, key, form.cleaned_data["purpose"])
    return redirect(_safe_next(request, form.cleaned_data["next"], fallback))
