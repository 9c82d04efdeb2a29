from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def current_user(request: HttpRequest) -> dict[str, Any]:
    """Role and unit for the header. Lazy: no query unless a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "current_role_label": SimpleLazyObject(lambda: user.role.label if user.role else ""),
        "current_unit": SimpleLazyObject(lambda: user.unit),
    }
