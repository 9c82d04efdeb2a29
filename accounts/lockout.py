"""The login lock-out (django-axes) counts failures per account, not per typed text.

axes keys its failure counter by the "username" it is given. Left alone it uses the text as
typed, so `jonas`, `JONAS` and jonas's e-mail address each had five attempts of their own.
`lockout_username` (AXES_USERNAME_CALLABLE) turns whatever was typed into the account's own
username; text that names no account is counted by its normalised form (trimmed, case folded),
so unknown names are locked too and varying the case of a probe gains nothing.

A wrong two-factor code counts as a failed login of the same account (`login_failure_record`),
so the password step and the code step share one counter. The counter is reset only when the
whole login has succeeded (`lockout_reset`), never after the password step alone: otherwise a
thief with the password could log in again after every four wrong codes and guess forever.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse

from .selectors import user_get_by_login


def lockout_key(identifier: str | None) -> str | None:
    """The key the failure counter uses for a typed identifier."""
    if identifier is None:
        return None
    user = user_get_by_login(identifier)
    if user is not None:
        return user.get_username()
    return identifier.strip().casefold()


def lockout_username(request: Any, credentials: dict[str, Any] | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the account behind the typed username or e-mail address."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        typed = data.get(field)
    return lockout_key(typed if isinstance(typed, str) else None)


def _credentials(user: Any) -> dict[str, Any]:
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def login_failure_record(request: HttpRequest, user: Any) -> bool:
    """Count a wrong second-factor code against the account, as a wrong password is. Returns
    True when the account is now locked."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def is_locked_out(request: HttpRequest, user: Any) -> bool:
    return not AxesProxyHandler.is_allowed(request, _credentials(user))


def lockout_response(request: HttpRequest, user: Any) -> HttpResponse:
    """axes' own answer to a locked account (the Danish lock-out page, 429)."""
    return get_lockout_response(request, None, _credentials(user))


def lockout_reset(user: Any) -> None:
    """Forget the account's failures: the whole login (password and code) succeeded."""
    if not user.get_username():
        return  # an empty username would make axes forget every account's failures
    AxesProxyHandler.reset_attempts(username=user.get_username())
