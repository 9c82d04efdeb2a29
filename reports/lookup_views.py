"""The citizen's look-up extract page and download (DESIGN §10).

Printed on the citizen's request by a caseworker or a manager with access to one of the
citizen's cases (the role permission cases.view_citizen and cases.selectors'
citizen_get_for_user: 404 otherwise). Making it is itself logged, with the purpose "the
citizen's own request". The page shows no personal data until the extract is made.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import permission_required
from cases.selectors import CITIZEN_RIGHTS_PERM, citizen_get_for_rights_request

from .lookup_extract import LookupExtractForm, default_period, lookup_extract_make

CITIZEN_PERM = CITIZEN_RIGHTS_PERM


@require_GET
@permission_required(CITIZEN_PERM)
def lookup_extract(request: AuthenticatedHttpRequest, citizen_id: int) -> HttpResponse:
    citizen = citizen_get_for_rights_request(request.user, citizen_id)
    if not request.GET:
        period = default_period(timezone.localdate())
        form = LookupExtractForm(initial={"fra": period.start, "til": period.end})
        return render(request, "reports/lookup_extract.html", {"form": form, "citizen": citizen})
    form = LookupExtractForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "citizen": citizen}
        return render(request, "reports/lookup_extract.html", context, status=400)
    content, name, content_type = lookup_extract_make(
        user=request.user,
        citizen=citizen,
        period=form.period,
        file_format=form.cleaned_data["format"],
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Personal data: never kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    return response
