"""Pages for citizens and cases (issue 3). Thin views: parse, one access helper, one service or
selector call, render. Every case-scoped view goes through `cases.decorators.case_view`, which
gives 404 without access and writes GET reads to the access log; writes also check the specific
permission with `has_case_perm` and answer 403 to a user who may only read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.access import authenticated, permission_required

from . import guarantee, lifecycle, selectors, services
from .access import VIEW, case_list_visible_to, has_case_perm, is_break_glass_access
from .access_log import access_log_record
from .decorators import case_view
from .forms import (
    STALE_VERSION_MESSAGE,
    AssessmentForm,
    BreakGlassForm,
    CaseCreateForm,
    CaseFilterForm,
    CaseSearchForm,
    CitizenForm,
    ConsentForm,
    ConsentWithdrawForm,
    DecisionForm,
    ReassignForm,
    TransitionForm,
    apply_validation_error,
)
from .models import AccessLog, Case, Citizen, Substance

CHANGE_CASE = "cases.change_case"
REASSIGN_CASE = "cases.reassign_case"
ADD_CONSENT = "cases.add_consent"
CHANGE_CITIZEN = "cases.change_citizen"
PAGE_SIZE = 25
# The search term lives in the session, never in the URL (it may be a name or a CPR number).
SEARCH_SESSION_KEY = "cases_list_search"
# Citizens the user may open a case for although no case of theirs is visible yet.
CASE_CREATE_SESSION_KEY = "cases_case_create_citizens"
TRANSITIONS_PANEL = "transitions/_case_panel.html"

# lifecycle.MOVES labels are plain Danish in a pure module; these go through gettext.
ACTION_LABELS = {
    "start_assessment": gettext_lazy("Start udredning"),
    "refer": gettext_lazy("Visitér til tilbud"),
    "start_treatment": gettext_lazy("Registrér behandlingsstart"),
    "start_aftercare": gettext_lazy("Overgå til efterbehandling"),
    "reassess": gettext_lazy("Tilbage til udredning (tilbagefald/nyt behov)"),
    "close": gettext_lazy("Afslut sag"),
}


# Timeline entries drawn with a filled marker: the milestones of a course.
IMPORTANT_TIMELINE_KINDS = frozenset(
    {
        "created",
        "status_changed",
        "decision_saved",
        "episode_started",
        "episode_ended",
        "break_glass",
    }
)


def _today() -> Any:
    return timezone.localdate()


def _require(user: Any, perm: str, case: Case) -> None:
    """403 for a user who may read the case but not do this (e.g. a manager posting)."""
    if not has_case_perm(user, perm, case):
        raise PermissionDenied


def _may_reassign(user: Any, case: Case) -> bool:
    return has_case_perm(user, REASSIGN_CASE, case) or has_case_perm(user, CHANGE_CASE, case)


def _has_template(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def _detail_url(case: Case, anchor: str = "") -> str:
    url = reverse("cases:detail", kwargs={"case_id": case.pk})
    return f"{url}#{anchor}" if anchor else url


# --- Case list ---------------------------------------------------------------------------------


@authenticated
@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    """Cases the user may see, filtered in the database by the selector.

    The free-text search is POSTed and kept in the session (post/redirect/get), so a name or a
    CPR number never appears in a URL, the browser history or a server log; the filters and the
    page number are GET parameters because none of them is personal data.
    """
    if request.method == "POST":
        search_form = CaseSearchForm(request.POST)
        term = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
        if "clear" in request.POST or not term:
            request.session.pop(SEARCH_SESSION_KEY, None)
        else:
            request.session[SEARCH_SESSION_KEY] = term
        query = request.GET.copy()
        query.pop("page", None)
        url = reverse("cases:list")
        return redirect(f"{url}?{query.urlencode()}" if query else url)

    search = request.session.get(SEARCH_SESSION_KEY, "")
    filter_form = CaseFilterForm(request.GET or None)
    cases = selectors.case_list_for(
        request.user, search=search, today=_today(), **filter_form.selector_kwargs()
    )
    paginator = Paginator(cases, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "search_form": CaseSearchForm(initial={"q": search}),
        "search": search,
        "filter_form": filter_form,
        "page_obj": page,
        "elided_pages": list(paginator.get_elided_page_range(page.number, on_each_side=2)),
        "filter_query": query.urlencode(),
        "today": _today(),
        "can_create": request.user.has_perm("cases.add_citizen"),
    }
    template = "cases/case_list.html#results" if request.htmx else "cases/case_list.html"
    response = render(request, template, context)
    # The same URL answers with the page or only the results: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- Citizens ----------------------------------------------------------------------------------


@permission_required("cases.add_citizen")
@require_http_methods(["GET", "POST"])
def citizen_create(request: HttpRequest) -> HttpResponse:
    form = CitizenForm(request.POST or None)
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            citizen = services.citizen_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            typed_cpr = form.cleaned_data.get("cpr")
            apply_validation_error(form, exc)
            # The CPR number is registered already: the user knows the number, so offer to
            # open a new case for that citizen (their earlier cases stay hidden).
            if typed_cpr and "cpr" in form.errors:
                existing = selectors.citizen_find_by_cpr(request.user, typed_cpr)
                if existing is not None:
                    _allow_case_create(request, existing.pk)
        else:
            _allow_case_create(request, citizen.pk)
            messages.success(request, _("Borgeren er oprettet. Opret nu borgerens sag."))
            return redirect("cases:case_create", citizen_id=citizen.pk)
    return render(request, "cases/citizen_form.html", {"form": form, "existing": existing})


def _allow_case_create(request: HttpRequest, citizen_id: int) -> None:
    """Remember that this user may open a case for a citizen they cannot see yet (just
    created, or found by the exact CPR number they typed)."""
    allowed = [i for i in request.session.get(CASE_CREATE_SESSION_KEY, []) if i != citizen_id]
    request.session[CASE_CREATE_SESSION_KEY] = [*allowed[-19:], citizen_id]


def _citizen_for_case_create(request: HttpRequest, citizen_id: int) -> Citizen:
    try:
        return selectors.citizen_get_for_user(request.user, citizen_id)
    except Http404:
        if citizen_id in request.session.get(CASE_CREATE_SESSION_KEY, []):
            citizen = Citizen.objects.filter(pk=citizen_id).first()
            if citizen is not None:
                return citizen
        raise


@permission_required("cases.view_citizen")
@require_http_methods(["GET", "POST"])
def citizen_detail(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """The citizen with full CPR, contact data and every case over the years the user may see.
    POST saves the contact data (needs cases.change_citizen)."""
    citizen = selectors.citizen_get_for_user(request.user, citizen_id)
    can_edit = request.user.has_perm(CHANGE_CITIZEN)
    form = CitizenForm(initial=CitizenForm.initial_for(citizen))
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = CitizenForm(request.POST)
        if form.is_valid():
            try:
                services.citizen_update(
                    actor=request.user, citizen=citizen, **form.service_kwargs()
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Borgerens oplysninger er gemt."))
                return redirect("cases:citizen_detail", citizen_id=citizen.pk)
    else:
        # The full CPR number is shown here: the read is logged like a case read.
        access_log_record(
            user=request.user,
            object_type="citizen",
            object_id=citizen.pk,
            unit_id=getattr(request.user, "unit_id", None),
            action=AccessLog.Action.VIEW,
        )
    cases = list(selectors.citizen_cases(citizen, request.user))
    context = {
        "citizen": citizen,
        "cases": cases,
        "has_open_case": any(case.is_open for case in cases),
        "form": form,
        "can_edit": can_edit,
        "can_create_case": request.user.has_perm("cases.add_case"),
        "today": _today(),
    }
    return render(request, "cases/citizen_detail.html", context)


@permission_required("cases.add_case")
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = _citizen_for_case_create(request, citizen_id)
    form = CaseCreateForm(request.POST or None, citizen=citizen, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, citizen=citizen, **form.service_kwargs())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Sag %(number)s er oprettet.") % {"number": case.number})
            if has_case_perm(request.user, VIEW, case):
                return redirect("cases:detail", case_id=case.pk)
            # Opened for another team: the creator does not hold it (access follows the owner).
            return redirect("cases:citizen_detail", citizen_id=citizen.pk)
    return render(request, "cases/case_create.html", {"form": form, "citizen": citizen})


# --- The case page -----------------------------------------------------------------------------


def _warnings(case: Case, episodes: list[Any]) -> list[str]:
    """Warnings the law asks for: a late decision, a missing doctor's consultation (SUL § 142),
    a started treatment without a treatment plan (SEL § 101 stk. 8)."""
    found: list[str] = []
    try:
        late = guarantee.decision_warning(
            case.inquiry_date,
            case.decision_date,
            case.legal_basis,
            regional_dual_diagnosis=case.regional_dual_diagnosis,
        )
        doctor = guarantee.doctor_consultation_warning(
            case.legal_basis, case.treatment_started_on, case.doctor_consultation_on
        )
    except ValueError as exc:
        return [str(exc)]
    found.extend(w for w in (late, doctor) if w)
    for episode in episodes:
        if episode.actual_start and not episode.actual_end and not episode.treatment_plan_on:
            found.append(
                _(
                    "Behandlingsplan mangler: %(offer)s startede %(date)s, men der er ikke "
                    "registreret en behandlingsplan (SEL § 101, stk. 8)."
                )
                % {
                    "offer": episode.offer.provider.name,
                    "date": episode.actual_start.strftime("%d.%m.%Y"),
                }
            )
    return found


def _actions(case: Case, user: Any) -> list[dict[str, Any]]:
    return [
        {
            "action": move.action,
            "label": ACTION_LABELS.get(move.action, move.label),
            "danger": move.action == "close",
        }
        for move in selectors.available_actions(case, user)
    ]


@case_view(perm=VIEW)
@require_http_methods(["GET"])
def case_detail(request: HttpRequest, case: Case) -> HttpResponse:
    user = request.user
    episodes = list(case.episodes.select_related("offer__provider").order_by("referral_date", "pk"))
    consents = list(case.consents.select_related("recorded_by").prefetch_related("disclosures"))
    disclosures = list(
        case.disclosures.select_related("consent", "disclosed_by").order_by("-disclosed_at")
    )
    context = {
        "case": case,
        "citizen": case.citizen,
        "episodes": episodes,
        "consents": consents,
        "disclosures": disclosures,
        "warnings": _warnings(case, episodes),
        "actions": _actions(case, user),
        "can_change": has_case_perm(user, CHANGE_CASE, case),
        "can_reassign": _may_reassign(user, case),
        "can_add_consent": has_case_perm(user, ADD_CONSENT, case),
        "can_refer": case.is_open and has_case_perm(user, "treatment_options.add_episode", case),
        # Episode start/end: the case's caseworkers or the institution's staff (the service
        # checks the specific episode).
        "can_change_episode": has_case_perm(user, CHANGE_CASE, case)
        or has_case_perm(user, "treatment_options.change_episode", case),
        "has_transitions_panel": _has_template(TRANSITIONS_PANEL),
        "break_glass": is_break_glass_access(user, case),
        "today": _today(),
        "substance_labels": _substance_labels(case.substances),
    }
    return render(request, "cases/case_detail.html", context)


def _substance_labels(values: list[str]) -> list[str]:
    labels = dict(Substance.choices)
    return [str(labels.get(v, v)) for v in values or []]


@case_view(perm=VIEW, object_type="case_timeline")
@require_http_methods(["GET"])
def case_timeline(request: HttpRequest, case: Case) -> HttpResponse:
    items = selectors.case_timeline(case)
    context = {
        "case": case,
        "items": items,
        "important_kinds": IMPORTANT_TIMELINE_KINDS,
        "today": _today(),
    }
    return render(request, "cases/case_timeline.html", context)


@case_view(perm=VIEW)
@require_POST
def case_transition(request: HttpRequest, case: Case) -> HttpResponse:
    """One lifecycle move from the buttons on the case page. A refused move changes nothing and
    comes back as a Danish message."""
    _require(request.user, CHANGE_CASE, case)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Handlingen mangler."))
        return redirect(_detail_url(case))
    action = form.cleaned_data["action"]
    try:
        case = services.case_transition(
            actor=request.user, case=case, action=action, note=form.cleaned_data["note"]
        )
    except lifecycle.TransitionNotAllowed as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, _("Du har ikke ret til at udføre denne handling på sagen."))
    else:
        label = ACTION_LABELS.get(action, action)
        messages.success(
            request,
            _("»%(action)s« er udført. Sagen har nu status %(status)s.")
            % {"action": label, "status": case.get_status_display()},
        )
    return redirect(_detail_url(case))


def _versioned_post(
    request: HttpRequest,
    form_class: type,
    case: Case,
    save: Any,
    form_kwargs: dict[str, Any] | None = None,
) -> tuple[Any, bool, bool]:
    """Validate and save a versioned edit form. Returns (form, saved, conflict).

    On a stale version the user's input is kept: the form is bound again to what they typed,
    with the case's current version (so a second save goes through once they have compared) and
    an error that says somebody else changed the case.
    """
    form_kwargs = form_kwargs or {}
    form = form_class(request.POST, **form_kwargs)
    if not form.is_valid():
        return form, False, False
    try:
        save(**form.service_kwargs())
    except services.ConcurrentEditError:
        fresh = Case.objects.get(pk=case.pk)
        data = request.POST.copy()
        data["version"] = str(fresh.version)
        form = form_class(data, **form_kwargs)
        form.is_valid()
        form.add_error(None, STALE_VERSION_MESSAGE)
        return form, False, True
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return form, False, False
    return form, True, False


@case_view(perm=VIEW, object_type="case_assessment")
@require_http_methods(["GET", "POST"])
def case_assessment(request: HttpRequest, case: Case) -> HttpResponse:
    """The holistic needs assessment (six topics), doctor's consultation and action plan."""
    _require(request.user, CHANGE_CASE, case)
    conflict = False
    if request.method == "POST":

        def save(**kwargs: Any) -> Any:
            return services.case_assessment_save(actor=request.user, case=case, **kwargs)

        form, saved, conflict = _versioned_post(request, AssessmentForm, case, save)
        if saved:
            messages.success(request, _("Afdækningen er gemt."))
            return redirect(_detail_url(case, "afdaekning"))
    else:
        form = AssessmentForm(initial=AssessmentForm.initial_for(case))
    current = Case.objects.get(pk=case.pk) if conflict else case
    return render(
        request,
        "cases/case_assessment.html",
        {"case": case, "form": form, "conflict": conflict, "current": current, "today": _today()},
    )


