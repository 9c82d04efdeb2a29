from __future__ import annotations

app_name = "transitions"

urlpatterns: list = []
