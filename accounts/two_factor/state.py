"""What the session knows about the second factor.

A login has two steps: the password (Django's login(); the user is then authenticated) and
the code. `verification_required` says whether this session still owes the code: always when
REQUIRE_2FA is on, and when it is off (the demo) for a user who has set up two-factor login
anyway. Whether the user has a device is noted in the session at login, so that an ordinary
request costs no query; an administrator's reset ends the user's sessions, so the note cannot
go stale in a way that matters.

A verified session holds django-otp's DEVICE_ID_SESSION_KEY (the device's persistent id),
written only by `session_mark_verified` after a code was accepted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from ..lockout import lockout_reset
from .selectors import user_has_two_factor

ENROLLED_SESSION_KEY = "two_factor_enrolled"


def session_is_verified(request: HttpRequest) -> bool:
    """Whether this session's user has given a second factor since logging in."""
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(DEVICE_ID_SESSION_KEY))


def verification_required(request: HttpRequest) -> bool:
    """Whether a logged-in user must still give a code (or set up two-factor) in this session."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or session_is_verified(request):
        return False
    return bool(settings.REQUIRE_2FA or request.session.get(ENROLLED_SESSION_KEY))


def session_mark_verified(request: HttpRequest, device: Device) -> None:
    """The code was right: a new session key (the session now carries more trust) and the
    device's id in the session."""
    request.session.cycle_key()
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


@receiver(user_logged_in, dispatch_uid="accounts.two_factor.state.on_login")
def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Every password login starts unverified; the lock-out counter is reset only when the
    login needs no code (the code step resets it otherwise, accounts.lockout)."""
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    enrolled = user_has_two_factor(user)
    request.session[ENROLLED_SESSION_KEY] = enrolled
    if not (settings.REQUIRE_2FA or enrolled):
        lockout_reset(user)
