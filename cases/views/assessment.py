"""The holistic needs assessment page (six topics, doctor's consultation, action plan)."""

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
from ..forms import AssessmentForm
from ..models import Case
from .pages import detail_url, local_today
from .permissions import CHANGE_CASE, require
from .versioned import versioned_post


@case_view(perm=VIEW, object_type="case_assessment")
@require_http_methods(["GET", "POST"])
def case_assessment(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """The holistic needs assessment (six topics), doctor's consultation and action plan."""
    require(request.user, CHANGE_CASE, case)
    conflict = False
    if request.method == "POST":

        def save(**kwargs: Any) -> Any:
            return services.case_assessment_save(actor=request.user, case=case, **kwargs)

        form, saved, conflict = versioned_post(
            request,
            AssessmentForm,
            case,
            save,
            form_kwargs={"initial": AssessmentForm.initial_for(case)},
        )
        if saved:
            messages.success(request, _("Afdækningen er gemt."))
            return redirect(detail_url(case, "afdaekning"))
    else:
        form = AssessmentForm(initial=AssessmentForm.initial_for(case))
    current = Case.objects.get(pk=case.pk) if conflict else case
    return render(
        request,
        "cases/case_assessment.html",
        {
            "case": case,
            "form": form,
            "conflict": conflict,
            "current": current,
            "today": local_today(),
        },
    )
