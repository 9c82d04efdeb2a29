from __future__ import annotations

from django.urls import path

from . import views

app_name = "treatment_options"

urlpatterns = [
    path("", views.offer_list, name="offer_list"),
    path("sag/<int:case_id>/henvis/", views.episode_refer, name="episode_refer"),
    path("sag/<int:case_id>/forloeb/<int:pk>/", views.episode_detail, name="episode_detail"),
    path("sag/<int:case_id>/forloeb/<int:pk>/start/", views.episode_start, name="episode_start"),
    path(
        "sag/<int:case_id>/forloeb/<int:pk>/behandlingsplan/",
        views.episode_plan,
        name="episode_plan",
    ),
    path("sag/<int:case_id>/forloeb/<int:pk>/afslut/", views.episode_end, name="episode_end"),
    path("sag/<int:case_id>/efter-udskrivning/", views.discharge_next, name="discharge_next"),
]
