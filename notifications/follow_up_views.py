"""The follow-up forms of the case page (BEK 1477/2019 § 4): a dated attempt, and the outcome
with what was found. Both post from the case page's follow-up panel; a form with errors is
shown again on a page of its own, with what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from cases.decorators import case_view
from cases.forms import apply_validation_error
from cases.models import Case

from .follow_ups import RECORD, follow_up_attempt_add, follow_up_outcome_record, required_attempts
from .forms import FollowUpAttemptForm, FollowUpOutcomeForm
from .models import FollowUp
from .panels import follow_up_items, form_prefix


def _case_url(case: Case) -> str:
    return reverse("cases:detail", kwargs={"case_id": case.pk}) + "#opfoelgning"


def _kind(due_kind: str) -> str:
    if due_kind not in FollowUp.DueKind.values:
        raise Http404
    return due_kind


@case_view(perm=RECORD, object_type="follow_up")
@require_http_methods(["GET", "POST"])
def follow_up_outcome(request: AuthenticatedHttpRequest, case: Case, due_kind: str) -> HttpResponse:
    """Record the outcome of the 1- or 6-month follow-up and what was found."""
    kind = _kind(due_kind)
    form = FollowUpOutcomeForm(
        request.POST or None,
        prefix=form_prefix(kind),
        initial={"done_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = follow_up_outcome_record(
                actor=request.user, case=case, due_kind=kind, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            text = _("Opfølgningen er registreret: %(outcome)s.") % {
                "outcome": follow_up.get_outcome_display()
            }
            if follow_up.new_request_id:
                text += " " + _("Der er oprettet en anmodning om fornyet behandling.")
            messages.success(request, text)
            return redirect(_case_url(case))
    return _page(request, case, kind, form)


@case_view(perm=RECORD, object_type="follow_up")
@require_http_methods(["POST"])
def follow_up_attempt(request: AuthenticatedHttpRequest, case: Case, due_kind: str) -> HttpResponse:
    """Record one dated attempt to reach the citizen."""
    kind = _kind(due_kind)
    form = FollowUpAttemptForm(request.POST, prefix=form_prefix(kind))
    if form.is_valid():
        try:
            follow_up_attempt_add(actor=request.user, case=case, due_kind=kind, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Forsøget er registreret."))
            return redirect(_case_url(case))
    return _page(request, case, kind, None, attempt_form=form, status=400)


def _page(
    request: AuthenticatedHttpRequest,
    case: Case,
    kind: str,
    form: FollowUpOutcomeForm | None,
    *,
    attempt_form: FollowUpAttemptForm | None = None,
    status: int | None = None,
) -> HttpResponse:
    items = [
        i for i in follow_up_items(case, outcome_form=form, due_kind=kind) if i["kind"] == kind
    ]
    if not items:
        raise Http404
    item = items[0]
    if attempt_form is not None:
        item["attempt_form"] = attempt_form
    bound_with_errors = form is not None and form.is_bound and bool(form.errors)
    return render(
        request,
        "notifications/follow_up_form.html",
        {
            "case": case,
            "item": item,
            "required_attempts": required_attempts(case),
            "can_record": True,
            "today": timezone.localdate(),
        },
        status=status or (400 if bound_with_errors else 200),
    )