@case_view(perm=VIEW, object_type="case_decision")
@require_http_methods(["GET", "POST"])
def case_decision(request: HttpRequest, case: Case) -> HttpResponse:
    """The decision (afgørelse) with result, reasons and complaint guidance."""
    _require(request.user, CHANGE_CASE, case)
    conflict = False
    if request.method == "POST":

        def save(**kwargs: Any) -> Any:
            return services.case_decision_save(actor=request.user, case=case, **kwargs)

        form, saved, conflict = _versioned_post(
            request, DecisionForm, case, save, form_kwargs={"case": case}
        )
        if saved:
            messages.success(request, _("Afgørelsen er gemt."))
            return redirect(_detail_url(case, "afgoerelse"))
    else:
        form = DecisionForm(initial=DecisionForm.initial_for(case), case=case)
    current = Case.objects.get(pk=case.pk) if conflict else case
    return render(
        request,
        "cases/case_decision.html",
        {"case": case, "form": form, "conflict": conflict, "current": current, "today": _today()},
    )


@case_view(perm=VIEW, object_type="case_reassign")
@require_http_methods(["GET", "POST"])
def case_reassign(request: HttpRequest, case: Case) -> HttpResponse:
    """Give the case to another caseworker (and team). Access follows the new owner: the old
    caseworker loses the case at once, so the response goes to a page they can still see."""
    if not _may_reassign(request.user, case):
        raise PermissionDenied
    form = ReassignForm(request.POST or None, initial={"caseworker": case.caseworker_id})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_assign(
                actor=request.user,
                case=case,
                caseworker=form.cleaned_data["caseworker"],
                team=form.cleaned_data["team"],
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
                return redirect(_detail_url(case))
            return redirect("core:home")
    return render(
        request, "cases/case_reassign.html", {"case": case, "form": form, "today": _today()}
    )


# --- Consents ----------------------------------------------------------------------------------


@case_view(perm=VIEW, object_type="case_consent")
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, case: Case) -> HttpResponse:
    _require(request.user, ADD_CONSENT, case)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Samtykket er registreret."))
            return redirect(_detail_url(case, "samtykker"))
    return render(
        request, "cases/consent_form.html", {"case": case, "form": form, "today": _today()}
    )


