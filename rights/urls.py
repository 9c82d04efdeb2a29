from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "rights"

urlpatterns: list[URLPattern | URLResolver] = [
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
]
