"""Recording a contact with the citizen (DESIGN §5.10) from the transition page or the case
page: an htmx form that comes back with its errors and everything typed, and reloads the page
when the contact is saved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from cases.decorators import case_view
from cases.models import Case

from ..selectors.contact_panel import contact_form_for
from ..services import contacts as contact_services
from .base import VIEW, apply_errors, detail_url


def _next_url(case: Case, next_: str) -> str:
    if next_ == "case":
        return reverse("cases:detail", kwargs={"case_id": case.pk}) + "#kontakter"
    return detail_url(case, "kontakter")


@case_view(perm=VIEW, object_type="contact")
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    next_ = "case" if request.POST.get("next", request.GET.get("next")) == "case" else ""
    form = contact_form_for(request.user, case, request.POST if request.method == "POST" else None)
    if form is None:
        # cases.access.may_change_episode says no for every episode of the case.
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            contact_services.contact_record_for_commitment(
                actor=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            # The service speaks of the moment ("at"); the form has a date and a time.
            if hasattr(error, "error_dict") and "at" in error.error_dict:
                error.error_dict["date"] = error.error_dict.pop("at")
            apply_errors(form, error)
        else:
            messages.success(request, _("Kontakten er registreret."))
            if request.htmx:
                # Reload the page the form is on (the case page or the transition page), so
                # that the delivery figures and the list are fresh. Not HX-Redirect: a redirect
                # to the same page with an anchor is only a jump within it, not a reload.
                response = HttpResponse(status=200)
                response["HX-Refresh"] = "true"
                return response
            return redirect(_next_url(case, next_))
    context = {
        "case": case,
        "contact_form": form,
        "contact_next": next_ or "transition",
        "page_title": _("Registrér kontakt"),
    }
    if request.htmx:
        return render(request, "transitions/_contact_form.html", context)
    return render(request, "transitions/contact_page.html", context)