@case_view(perm=VIEW, object_type="consent")
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    # The service checks cases.change_case for withdrawing (any caseworker on the case may
    # record that the citizen withdrew), so the view asks the same.
    _require(request.user, CHANGE_CASE, case)
    consent = case.consents.filter(pk=pk).first()
    if consent is None:
        raise Http404
    if consent.withdrawn_on is not None:
        messages.info(request, _("Samtykket er allerede trukket tilbage."))
        return redirect(_detail_url(case, "samtykker"))
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user,
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Samtykket er trukket tilbage."))
            return redirect(_detail_url(case, "samtykker"))
    return render(
        request,
        "cases/consent_withdraw.html",
        {"case": case, "consent": consent, "form": form, "today": _today()},
    )


# --- Break the glass ---------------------------------------------------------------------------


@permission_required("cases.break_glass")
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest) -> HttpResponse:
    """Emergency access (DESIGN §1): 4 hours on a case the user has no access to, after a reason.

    The page gives no hint whether a case number exists until a reason has been given. Then an
    unknown number answers "Ingen sag fundet" - which does tell the user the number is wrong.
    That is the tradeoff: a caseworker on the phone with the police must learn a typo at once,
    and a user probing numbers leaves a logged reason per attempt (and the service notifies the
    manager on every success), so probing is visible in the access log.
    """
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["case_number"]
        reason = form.cleaned_data["reason"]
        case_id = Case.objects.filter(number__iexact=number).values_list("pk", flat=True).first()
        if case_id is None:
            # Logged first, answered after: the reason is on record even for a wrong number.
            access_log_record(
                user=request.user,
                object_type="break_glass_attempt",
                object_id=number,
                action=AccessLog.Action.BREAK_GLASS,
                purpose=reason,
                break_glass=True,
                unit_id=getattr(request.user, "unit_id", None),
            )
            form.add_error("case_number", _("Ingen sag fundet med dette sagsnummer."))
        elif case_list_visible_to(request.user).filter(pk=case_id).exists():
            messages.info(request, _("Du har allerede adgang til sagen."))
            return redirect("cases:detail", case_id=case_id)
        else:
            try:
                case = services.case_break_glass(actor=request.user, case_id=case_id, reason=reason)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            except Http404:
                form.add_error("case_number", _("Ingen sag fundet med dette sagsnummer."))
            else:
                messages.warning(
                    request,
                    _(
                        "Du har nødadgang til sagen i 4 timer. Adgangen og din begrundelse er "
                        "logget, og din leder har fået besked."
                    ),
                )
                return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/break_glass.html", {"form": form})
