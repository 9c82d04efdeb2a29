"""Moves through the case's lifecycle from the buttons on the case page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest

from .. import lifecycle, services
from ..access import VIEW
from ..decorators import case_view
from ..forms import CaseMoveForm
from ..models import Case
from ..reason_messages import ACTION_LABELS, move_refusal
from .pages import detail_url
from .permissions import CHANGE_CASE, require


@case_view(perm=VIEW)
@require_POST
def case_move(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """One lifecycle move from the buttons on the case page. A refused move changes nothing and
    comes back as a Danish message."""
    require(request.user, CHANGE_CASE, case)
    form = CaseMoveForm(request.POST)
    if not form.is_valid():
        if "note" in form.errors:
            # Too long a note: say so (with its limit and length) rather than "missing".
            label = form.fields["note"].label
            messages.error(request, f"{label}: {' '.join(str(e) for e in form.errors['note'])}")
        else:
            messages.error(request, _("Handlingen mangler."))
        return redirect(detail_url(case))
    action = form.cleaned_data["action"]
    try:
        case = services.case_move(
            actor=request.user,
            case=case,
            action=action,
            note=form.cleaned_data["note"],
            course_ended_on=form.cleaned_data["course_ended_on"],
            course_end_reason=form.cleaned_data["course_end_reason"],
            course_end_status=form.cleaned_data["course_end_status"],
        )
    except lifecycle.MoveNotAllowed as exc:
        messages.error(request, move_refusal(exc))
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
    return redirect(detail_url(case))
