"""The two floors the page benchmark measures every page against (issue 17), reachable only
through the bench URLconf (`bench.urls`), never in production's URLs.

- `bare`: an authenticated view that answers a few bytes: the middleware (session, user,
  two-factor, CSRF, CSP) and nothing else.
- `layout_floor`: the real base layout with an empty content block, for the same user and
  middleware: the menu, the unit and role in the header, the footer, and the layout's queries.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import engines

from accounts.policies import authenticated

# Compiled once, as the cached template loader would: only `{% extends %}` is looked up.
_LAYOUT = engines["django"].from_string('{% extends "base.html" %}')


@authenticated
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


@authenticated
def layout_floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_LAYOUT.render({}, request))
