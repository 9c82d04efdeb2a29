from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "rights"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "borger/<int:citizen_id>/aktindsigt/",
        views.file_export_start,
        name="file_export_start",
    ),
    path(
        "aktindsigt/<int:export_id>/",
        views.file_export_review_page,
        name="file_export_review",
    ),
    path(
        "aktindsigt/<int:export_id>/udlever/",
        views.file_export_release_view,
        name="file_export_release",
    ),
    path(
        "aktindsigt/<int:export_id>/hent/<str:file_format>/",
        views.file_export_download,
        name="file_export_download",
    ),
]
