from __future__ import annotations

from django.urls import path

from . import deputy_views, views
from .two_factor import views as two_factor_views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("adgangskode/", views.password_change, name="password_change"),
    path("adgangskode/skiftet/", views.password_change_done, name="password_change_done"),
    path("nulstil/", views.password_reset, name="password_reset"),
    path("nulstil/sendt/", views.password_reset_done, name="password_reset_done"),
    path("nulstil/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("nulstil/faerdig/", views.password_reset_complete, name="password_reset_complete"),
    path("stedfortraeder/", deputy_views.deputy_settings, name="deputies"),
    path("stedfortraeder/<int:pk>/slet/", deputy_views.deputy_delete, name="deputy_delete"),
    path("tofaktor/", two_factor_views.overview, name="two_factor"),
    path("tofaktor/opret/", two_factor_views.setup, name="two_factor_setup"),
    path("tofaktor/bekraeft/", two_factor_views.verify, name="two_factor_verify"),
    path(
        "tofaktor/gendannelseskoder/",
        two_factor_views.recovery_codes,
        name="two_factor_recovery_codes",
    ),
]
