"""After discharge: the first outpatient contact, or the first appointment missed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from cases.decorators import case_view
from cases.models import Case

from .. import selectors, services
from ..forms import FirstContactForm
from .base import VIEW, detail_url, require


@case_view(perm=VIEW, object_type="transition")
@require_POST
def first_contact(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """Record the first outpatient contact, or mark the first appointment as missed."""
    transition = selectors.transition_get_for_case(case)
    require(request, "transitions.change_transition", case)
    try:
        if request.POST.get("action") == "missed":
            services.transition_first_appointment_mark_missed(
                transition=transition, actor=request.user
            )
            messages.success(
                request,
                _(
                    "Udeblivelsen er registreret. Der er oprettet en opsøgende opgave, og "
                    "sagsbehandleren har fået besked."
                ),
            )
        else:
            form = FirstContactForm(request.POST)
            if not form.is_valid():
                # ErrorList subclasses list at run time; django-stubs leaves that base out.
                raise ValidationError(form.errors.get("contact_on") or _("Angiv en dato."))  # type: ignore[arg-type]
            services.transition_first_contact_record(
                transition=transition,
                actor=request.user,
                contact_on=form.cleaned_data["contact_on"],
            )
            messages.success(request, _("Den første ambulante kontakt er registreret."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(detail_url(case, "efter-udskrivning"))
