from __future__ import annotations

app_name = "treatment_options"

urlpatterns: list = []
