"""The idle timeout without a write on every request (issue 17).

A session expires `SESSION_IDLE_TIMEOUT_SECONDS` after the last request. Writing the row on
every request (SESSION_SAVE_EVERY_REQUEST) costs three statements per page; instead the row is
stored with `SESSION_COOKIE_AGE` = idle timeout + `SESSION_TOUCH_SLACK_SECONDS` and written again
only once its remaining life has fallen below the idle timeout, i.e. at most once per slack.
The last request before a touch may come up to one slack after it, so the session ends between
the idle timeout and the idle timeout plus the slack after the last request: never earlier.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

NO_REFRESH_ATTRIBUTE = "_session_no_refresh"


def session_refresh_skip(request: HttpRequest) -> None:
    """This request does not count as activity (the header's polling of the unread count)."""
    setattr(request, NO_REFRESH_ATTRIBUTE, True)


def session_due_for_touch(request: HttpRequest) -> bool:
    """Whether the request's session row must be written to keep the idle timeout."""
    session = getattr(request, "session", None)
    if session is None or getattr(request, NO_REFRESH_ATTRIBUTE, False):
        return False
    if not session.accessed or session.is_empty():
        return False
    stored_expiry = getattr(session, "stored_expiry", None)
    if stored_expiry is None:
        return False
    idle = timedelta(seconds=settings.SESSION_IDLE_TIMEOUT_SECONDS)
    return bool(stored_expiry - timezone.now() < idle)


class IdleSessionMiddleware(SessionMiddleware):
    """Django's SessionMiddleware, which also saves a session that is due for a touch."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if session_due_for_touch(request):
            request.session.modified = True
        result: HttpResponse = super().process_response(request, response)
        return result
