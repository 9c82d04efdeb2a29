"""The treatment catalogue (read-only; administrators maintain it in Django admin) and the
episode pages of a case: refer to an offer, record the start, the treatment plan and the end."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import permission_required
from cases.access import CHANGE, VIEW, has_case_perm, may_change_episode
from cases.decorators import case_view
from cases.forms import apply_validation_error
from cases.models import Case, LegalBasis
from cases.versions import compare_versions

from . import services
from .discharge import NextStep, discharge_next_step_record, discharge_question_due
from .forms import (
    DischargeNextStepForm,
    EpisodeEndForm,
    EpisodeReferForm,
    EpisodeStartForm,
    TreatmentPlanForm,
)
from .models import Episode, Offer, Provider, TreatmentPlan, TreatmentPlanVersion
from .treatment_plans import PART_NAMES, TREATMENT_PLAN_PARTS, treatment_plan_save

ADD_EPISODE = "treatment_options.add_episode"


def _case_url(case: Case, anchor: str = "forloeb") -> str:
    return reverse("cases:detail", kwargs={"case_id": case.pk}) + f"#{anchor}"


@permission_required("treatment_options.view_offer")
@require_http_methods(["GET"])
def offer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Providers with their active offers and current waiting times."""
    providers = (
        Provider.objects.filter(active=True)
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=Offer.objects.filter(active=True).order_by("treatment_type", "name"),
                to_attr="active_offers",
            )
        )
        .order_by("name")
    )
    basis_labels = dict(LegalBasis.choices)
    rows = [
        {
            "provider": provider,
            "offers": [
                {
                    "offer": offer,
                    "legal_bases": [
                        str(basis_labels.get(b, b)).split(" (")[0] for b in offer.legal_bases
                    ],
                }
                for offer in provider.active_offers
            ],
        }
        for provider in providers
    ]
    return render(request, "treatment_options/offer_list.html", {"rows": rows})


