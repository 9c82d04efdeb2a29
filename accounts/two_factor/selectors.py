"""Reads of the user's two-factor devices."""

from __future__ import annotations

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User


def totp_device_for(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def user_has_two_factor(user: User) -> bool:
    """Whether the user has set up two-factor login (an authenticator app is confirmed)."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def recovery_codes_left(user: User) -> int:
    """How many of the user's recovery codes are still unused."""
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())
