from __future__ import annotations

from django.urls import path

from . import info_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tilgaengelighed/", info_views.accessibility, name="accessibility"),
]
