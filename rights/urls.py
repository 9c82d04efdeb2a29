from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .retention import views as retention

app_name = "rights"

urlpatterns: list[URLPattern | URLResolver] = [
    path("sletning/", retention.retention_page, name="retention"),
    path("sletning/tilbagehold/", retention.hold_place, name="hold_place"),
    path(
        "sletning/tilbagehold/<int:hold_id>/ophaev/",
        retention.hold_lift_view,
        name="hold_lift",
    ),
    path("sletning/frister/<int:rule_id>/bekraeft/", retention.rule_confirm, name="rule_confirm"),
]
