"""Reads of the user's two-factor devices."""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device_for(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def user_has_two_factor(user: Any) -> bool:
    """Whether the user has set up two-factor login (an authenticator app is confirmed)."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def recovery_codes_left(user: Any) -> int:
    """How many of the user's recovery codes are still unused."""
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())
