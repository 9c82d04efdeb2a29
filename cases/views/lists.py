"""The case list: search (kept in the session), filters and pages, and its total (counted after
the page has been shown)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import authenticated

from .. import selectors
from ..access_log.purposes import access_log_list_record
from ..forms import CaseFilterForm, CaseSearchForm
from ..models import Case
from ..paging import ListCount, capped_count, keyset_page
from .pages import local_today

# Citizens without a case shown above the search results (the search narrows them down).
CITIZENS_SHOWN = 20

PAGE_SIZE = 25
# The cursors of the keyset pages ("page": the page numbers of old links, ignored).
PAGE_PARAMETERS = ("after", "before", "page")
# The search term lives in the session, never in the URL (it may be a name or a CPR number).
SEARCH_SESSION_KEY = "cases_list_search"


@authenticated
@require_http_methods(["GET", "POST"])
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Cases the user may see, filtered in the database by the selector.

    The free-text search is POSTed and kept in the session (post/redirect/get), so a name or a
    CPR number never appears in a URL, the browser history or a server log; the filters and the
    page number are GET parameters because none of them is personal data.
    """
    if request.method == "POST":
        search_form = CaseSearchForm(request.POST)
        term = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
        if "clear" in request.POST or not term:
            request.session.pop(SEARCH_SESSION_KEY, None)
        else:
            request.session[SEARCH_SESSION_KEY] = term
        query = request.GET.copy()
        for name in PAGE_PARAMETERS:
            query.pop(name, None)
        url = reverse("cases:list")
        return redirect(f"{url}?{query.urlencode()}" if query else url)

    search, filter_form, cases = _listed(request)
    # Keyset pages (DESIGN §9): the rows after (or before) the cursor's row in the list's
    # order, through the order's index; no OFFSET. The total of a list longer than a page is
    # not counted here: the page asks case_list_count for it once it is shown (the count walks
    # the visible cases up to a cap, the slowest part of a page at a national scale).
    page = keyset_page(
        cases,
        selectors.case_list_ordering(filter_form.selector_kwargs()["order"]),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        size=PAGE_SIZE,
        count=False,
    )
    # A list and a search result are logged as shown, without asking for a purpose.
    access_log_list_record(user=request.user, object_type="case_list", cases=page.object_list)
    query = request.GET.copy()
    for name in PAGE_PARAMETERS:
        query.pop(name, None)
    context = {
        "search_form": CaseSearchForm(initial={"q": search}),
        "search": search,
        "filter_form": filter_form,
        "page_obj": page,
        "filter_query": query.urlencode(),
        "today": local_today(),
        "can_create": request.user.has_perm("cases.add_citizen"),
        # A citizen the team registered has no case yet: found by the search all the same.
        "citizens_without_case": list(
            selectors.citizens_without_case_for(request.user, search=search)[:CITIZENS_SHOWN]
        )
        if search
        else [],
    }
    template = "cases/case_list.html#results" if request.htmx else "cases/case_list.html"
    response = render(request, template, context)
    # The same URL answers with the page or only the results: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@authenticated
@require_http_methods(["GET"])
def case_list_count(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The summary of a page of the case list with its total ("Viser 26-50 af 347 sager"), for
    the page to load after it is shown: the same search and filters, the rows start-end of the
    page (GET), and the total counted up to a cap. It shows no case, so nothing is logged."""
    try:
        start, end = int(request.GET["start"]), int(request.GET["end"])
        in_order = 1 <= start <= end
    except (KeyError, ValueError):
        in_order = False
    if not in_order:
        return HttpResponseBadRequest(_("Angiv sidens første og sidste række."))
    search, _filter_form, cases = _listed(request)
    total, capped = capped_count(cases)
    summary = ListCount(
        start_index=start,
        end_index=min(end, total) if not capped else end,
        count=total,
        count_capped=capped,
    )
    return render(request, "cases/case_list.html#summary", {"search": search, "page_obj": summary})


def _listed(request: AuthenticatedHttpRequest) -> tuple[str, CaseFilterForm, QuerySet[Case]]:
    """The search term (from the session), the filter form (from GET) and the cases they find."""
    search = request.session.get(SEARCH_SESSION_KEY, "")
    filter_form = CaseFilterForm(request.GET or None)
    cases = selectors.case_list_for(
        request.user, search=search, today=local_today(), **filter_form.selector_kwargs()
    )
    return search, filter_form, cases
