"""Test clients log in with a verified second factor (DESIGN §1: two-factor is required when
REQUIRE_2FA=1, and the suite runs that way, tests/conftest.py).

`force_login` on every test client (django.test.Client and DRF's APIClient) is replaced for
the run by `force_login_verified`: the user gets a confirmed authenticator app (once) and the
session is marked verified by it, as the verification page would. A test of the unverified
state logs in with `force_login_unverified`; `totp_code` computes what the user's app shows.
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

# Django's own force_login, taken before the suite replaces it.
UNVERIFIED_FORCE_LOGIN = Client.force_login


def verified_device(user: Any) -> TOTPDevice:
    """The user's confirmed authenticator app (made if the user has none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Testapp", confirmed=True)


def session_verify(client: Client, user: Any) -> None:
    """Mark the client's session as verified by the user's authenticator app."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
    session.save()


def force_login_verified(self: Client, user: Any, backend: str | None = None) -> None:
    UNVERIFIED_FORCE_LOGIN(self, user, backend)
    session_verify(self, user)


def force_login_unverified(client: Client, user: Any, backend: str | None = None) -> None:
    """Log in with the password step only: the session still owes the second factor."""
    UNVERIFIED_FORCE_LOGIN(client, user, backend)


def totp_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The six digits the authenticator app shows now (or `steps_ahead` periods later: a code
    once accepted is never accepted again, so a second login in the same period needs the
    next one, which the device's tolerance allows).

    Close to the end of a period it first waits for the next one: a code computed in one period
    and checked in the next matches one step back, which shifts the device's drift, and a later
    `steps_ahead` code then misses (the flake once seen in the two-factor journey)."""
    left = device.step - (time.time() - device.t0) % device.step
    if left < 3:
        time.sleep(left + 0.1)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{code:0{device.digits}d}"
