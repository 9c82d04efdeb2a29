"""The case list: search (kept in the session), filters and pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import authenticated

from .. import selectors
from ..access_log.purposes import access_log_list_record
from ..forms import CaseFilterForm, CaseSearchForm
from .pages import local_today

# Citizens without a case shown above the search results (the search narrows them down).
CITIZENS_SHOWN = 20

PAGE_SIZE = 25
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
        query.pop("page", None)
        url = reverse("cases:list")
        return redirect(f"{url}?{query.urlencode()}" if query else url)

    search = request.session.get(SEARCH_SESSION_KEY, "")
    filter_form = CaseFilterForm(request.GET or None)
    cases = selectors.case_list_for(
        request.user, search=search, today=local_today(), **filter_form.selector_kwargs()
    )
    paginator = Paginator(cases, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    # A list and a search result are logged as shown, without asking for a purpose.
    access_log_list_record(user=request.user, object_type="case_list", cases=page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "search_form": CaseSearchForm(initial={"q": search}),
        "search": search,
        "filter_form": filter_form,
        "page_obj": page,
        "elided_pages": list(paginator.get_elided_page_range(page.number, on_each_side=2)),
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
