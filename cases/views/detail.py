"""The case page: facts, warnings the law asks for, the episodes, consents and the move buttons."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User

from .. import selectors, services
from ..access import (
    VIEW,
    episodes_changeable_by,
    has_case_perm,
    is_break_glass_access,
    may_reassign,
)
from ..decorators import case_view
from ..hooks import case_page_panels
from ..models import ActionPlan, Case, CourseEndReason, CourseEndStatus, Substance
from ..page import CasePage, case_page_query
from ..reason_messages import ACTION_LABELS
from ..selectors.course_strip import case_course_strip
from ..selectors.requests import RequestRow
from .pages import local_today
from .permissions import ADD_CONSENT, ADD_DISCLOSURE, CHANGE_CASE


def _warnings(requests: list[RequestRow], episodes: list[Any]) -> list[str]:
    """Warnings the law asks for: per request a late decision (BEK 1477/2019 § 1, social drug
    treatment only) and a start without the doctor's consultation held or declined (SUL § 142,
    stk. 1-2, every drug basis); a started treatment without a treatment plan (SEL § 101
    stk. 8)."""
    found: list[str] = [w for row in requests for w in row.warnings]
    for episode in episodes:
        # The plan is treatment_options' TreatmentPlan, loaded with the episode (no import up).
        has_plan = getattr(episode, "treatment_plan", None) is not None
        if episode.actual_start and not episode.actual_end and not has_plan:
            found.append(
                _(
                    "Behandlingsplan mangler: %(offer)s startede %(date)s, men der er ikke "
                    "registreret en behandlingsplan (SEL § 101, stk. 8)."
                )
                % {
                    "offer": episode.offer.provider.name,
                    "date": date_format(episode.actual_start, "DATE_FORMAT"),
                }
            )
    return found


def _actions(case: Case, user: User) -> list[dict[str, Any]]:
    return [
        {
            "action": move.action,
            "label": ACTION_LABELS.get(move.action, move.label),
            "danger": move.action == "close",
        }
        for move in selectors.available_actions(case, user)
    ]


@case_view(perm=VIEW, shape=case_page_query)
@require_http_methods(["GET"])
def case_detail(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    user = request.user
    # One page, one read of each kind of row: the sections and the other apps' panels share
    # them (cases.page, issue 17).
    page = CasePage(case, user, local_today())
    episodes = page.episodes
    lists = page.lists
    requests = page.requests
    actions = _actions(case, user)
    context = {
        "requests": requests,
        "case": case,
        # Barnets lov § 33: the consents to treatment of a citizen under 18, and what is missing.
        "treatment_consents": lists["treatment_consents"],
        "under_18_missing": services.under_18_consents_missing(
            case, page.today, given=lists["treatment_consents"]
        ),
        # Barnets lov § 133: children in the home and the notifications of concern made.
        # SEL § 141: not offered under Barnets lov § 33 nor § 101 a.
        "action_plan_offered": services.action_plan_is_offered(case),
        "action_plan": _action_plan(case),
        "concern_notifications": lists["concern_notifications"],
        "can_notify_concern": case.is_open and has_case_perm(user, ADD_DISCLOSURE, case),
        "citizen": case.citizen,
        "episodes": episodes,
        "consents": lists["consents"],
        "disclosures": lists["disclosures"],
        "warnings": _warnings(requests, episodes),
        "actions": actions,
        "can_close": any(a["action"] == "close" for a in actions),
        "course_end_reasons": CourseEndReason.choices,
        "course_end_statuses": CourseEndStatus.choices,
        "can_change": has_case_perm(user, CHANGE_CASE, case),
        "can_reassign": may_reassign(user, case),
        "can_add_consent": has_case_perm(user, ADD_CONSENT, case),
        "can_refer": case.is_open and has_case_perm(user, "treatment_options.add_episode", case),
        # Episode start/end: the case's caseworkers or the staff of the episode's provider.
        "changeable_episode_ids": episodes_changeable_by(user, case, episodes),
        # Other apps' panels (the handover), in the order they registered (cases.hooks).
        "panels": [
            {"template_name": panel.template_name, "context": panel.context(page)}
            for panel in case_page_panels
        ],
        "break_glass": is_break_glass_access(user, case),
        # The course at a glance, from the requests and episodes loaded above (issue 18).
        "course_strip": case_course_strip(page),
        "today": page.today,
        "substance_labels": _substance_labels(case.substances),
    }
    return render(request, "cases/case_detail.html", context)


def _action_plan(case: Case) -> ActionPlan | None:
    """The action plan, joined onto the case's query (None: none was made)."""
    try:
        return case.action_plan
    except ActionPlan.DoesNotExist:
        return None


def _substance_labels(values: list[str]) -> list[str]:
    labels = dict(Substance.choices)
    return [str(labels.get(v, v)) for v in values or []]
