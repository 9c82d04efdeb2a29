"""The decision (afgørelse) page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest

from .. import services
from ..access import VIEW
from ..decorators import case_view
from ..forms import DecisionForm
from ..models import Case
from .pages import detail_url, local_today
from .permissions import CHANGE_CASE, require
from .versioned import versioned_post


@case_view(perm=VIEW, object_type="case_decision")
@require_http_methods(["GET", "POST"])
def case_decision(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """The decision (afgørelse) with result, reasons and complaint guidance."""
    require(request.user, CHANGE_CASE, case)
    conflict = False
    if request.method == "POST":

        def save(**kwargs: Any) -> Any:
            return services.case_decision_save(actor=request.user, case=case, **kwargs)

        form, saved, conflict = versioned_post(
            request,
            DecisionForm,
            case,
            save,
            form_kwargs={"case": case, "initial": DecisionForm.initial_for(case)},
        )
        if saved:
            messages.success(request, _("Afgørelsen er gemt."))
            return redirect(detail_url(case, "afgoerelse"))
    else:
        form = DecisionForm(initial=DecisionForm.initial_for(case), case=case)
    current = Case.objects.get(pk=case.pk) if conflict else case
    return render(
        request,
        "cases/case_decision.html",
        {
            "case": case,
            "form": form,
            "conflict": conflict,
            "current": current,
            "today": local_today(),
        },
    )
