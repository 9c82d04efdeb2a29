"""PostgreSQL down gives 503, not 500 (DESIGN §9): while the database restarts, a page gets a
Danish "prøv igen om lidt" page, the API a JSON error, an htmx save a 503 that leaves the form
and its text in place (`HX-Reswap: none`; static/js/htmx-unavailable.js shows the message).

Two entry points, one answer: the middleware catches a connection failure raised by a view;
`server_error` (handler500) catches one raised by a middleware before the view (loading the
session or the user is the first query of most requests), which no middleware can see."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

# Seconds a client (or a browser's user) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 15

# PostgreSQL error classes that mean "no usable connection": 08 connection exception, and the
# server shutting down or starting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
# connect now). A deadlock or a lock or statement timeout is an OperationalError too, but a
# real fault of the request, and stays a 500.
_CONNECTION_SQLSTATES = ("57P01", "57P02", "57P03")


def is_connection_failure(exc: BaseException | None) -> bool:
    """True when `exc` says the database cannot be reached, not that a query went wrong."""
    if isinstance(exc, InterfaceError):
        return True  # the connection is closed or broken
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return "unable to open database" in str(cause)
    sqlstate = getattr(cause, "sqlstate", None)
    # psycopg gives no SQLSTATE when the connection itself failed (refused, timed out).
    return sqlstate is None or sqlstate.startswith("08") or sqlstate in _CONNECTION_SQLSTATES


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 for `request`: JSON under /api/, a message for htmx, else the Danish page.

    Nothing here may touch the database: the page renders without a request context (no
    user, no context processors), like the 500 page."""
    with translation.override(translation.get_language() or "da"):
        message = _("Overgang kan ikke nå sin database lige nu. Prøv igen om lidt.")
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message, "code": "database_unavailable"}, status=503)
        elif request.headers.get("HX-Request") == "true":
            # Nothing is swapped: the form and what the user typed stay on the page; the
            # message is shown by static/js/htmx-unavailable.js.
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
            response["HX-Reswap"] = "none"
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database connection failure raised by a view into the 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_connection_failure(exception):
            return database_unavailable_response(request)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the 503 when the error being handled is a lost database connection (raised
    in a middleware, before any view), else Django's own 500 page."""
    if is_connection_failure(sys.exc_info()[1]):
        return database_unavailable_response(request)
    return django_server_error(request, template_name)
