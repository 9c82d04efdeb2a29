from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.i18n import set_language as django_set_language

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from accounts.policies import authenticated, public
from accounts.roles import THERAPIST_ROLES, Role
from cases import selectors
from cases.access_log.purposes import access_log_list_record
from cases.break_glass_access import is_municipal_manager, may_break_glass
from cases.guarantee import GuaranteeStatus
from cases.models import Case

# The language switch must work on the login page too.
set_language = public(django_set_language)

DEADLINE_DAYS = 14
# The start page shows the most urgent cases; the case list has the rest. Rendering every open
# case made the page of a busy caseworker (450 cases) take a second (bench/pages.py).
LIST_SIZE = 25


def _guarantee_figures(cases: QuerySet[Case], today: date) -> dict[str, int]:
    """Guarantee figures of an annotated case queryset, computed in the database (one query)."""
    running = Q(guarantee_status=GuaranteeStatus.RUNNING.value)
    return cases.aggregate(
        open=Count("pk"),
        breached=Count("pk", filter=Q(guarantee_status=GuaranteeStatus.BREACHED.value)),
        running=Count("pk", filter=running),
        soon=Count("pk", filter=running & Q(guarantee_deadline__lte=today + timedelta(days=3))),
        unassigned=Count("pk", filter=Q(caseworker__isnull=True)),
    )


def _manager_overview(user: User, today: date) -> dict[str, Any]:
    """The manager's unit: its open cases by urgency, and the caseload per caseworker with the
    guarantee figures summed from it: two queries however large the unit."""

    def team(**how: Any) -> QuerySet[Case]:
        return selectors.case_list_for(
            user, status="open", team_id=user.unit_id, today=today, **how
        )

    team_cases = team(order="urgency")
    running = Q(guarantee_status=GuaranteeStatus.RUNNING.value)
    # Every open case of the unit is read: the user's set, not a probe of each row's grants
    # (40 instead of 65 ms for a team of 7,000 open cases at 100,000).
    caseload = list(
        team(paged=False)
        .order_by()
        .values("caseworker_id", "caseworker__first_name", "caseworker__last_name")
        .annotate(
            total=Count("pk"),
            breached=Count("pk", filter=Q(guarantee_status=GuaranteeStatus.BREACHED.value)),
            running=Count("pk", filter=running),
            soon=Count("pk", filter=running & Q(guarantee_deadline__lte=today + timedelta(days=3))),
        )
        .order_by("-total", "caseworker__first_name")
    )
    figures = {
        "open": sum(row["total"] for row in caseload),
        "breached": sum(row["breached"] for row in caseload),
        "running": sum(row["running"] for row in caseload),
        "soon": sum(row["soon"] for row in caseload),
        "unassigned": sum(row["total"] for row in caseload if row["caseworker_id"] is None),
    }
    return {
        "team_cases": list(team_cases[:LIST_SIZE]),
        "team_figures": figures,
        "caseload": caseload,
    }


@authenticated
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """ "Mine sager": the user's open cases, most urgent guarantee first, and the guarantee
    deadlines of the next 14 days. Managers also get their unit's overview."""
    user = request.user
    today = timezone.localdate()
    role = user.role
    context: dict[str, Any] = {
        "today": today,
        "role": role,
        "is_manager": role == Role.MANAGER,
        "is_therapist": role in THERAPIST_ROLES,
        "is_admin": role == Role.ADMINISTRATOR,
        "deadline_days": DEADLINE_DAYS,
        "may_break_glass": may_break_glass(user),
        "reviews_break_glass": is_municipal_manager(user),
    }
    if user.has_perm("cases.view_case"):
        # Each block costs one or two queries, and a block the role does not see costs none:
        # a manager of a unit sees the unit's overview instead of "my cases".
        if role == Role.MANAGER and user.unit_id:
            context.update(_manager_overview(user, today))
        else:
            mine = selectors.my_cases(user, today=today)
            context["figures"] = _guarantee_figures(mine, today)
            context["my_cases"] = list(mine[:LIST_SIZE])
            context["list_size"] = LIST_SIZE
        context["deadlines"] = list(
            selectors.upcoming_deadlines(user, today=today, days=DEADLINE_DAYS)[:LIST_SIZE]
        )
        # The lists are logged as shown, without asking for a purpose (DESIGN §10).
        shown = [
            *context.get("my_cases", []),
            *context["deadlines"],
            *context.get("team_cases", []),
        ]
        access_log_list_record(user=user, object_type="start_page", cases=shown)
    return render(request, "core/home.html", context)