@case_view(perm=VIEW, object_type="case_referral")
@require_http_methods(["GET", "POST"])
def episode_refer(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """Refer the case to an offer (visitation): choose among active offers that serve the
    case's legal basis, with their waiting times."""
    if not has_case_perm(request.user, ADD_EPISODE, case):
        raise PermissionDenied
    form = EpisodeReferForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            episode = services.episode_refer(
                actor=request.user,
                case=case,
                offer=form.cleaned_data["offer"],
                referral_date=form.cleaned_data["referral_date"],
                planned_start=form.cleaned_data["planned_start"],
                free_choice=form.cleaned_data["free_choice"],
                free_choice_on=form.cleaned_data["free_choice_on"],
                request=form.cleaned_data["request"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Borgeren er henvist til %(offer)s.") % {"offer": form.cleaned_data["offer"]},
            )
            # DESIGN §3.1: the deadline is never moved; warn when the start is planned after it.
            assert episode.request is not None  # episode_refer always sets it
            warning = services.referral_warning(episode.request, episode.planned_start)
            if warning:
                messages.warning(request, warning)
            return redirect(_case_url(case))
    return render(
        request,
        "treatment_options/episode_refer.html",
        {"case": case, "form": form, "today": timezone.localdate()},
    )


def _episode(case: Case, pk: int) -> Episode:
    episode = (
        Episode.objects.filter(case=case, pk=pk)
        .select_related("offer__provider", "referred_by")
        .first()
    )
    if episode is None:
        raise Http404
    episode.case = case  # the decorator's instance, with citizen/team already loaded
    return episode


def _episode_page(
    request: AuthenticatedHttpRequest, case: Case, episode: Episode, **forms: Any
) -> HttpResponse:
    can_change = may_change_episode(request.user, episode)
    context: dict[str, Any] = {
        "case": case,
        "episode": episode,
        "can_change": can_change,
        "today": timezone.localdate(),
        "plan": TreatmentPlan.objects.filter(episode=episode).first(),
    }
    if can_change:
        context["start_form"] = forms.get("start_form") or EpisodeStartForm(episode=episode)
        context["end_form"] = forms.get("end_form") or EpisodeEndForm(episode=episode)
    return render(request, "treatment_options/episode_detail.html", context)


@case_view(perm=VIEW, object_type="episode")
@require_http_methods(["GET"])
def episode_detail(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    return _episode_page(request, case, _episode(case, pk))


def _episode_post(
    request: AuthenticatedHttpRequest,
    case: Case,
    pk: int,
    *,
    form_name: str,
    form: Any,
    save: Any,
    success: str,
) -> HttpResponse:
    episode = _episode(case, pk)
    if not may_change_episode(request.user, episode):
        raise PermissionDenied
    bound = form(request.POST, episode=episode)
    if bound.is_valid():
        try:
            save(episode, bound.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(bound, exc)
        else:
            messages.success(request, success)
            return redirect(_case_url(case))
    return _episode_page(request, case, episode, **{form_name: bound})


@case_view(perm=VIEW, object_type="episode")
@require_POST
def episode_start(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    """The institution records the actual start: this is what meets the guarantee."""

    def save(episode: Episode, data: dict[str, Any]) -> None:
        services.episode_start(
            actor=request.user,
            episode=episode,
            actual_start=data["actual_start"],
        )

    return _episode_post(
        request,
        case,
        pk,
        form_name="start_form",
        form=EpisodeStartForm,
        save=save,
        success=_("Behandlingsstart er registreret."),
    )


def _plan_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    episode: Episode,
    form: TreatmentPlanForm | None = None,
) -> HttpResponse:
    plan = TreatmentPlan.objects.filter(episode=episode).first()
    versions = list(plan.versions.select_related("author").order_by("-number")) if plan else []
    latest = versions[0] if versions else None
    if form is None:
        initial: dict[str, Any] = {
            "based_on": plan.version if plan else 0,
            "made_on": timezone.localdate(),
        }
        if latest:
            initial.update({name: getattr(latest, name) for name in PART_NAMES})
        form = TreatmentPlanForm(initial=initial)
    context = {
        "case": case,
        "episode": episode,
        "plan": plan,
        "latest": latest,
        "versions": versions,
        "parts": [(label, getattr(latest, name)) for name, label in TREATMENT_PLAN_PARTS]
        if latest
        else [],
        "comparison": compare_versions(versions, request.GET, TREATMENT_PLAN_PARTS),
        "form": form,
        "can_change": not episode.actual_end and may_change_episode(request.user, episode),
    }
    return render(request, "treatment_options/treatment_plan.html", context)


@case_view(perm=VIEW, object_type="treatment_plan")
@require_http_methods(["GET", "POST"])
def episode_plan(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    """The provider's treatment plan (SEL § 101, stk. 8): every version, compared part by part,
    and a form for the next version, next to the case's needs assessment."""
    episode = _episode(case, pk)
    if request.method == "GET":
        return _plan_page(request, case, episode)
    if not may_change_episode(request.user, episode):
        raise PermissionDenied
    latest = TreatmentPlanVersion.objects.filter(plan__episode=episode).order_by("-number").first()
    stored = {name: getattr(latest, name) for name in PART_NAMES} if latest else {}
    form = TreatmentPlanForm(request.POST, episode=episode, initial=stored)
    if form.is_valid():
        try:
            treatment_plan_save(actor=request.user, episode=episode, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Behandlingsplanen er gemt."))
            return redirect("treatment_options:episode_plan", case_id=case.pk, pk=episode.pk)
    return _plan_page(request, case, episode, form)


@case_view(perm=VIEW, object_type="episode")
@require_POST
def episode_end(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    """End the episode with the register's end reason."""

    def save(episode: Episode, data: dict[str, Any]) -> None:
        services.episode_end(
            actor=request.user,
            episode=episode,
            actual_end=data["actual_end"],
            end_reason=data["end_reason"],
        )

    response = _episode_post(
        request,
        case,
        pk,
        form_name="end_form",
        form=EpisodeEndForm,
        save=save,
        success=_("Forløbet er afsluttet."),
    )
    # Ending the institution's last episode ends its access to the case: send its user to a
    # page they can still open instead of a 404.
    if response.status_code == 302 and not has_case_perm(request.user, VIEW, case):
        return redirect("core:home")
    # §5.9: a discharge without outpatient treatment asks what comes next.
    if response.status_code == 302 and discharge_question_due(Case.objects.get(pk=case.pk)):
        return redirect("treatment_options:discharge_next", case_id=case.pk)
    return response


@case_view(perm=VIEW, object_type="case")
@require_http_methods(["GET", "POST"])
def discharge_next(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """After a residential stay with no outpatient treatment: what comes next? (§5.9)"""
    if not discharge_question_due(case):
        return redirect(_case_url(case))
    can_decide = has_case_perm(request.user, CHANGE, case)
    form = DischargeNextStepForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            if data["step"] == NextStep.REFER:
                return redirect("treatment_options:episode_refer", case_id=case.pk)
            try:
                discharge_next_step_record(actor=request.user, case=case, **data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Sagen er opdateret."))
                return redirect(_case_url(case))
    context = {"case": case, "form": form, "can_decide": can_decide}
    return render(request, "treatment_options/discharge_next.html", context)
