"""Break the glass: emergency access to a case the user has no access to, and the managers'
review of each use."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import permission_required

from .. import services
from ..access import case_list_visible_to
from ..access_log import access_log_record
from ..break_glass_access import is_municipal_manager, may_break_glass
from ..forms import BreakGlassForm, BreakGlassReviewForm, apply_validation_error
from ..models import AccessLog, Case
from ..selectors import break_glass_get_for_reviewer, break_glass_unreviewed_for


@permission_required("cases.break_glass")
@require_http_methods(["GET", "POST"])
def break_glass(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Emergency access (DESIGN §1): 4 hours on a case the user has no access to, after a reason.

    The page gives no hint whether a case number exists until a reason has been given. Then an
    unknown number answers "Ingen sag fundet" - which does tell the user the number is wrong.
    That is the tradeoff: a caseworker on the phone with the police must learn a typo at once,
    and a user probing numbers leaves a logged reason per attempt (and the service notifies the
    manager on every success), so probing is visible in the access log.
    """
    if not may_break_glass(request.user):
        raise PermissionDenied
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
                purpose=AccessLog.Purpose.BREAK_GLASS,
                note=reason,
                break_glass=True,
                unit_id=getattr(request.user, "unit_id", None),
            )
            form.add_error("case_number", _("Ingen sag fundet med dette sagsnummer."))
        elif case_list_visible_to(request.user, few=True).filter(pk=case_id).exists():
            messages.info(request, _("Du har allerede adgang til sagen."))
            return redirect("cases:detail", case_id=case_id)
        else:
            try:
                case = services.case_break_glass(
                    actor=request.user,
                    case_id=case_id,
                    reason_code=form.cleaned_data["reason_code"],
                    reason=reason,
                )
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


@permission_required("cases.break_glass")
@require_http_methods(["GET"])
def break_glass_unreviewed(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The managers' list of uses of break the glass that nobody has reviewed yet."""
    if not is_municipal_manager(request.user):
        raise PermissionDenied
    uses = break_glass_unreviewed_for(request.user)
    return render(request, "cases/break_glass_unreviewed.html", {"uses": uses})


@permission_required("cases.break_glass")
@require_http_methods(["GET", "POST"])
def break_glass_review(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    """A manager closes the review task of one use with a comment (the inbox links here)."""
    if not is_municipal_manager(request.user):
        raise PermissionDenied
    access = break_glass_get_for_reviewer(request.user, access_id)
    form = BreakGlassReviewForm(request.POST or None)
    if request.method == "POST" and access.reviewed_at is None and form.is_valid():
        try:
            services.break_glass_review(
                actor=request.user, access=access, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Nødadgangen er gennemgået."))
            return redirect("cases:break_glass_unreviewed")
    return render(request, "cases/break_glass_review.html", {"access": access, "form": form})
