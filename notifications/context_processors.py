from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import UNREAD_ATTRIBUTE, notification_unread_count

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """The unread badge in the header. Lazy: no query unless a template uses it. On a GET,
    the count read with the user row at the start of the request (no query of its own); a
    request that may have changed notifications (any other method, or a service that marked
    the user's own read, notifications.selectors.unread_count_forget) counts again."""
    user: User | AnonymousUser | None = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    at_start = getattr(user, UNREAD_ATTRIBUTE, None)
    if at_start is not None and request.method in ("GET", "HEAD"):
        return {"unread_notifications_count": at_start}
    return {
        "unread_notifications_count": SimpleLazyObject(
            lambda: notification_unread_count(user=user)
        ),
    }
