from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import views
from .file_export import views as file_export_views
from .retention import views as retention

app_name = "rights"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "borger/<int:citizen_id>/aktindsigt/",
        file_export_views.file_export_start,
        name="file_export_start",
    ),
    path(
        "aktindsigt/<int:export_id>/",
        file_export_views.file_export_review_page,
        name="file_export_review",
    ),
    path(
        "aktindsigt/<int:export_id>/udlever/",
        file_export_views.file_export_release_view,
        name="file_export_release",
    ),
    path(
        "aktindsigt/<int:export_id>/hent/<str:file_format>/",
        file_export_views.file_export_download,
        name="file_export_download",
    ),
    path("team/", views.team_rights, name="team"),
    path("sag/<int:case_id>/", views.case_rights_page, name="case"),
    path(
        "sag/<int:case_id>/aktindsigt/", views.access_request_create, name="access_request_create"
    ),
    path(
        "sag/<int:case_id>/aktindsigt/<int:pk>/luk/",
        views.access_request_close,
        name="access_request_close",
    ),
    path("sag/<int:case_id>/klage/", views.complaint_create, name="complaint_create"),
    path("sag/<int:case_id>/klage/<int:pk>/", views.complaint_step, name="complaint_step"),
    path("sletning/", retention.retention_page, name="retention"),
    path("sletning/tilbagehold/", retention.hold_place, name="hold_place"),
    path(
        "sletning/tilbagehold/<int:hold_id>/ophaev/",
        retention.hold_lift_view,
        name="hold_lift",
    ),
    path("sletning/frister/<int:rule_id>/bekraeft/", retention.rule_confirm, name="rule_confirm"),
]
