"""The managers' access log (DESIGN §1 and §10): the entries about the manager's unit,
filtered, paginated, with the unusual marked (cases.selectors.access_log)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import authenticated

from .. import selectors
from ..access import may_view_access_log
from ..break_glass_access import is_municipal_manager
from ..forms.access_log import AccessLogFilter
from ..paging import keyset_page

PAGE_SIZE = 50
# The access log's own order (cases.selectors.access_log), newest first.
ORDERING = ("-created_at", "-pk")
# The cursors of the keyset pages ("page": the page numbers of old links, ignored).
PAGE_PARAMETERS = ("after", "before", "page")


@authenticated
@require_GET
def access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Managers only (403 for everybody else); only their unit's entries."""
    if not may_view_access_log(request.user):
        raise PermissionDenied
    filterset = AccessLogFilter(
        request.GET or None, queryset=selectors.access_log_visible_to(request.user)
    )
    valid = not filterset.is_bound or filterset.is_valid()
    entries = filterset.qs if valid else filterset.queryset
    # Keyset pages (DESIGN §9): tens of millions of entries at national scale, so no OFFSET
    # and no count, not even a capped one (counting the first 1,000 of a rare filter walks
    # the unit's whole log); each page is read from an index in its order
    # (docs/operations.md, "The access log's indexes").
    page = keyset_page(
        entries,
        ORDERING,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        size=PAGE_SIZE,
        count=False,
    )
    query = request.GET.copy()
    for name in PAGE_PARAMETERS:
        query.pop(name, None)
    reviews = is_municipal_manager(request.user)
    context = {
        "filter_form": filterset.form,
        "page_obj": page,
        "rows": selectors.access_log_rows(list(page.object_list)),
        "filter_query": query.urlencode(),
        "unreviewed_count": (
            selectors.break_glass_unreviewed_for(request.user).count() if reviews else None
        ),
    }
    return render(request, "cases/access_log.html", context, status=200 if valid else 400)
