from __future__ import annotations

from django.urls import path

from . import follow_up_views, views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("antal/", views.unread_count, name="unread_count"),
    path("alle-laest/", views.mark_all_read, name="mark_all_read"),
    path("e-mail/", views.email_preference, name="email_preference"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("<int:pk>/laest/", views.mark_read, name="mark_read"),
    path("sag/<int:case_id>/opfoelgning/", views.follow_up_done, name="follow_up_done"),
    path(
        "sag/<int:case_id>/opfoelgning/<str:due_kind>/resultat/",
        follow_up_views.follow_up_outcome,
        name="follow_up_outcome",
    ),
    path(
        "sag/<int:case_id>/opfoelgning/<str:due_kind>/forsoeg/",
        follow_up_views.follow_up_attempt,
        name="follow_up_attempt",
    ),
]
