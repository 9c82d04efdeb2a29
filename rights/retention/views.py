"""The managers' retention page (docs/retention.md §6): what the nightly task deletes in the
next 30 days for the manager's unit, the open holds, the rules not yet confirmed; placing and
lifting a hold; confirming a rule."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from accounts.policies import authenticated
from cases.access import may_view_access_log
from cases.access_log import Read, access_log_record_many
from cases.models import AccessLog, Case, Citizen

from ..models import LegalHold
from .due import PREVIEW_DAYS, preview, rules_by_kind
from .forms import HoldReasonForm
from .holds import hold_lift, manager_hold_place
from .models import RetentionRule


def _manager(request: AuthenticatedHttpRequest) -> User:
    """Managers of a unit only (403 for everybody else)."""
    if not may_view_access_log(request.user):
        raise PermissionDenied
    return request.user


def unit_holds(unit_id: int) -> list[LegalHold]:
    """Open holds on the unit's cases, or on citizens with a case of the unit or registered by
    it."""
    of_unit = (
        Q(case__team_id=unit_id)
        | Q(case__isnull=True, citizen__cases__team_id=unit_id)
        | Q(case__isnull=True, citizen__registered_by_team_id=unit_id)
    )
    return list(
        LegalHold.objects.filter(of_unit, lifted_at__isnull=True)
        .select_related("citizen", "case", "placed_by")
        .distinct()
    )


@authenticated
@require_http_methods(["GET"])
def retention_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = _manager(request)
    assert user.unit_id is not None
    rows = preview(unit_id=user.unit_id, now=timezone.now())
    holds = unit_holds(user.unit_id)
    reads = [Read(case=row.case) for row in rows if row.case is not None]
    reads += [Read(case=hold.case) for hold in holds if hold.case is not None]
    # The list shows case numbers and masked CPR numbers: a list read (docs/access-log.md).
    access_log_record_many(
        user=user, object_type="retention_preview", reads=reads, purpose=AccessLog.Purpose.LIST
    )
    rules = list(rules_by_kind().values())
    context = {
        "rows": rows,
        "holds": holds,
        "rules": rules,
        "unconfirmed": [rule for rule in rules if not rule.confirmed],
        "days": PREVIEW_DAYS,
    }
    return render(request, "rights/retention.html", context)


def _target(request: AuthenticatedHttpRequest, user: User) -> tuple[Citizen, Case | None]:
    """The case (`sag`) or citizen without a case (`borger`) a hold is for, of the manager's
    unit; 404 otherwise."""
    case_id = request.GET.get("sag") or request.POST.get("sag")
    if case_id:
        case = get_object_or_404(
            Case.objects.select_related("citizen"), pk=case_id, team_id=user.unit_id
        )
        return case.citizen, case
    citizen = get_object_or_404(
        Citizen.objects.filter(cases__isnull=True),
        pk=request.GET.get("borger") or request.POST.get("borger") or 0,
        registered_by_team_id=user.unit_id,
    )
    return citizen, None


@authenticated
@require_http_methods(["GET", "POST"])
def hold_place(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = _manager(request)
    citizen, case = _target(request, user)
    form = HoldReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        manager_hold_place(
            citizen=citizen, case=case, reason=form.cleaned_data["reason"], user=user
        )
        messages.success(
            request, _("Tilbageholdelsen er oprettet: intet slettes, før den ophæves.")
        )
        return redirect("rights:retention")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "case": case, "citizen": citizen}
    return render(request, "rights/hold_place.html", context, status=status)


@authenticated
@require_http_methods(["GET", "POST"])
def hold_lift_view(request: AuthenticatedHttpRequest, hold_id: int) -> HttpResponse:
    user = _manager(request)
    holds = {hold.pk: hold for hold in unit_holds(user.unit_id or 0)}
    hold = holds.get(hold_id)
    if hold is None:
        raise Http404
    form = HoldReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hold_lift(hold=hold, reason=form.cleaned_data["reason"], user=user)
        messages.success(request, _("Tilbageholdelsen er ophævet."))
        return redirect("rights:retention")
    status = 400 if request.method == "POST" else 200
    return render(request, "rights/hold_lift.html", {"form": form, "hold": hold}, status=status)


@authenticated
@require_POST
def rule_confirm(request: AuthenticatedHttpRequest, rule_id: int) -> HttpResponse:
    """A manager confirms that a rule follows the municipality's archive rules."""
    user = _manager(request)
    rule = get_object_or_404(RetentionRule, pk=rule_id)
    if not rule.confirmed:
        rule.confirmed, rule.confirmed_at, rule.confirmed_by = True, timezone.now(), user
        rule.save(update_fields=["confirmed", "confirmed_at", "confirmed_by"])
        messages.success(request, _("Fristen er bekræftet."))
    return redirect("rights:retention")
