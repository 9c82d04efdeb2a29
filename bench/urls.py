"""The bench's URLconf: production's URLs plus the two floors of bench/floors.py. Used only by
bench/pages.py (`ROOT_URLCONF = "bench.urls"` for the run) and its smoke test.

Production's URLconf is included by its dotted name, as settings name it, not imported: the
bench sits below config in the app order."""

from __future__ import annotations

from django.urls import include, path

from .floors import bare, layout_floor

urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/layout/", layout_floor, name="bench_layout"),
    path("", include("config.urls")),
]

# The same error handlers as config.urls (they are read from the root URLconf).
handler400 = "api.error_pages.bad_request"
handler403 = "api.error_pages.permission_denied"
handler404 = "api.error_pages.not_found"
handler500 = "core.unavailable.server_error"
