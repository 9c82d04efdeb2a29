"""The handover plan: editing a section (with the conflict screen), showing it, and its
version history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from cases.access import has_case_perm
from cases.decorators import case_view
from cases.models import Case

from .. import selectors, services
from ..diff import diff_texts
from ..forms import PlanSectionForm
from ..models import PlanSection, PlanSectionKey, Transition
from .base import VIEW, base, detail_url, require


def _section(transition: Transition, key: str) -> PlanSection:
    if key not in PlanSectionKey.values:
        raise Http404
    return selectors.plan_section_get(transition, key)


def _section_auto_id(key: str) -> str:
    # Unique ids per section: several sections can be open for editing on one page.
    return f"id_plan_{key}_%s"


def _section_context(
    case: Case, transition: Transition, section: PlanSection, **extra: Any
) -> dict[str, Any]:
    return base(case, transition, section=section, can_edit_plan=True, **extra)


def _render_section(
    request: AuthenticatedHttpRequest, partial: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    if request.htmx:
        return render(request, f"transitions/detail.html#{partial}", context, status=status)
    return render(
        request, "transitions/section_page.html", {**context, "partial": partial}, status=status
    )


@case_view(perm=VIEW, object_type="plan_section")
@require_http_methods(["GET", "POST"])
def plan_section_edit(request: AuthenticatedHttpRequest, case: Case, key: str) -> HttpResponse:
    """GET: the edit form with the version it is based on. POST: save as a new version, or the
    conflict screen when someone else saved after the form was opened."""
    transition = selectors.transition_get_for_case(case)
    require(request, "transitions.change_plansection", case)
    section = _section(transition, key)
    if request.method == "GET":
        form = PlanSectionForm(
            initial={"text": section.text, "based_on_version": section.version},
            auto_id=_section_auto_id(key),
        )
        return _render_section(
            request, "plan_section_form", _section_context(case, transition, section, form=form)
        )
    form = PlanSectionForm(
        request.POST, initial={"text": section.text}, auto_id=_section_auto_id(key)
    )
    if not form.is_valid():
        return _render_section(
            request, "plan_section_form", _section_context(case, transition, section, form=form)
        )
    data = form.cleaned_data
    try:
        version = services.plan_section_save(
            actor=request.user,
            section=section,
            text=data["text"],
            based_on_version=data["based_on_version"],
            is_merge=bool(data["resolution"]),
        )
    except services.PlanSectionConflict as conflict:
        context = _section_context(
            case,
            transition,
            conflict.section,
            conflict=conflict,
            diff=diff_texts(conflict.current_text, conflict.stale_text),
            merge_form=PlanSectionForm(
                auto_id=_section_auto_id(key),
                initial={
                    "text": conflict.stale_text,
                    "based_on_version": conflict.current_version,
                    "resolution": "merge",
                },
            ),
        )
        return _render_section(request, "plan_section_conflict", context)
    if request.htmx:
        section = _section(transition, key)  # afresh: the save may have settled stale saves
        context = _section_context(case, transition, section, saved_version=version)
        return render(request, "transitions/detail.html#plan_section", context)
    messages.success(
        request,
        _("%(section)s er gemt som version %(n)s.")
        % {"section": section.get_key_display(), "n": version.number},
    )
    return redirect(detail_url(case, f"plan-{key}"))


@case_view(perm=VIEW, object_type="plan_section")
@require_POST
def plan_stale_save_resolve(
    request: AuthenticatedHttpRequest, case: Case, key: str, number: int
) -> HttpResponse:
    """Settle a stale save of the section: "keep the saved text" on the conflict screen, or
    "resolved" on the section's flag. Whoever may edit the plan may decide."""
    transition = selectors.transition_get_for_case(case)
    require(request, "transitions.change_plansection", case)
    section = _section(transition, key)
    version = section.versions.filter(number=number, is_stale=True).first()
    if version is None:
        raise Http404
    services.plan_stale_save_resolve(version=version, actor=request.user)
    if request.htmx:
        context = _section_context(case, transition, _section(transition, key))
        return render(request, "transitions/detail.html#plan_section", context)
    messages.success(request, _("Den ikke-gemte tekst er afklaret."))
    return redirect(detail_url(case, f"plan-{key}"))


@case_view(perm=VIEW, object_type="plan_section")
@require_http_methods(["GET"])
def plan_section_display(request: AuthenticatedHttpRequest, case: Case, key: str) -> HttpResponse:
    """The section as shown on the page (htmx: "Annullér" on the edit form swaps back)."""
    transition = selectors.transition_get_for_case(case)
    section = _section(transition, key)
    if not request.htmx:
        return redirect(detail_url(case, f"plan-{key}"))
    context = base(
        case,
        transition,
        section=section,
        can_edit_plan=has_case_perm(request.user, "transitions.change_plansection", case),
    )
    return render(request, "transitions/detail.html#plan_section", context)


def _version_by_number(versions: list[Any], raw: str | None) -> Any:
    try:
        number = int(raw or "")
    except ValueError:
        return None
    return next((v for v in versions if v.number == number), None)


@case_view(perm=VIEW, object_type="plan_section_history")
@require_http_methods(["GET"])
def plan_section_history(request: AuthenticatedHttpRequest, case: Case, key: str) -> HttpResponse:
    """Every version of one section, and "sammenlign version X med Y"."""
    transition = selectors.transition_get_for_case(case)
    section = _section(transition, key)
    versions = list(selectors.plan_section_versions(section))
    older = _version_by_number(versions, request.GET.get("a"))
    newer = _version_by_number(versions, request.GET.get("b"))
    if (older is None or newer is None) and len(versions) >= 2 and not request.GET.get("a"):
        newer, older = versions[0], versions[1]
    diff = diff_texts(older.text, newer.text) if older and newer else None
    return render(
        request,
        "transitions/history.html",
        base(
            case,
            transition,
            section=section,
            versions=versions,
            older=older,
            newer=newer,
            diff=diff,
        ),
    )
