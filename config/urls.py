from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from core.health import healthz, readyz
from core.views import set_language

admin.site.site_header = "Overgang: administration"
admin.site.site_title = "Overgang"

# A lost database connection raised before any view (session, user) answers 503, not 500.
handler500 = "core.unavailable.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sager/", include("cases.urls")),
    path("tilbud/", include("treatment_options.urls")),
    path("overgange/", include("transitions.urls")),
    path("indbakke/", include("notifications.urls")),
    path("rapporter/", include("reports.urls")),
    path("rettigheder/", include("rights.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]

# Under /api/ Django's error answers are JSON in the API's error shape; elsewhere the pages
# (handler500 above: the 503 for a lost database, else api.error_pages.server_error).
handler400 = "api.error_pages.bad_request"
handler403 = "api.error_pages.permission_denied"
handler404 = "api.error_pages.not_found"
