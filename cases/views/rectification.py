""" "Berigtig oplysning": correcting a recorded fact of a citizen or one of their cases, with the
old value kept with who, when and why (cases.services.rectify), and the corrections made."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import permission_required

from .. import selectors, services
from ..access_log import access_log_record
from ..access_log.purposes import purpose_for_cases, subject_key
from ..event_messages import RECTIFIABLE_DATES, RECTIFIABLE_LABELS
from ..forms import apply_validation_error
from ..forms.rectification import RectificationForm, parse_target
from ..models import AccessLog, Rectification, TreatmentRequest
from ..purpose_prompt import purpose_prompt


@permission_required("cases.view_citizen")
@require_http_methods(["GET", "POST"])
def citizen_rectify(request: AuthenticatedHttpRequest, citizen_id: int) -> HttpResponse:
    citizen = selectors.citizen_get_for_user(request.user, citizen_id)
    cases = list(selectors.citizen_cases(citizen, request.user))
    # The later requests: the first one's date is the case's inquiry date.
    later_requests = list(
        TreatmentRequest.objects.filter(case__in=cases)
        .exclude(kind=TreatmentRequest.Kind.FIRST)
        .select_related("case")
        .order_by("requested_on", "pk")
    )
    form = RectificationForm(request.POST or None, cases=cases, requests=later_requests)
    if request.method == "POST" and form.is_valid():
        key, pk = parse_target(form.cleaned_data["target"])
        treatment_request = next((r for r in later_requests if r.pk == pk), None)
        if key.startswith("request."):
            case = treatment_request.case if treatment_request else None
        else:
            case = next((c for c in cases if c.pk == pk), None)
        target = services.RectificationTarget(
            key=key, citizen=citizen, case=case, request=treatment_request
        )
        if not services.may_rectify(request.user, target):
            raise PermissionDenied
        try:
            services.rectify(
                actor=request.user,
                target=target,
                new_value=form.cleaned_data["new_value"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Oplysningen er berigtiget. Den gamle værdi er gemt."))
            return redirect("cases:citizen_rectify", citizen_id=citizen.pk)
    if request.method == "GET":
        # The page shows the citizen's data and its corrections: a read of the citizen, with
        # the purpose the user's relationship to one of the cases gives, or a chosen one.
        decision = purpose_for_cases(
            request.user,
            [case.pk for case in cases],
            session=request.session,
            key=subject_key(citizen_id=citizen.pk),
        )
        if decision.purpose is None:
            return purpose_prompt(request, citizen_id=citizen.pk)
        access_log_record(
            user=request.user,
            object_type="rectification",
            object_id=citizen.pk,
            unit_id=getattr(request.user, "unit_id", None),
            action=AccessLog.Action.VIEW,
            purpose=decision.purpose,
            purpose_chosen=decision.chosen,
        )
    rows = (
        Rectification.objects.filter(citizen=citizen)
        .filter(Q(case__isnull=True) | Q(case__in=cases))
        .select_related("rectified_by")
    )
    rectifications = [_shown(row) for row in rows]
    status = 400 if request.method == "POST" else 200
    context = {"citizen": citizen, "form": form, "rectifications": rectifications}
    return render(request, "cases/citizen_rectify.html", context, status=status)


def _shown(row: Rectification) -> dict[str, object]:
    """A correction as the page lists it: the fact's label, and dates as dates."""
    model = row.model_label.split(".")[-1].lower().replace("treatmentrequest", "request")
    key = f"{model}.{row.field}"

    def value(text: str) -> str:
        if key in RECTIFIABLE_DATES and text:
            return date_format(date.fromisoformat(text), "DATE_FORMAT")
        return text

    return {
        "row": row,
        "label": RECTIFIABLE_LABELS.get(key, row.field),
        "old": value(row.old_value),
        "new": value(row.new_value),
    }
