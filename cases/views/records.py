"""Consent to treatment under 18 (Barnets lov § 33) and the notification of concern
(Barnets lov § 133), recorded on the case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest

from .. import services
from ..access import VIEW, has_case_perm
from ..decorators import case_view
from ..forms import apply_validation_error
from ..forms.records import (
    ActionPlanForm,
    ActionPlanHandOverForm,
    ConcernNotificationForm,
    TreatmentConsentForm,
)
from ..models import ActionPlan, ActionPlanVersion, Case
from ..services.action_plans import ACTION_PLAN_PARTS, PART_NAMES
from ..versions import compare_versions
from .pages import detail_url, local_today
from .permissions import ADD_DISCLOSURE, CHANGE_CASE, require


@case_view(perm=VIEW, object_type="treatment_consent")
@require_http_methods(["GET", "POST"])
def treatment_consent_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    require(request.user, CHANGE_CASE, case)
    form = TreatmentConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.treatment_consent_record(
                actor=request.user, case=case, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Samtykket til behandling er registreret."))
            return redirect(detail_url(case, "samtykke-behandling"))
    missing = services.under_18_consents_missing(case, local_today())
    return render(
        request,
        "cases/treatment_consent_form.html",
        {"case": case, "form": form, "missing": missing},
    )


@case_view(perm=VIEW, object_type="concern_notification")
@require_http_methods(["GET", "POST"])
def concern_notification_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    require(request.user, ADD_DISCLOSURE, case)
    form = ConcernNotificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_notification_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Underretningen er registreret."))
            return redirect(detail_url(case, "boern"))
    return render(request, "cases/concern_notification_form.html", {"case": case, "form": form})


def _plan_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    *,
    form: ActionPlanForm | None = None,
    hand_over_form: ActionPlanHandOverForm | None = None,
) -> HttpResponse:
    plan = ActionPlan.objects.filter(case=case).first()
    versions = list(plan.versions.select_related("author").order_by("-number")) if plan else []
    latest = versions[0] if versions else None
    if form is None:
        form = ActionPlanForm(
            initial={
                "based_on": plan.version if plan else 0,
                "offered_on": plan.offered_on if plan else None,
                "accepted": plan.accepted if plan else None,
                **({name: getattr(latest, name) for name in PART_NAMES} if latest else {}),
            }
        )
    user = request.user
    context = {
        "case": case,
        "plan": plan,
        "latest": latest,
        "versions": versions,
        "parts": [(label, getattr(latest, name)) for name, label in ACTION_PLAN_PARTS]
        if latest
        else [],
        "comparison": compare_versions(versions, request.GET, ACTION_PLAN_PARTS),
        "form": form,
        "hand_over_form": hand_over_form or ActionPlanHandOverForm(parts=ACTION_PLAN_PARTS),
        "can_change": case.is_open and has_case_perm(user, CHANGE_CASE, case),
        "can_hand_over": bool(latest) and has_case_perm(user, ADD_DISCLOSURE, case),
    }
    return render(request, "cases/action_plan.html", context)


@case_view(perm=VIEW, object_type="action_plan")
@require_http_methods(["GET", "POST"])
def action_plan(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    # SEL § 141 is not offered under Barnets lov § 33 nor for § 101 a: no page at all.
    if not services.action_plan_is_offered(case):
        raise Http404
    if request.method == "GET":
        return _plan_page(request, case)
    require(request.user, CHANGE_CASE, case)
    latest = ActionPlanVersion.objects.filter(plan__case=case).order_by("-number").first()
    stored = {name: getattr(latest, name) for name in PART_NAMES} if latest else {}
    form = ActionPlanForm(request.POST, initial=stored)
    if form.is_valid():
        try:
            services.action_plan_save(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Handleplanen er gemt."))
            return redirect("cases:action_plan", case_id=case.pk)
    return _plan_page(request, case, form=form)


@case_view(perm=VIEW, object_type="action_plan")
@require_POST
def action_plan_hand_over(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    if not services.action_plan_is_offered(case):
        raise Http404
    require(request.user, ADD_DISCLOSURE, case)
    form = ActionPlanHandOverForm(request.POST, parts=ACTION_PLAN_PARTS)
    if form.is_valid():
        try:
            services.action_plan_hand_over(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Det er registreret, hvilke dele der er givet videre."))
            return redirect("cases:action_plan", case_id=case.pk)
    return _plan_page(request, case, hand_over_form=form)
