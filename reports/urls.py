from __future__ import annotations

from django.urls import path

from . import lookup_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path(
        "enhed/<int:unit_id>/lederrapport/",
        views.manager_report_create,
        name="manager_report_create",
    ),
    path("enhed/<int:unit_id>/registerudtraek/", views.register_extract, name="register_extract"),
    path("enhed/<int:unit_id>/registertjek/", views.register_check, name="register_check"),
    path(
        "borger/<int:citizen_id>/opslag/",
        lookup_views.lookup_extract,
        name="lookup_extract",
    ),
    path("job/<int:job_id>/", views.job_detail, name="job_detail"),
    path("job/<int:job_id>/hent/", views.job_download, name="job_download"),
    path("sag/<int:case_id>/statusrapport/", views.case_report, name="case_report"),
    path(
        "sag/<int:case_id>/statusrapport/ekstern/",
        views.external_case_report,
        name="external_case_report",
    ),
]
