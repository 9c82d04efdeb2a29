"""Break the glass: emergency access to a case the user has no access to."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import permission_required

from .. import services
from ..access import case_list_visible_to
from ..access_log import access_log_record
from ..forms import BreakGlassForm, apply_validation_error
from ..models import AccessLog, Case


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
