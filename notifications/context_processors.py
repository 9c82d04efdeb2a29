from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import notification_unread_count

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """The unread badge in the header. Lazy: no query unless a template uses it."""
    user: User | AnonymousUser | None = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications_count": SimpleLazyObject(
            lambda: notification_unread_count(user=user)
        ),
    }
