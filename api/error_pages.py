"""Django's error answers (404, 500, 400, 403 raised outside DRF) under /api/ as JSON, in the
API's error shape {"detail": "...", "code": "..."} (api.exceptions): a malformed or unknown
path under /api/ (`/api/v1/cases/abc/`, `/api/v1/nothing/`) never reaches a DRF view, and a
client of the API must not get Django's HTML page. Everywhere else Django's own pages.

Installed as handler404/handler400/handler403 in config/urls.py; `server_error` is the 500
of core.unavailable.server_error (handler500), which answers a lost database with the 503.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(detail: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_request(request):
        return api_error(_("Ikke fundet."), "not_found", 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    if is_api_request(request):
        return api_error(
            _("Der opstod en fejl på serveren. Prøv igen senere."), "server_error", 500
        )
    return defaults.server_error(request, template_name)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_request(request):
        return api_error(_("Ugyldig forespørgsel."), "bad_request", 400)
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_request(request):
        return api_error(
            _("Du har ikke tilladelse til at udføre denne handling."), "permission_denied", 403
        )
    return defaults.permission_denied(request, exception)  # type: ignore[arg-type]
