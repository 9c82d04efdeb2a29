"""Writes of two-factor login: enrolment, verification, recovery codes and the reset.

Recovery codes are django-otp's static tokens: each is deleted when it is used, so each works
once. They are shown once, in the response that made them, and never again.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..events import user_event_record
from ..models import User, UserEvent
from ..sessions import user_sessions_end

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Godkendelsesapp"
RECOVERY_DEVICE_NAME = "Gendannelseskoder"
TOTP_CODE = re.compile(r"^\d{6}$")
RECOVERY_CODE = re.compile(r"^[a-z2-7]{8}$")


class AlreadyEnrolled(Exception):
    """The user has an authenticator app already; only an administrator's reset removes it."""


def code_normalise(text: str) -> str:
    """What the user typed, without spaces or dashes and in lower case ("123 456", "ABCD-EFGH")."""
    return re.sub(r"[\s-]+", "", text).lower()


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator app the enrolment page shows: the same one on every
    visit until it is confirmed, so a reload does not change the QR code."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise AlreadyEnrolled
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def _recovery_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_device_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the user's new authenticator app with a code from it. Returns the device and
    the new recovery codes (to show once), or None when the code is wrong."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    code = code_normalise(code)
    if device is None or not TOTP_CODE.match(code) or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _recovery_codes_replace(user)
    user_event_record(user=user, kind=UserEvent.Kind.TWO_FACTOR_ENROLLED, actor=user)
    return device, codes


@transaction.atomic
def recovery_codes_make(*, user: User) -> list[str]:
    """New recovery codes for the user (the old ones stop working). Returns them to show once."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValueError("Recovery codes need an authenticator app.")
    codes = _recovery_codes_replace(user)
    user_event_record(user=user, kind=UserEvent.Kind.RECOVERY_CODES_MADE, actor=user)
    return codes


@transaction.atomic
def two_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts `code` (six digits from the app, or an unused recovery code,
    which is then used up), or None. The rows are locked so that one code cannot be used by
    two requests at once."""
    code = code_normalise(code)
    devices: Any
    if TOTP_CODE.match(code):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    elif RECOVERY_CODE.match(code):
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    else:
        return None
    for device in devices.select_for_update().order_by("pk"):
        if device.verify_token(code):
            return device
    return None


@transaction.atomic
def two_factor_reset(*, user: User, actor: User) -> None:
    """An administrator removes the user's authenticator app and recovery codes (a lost
    phone). The user sets two-factor up again at the next login; their sessions end now, so
    nobody stays verified by a device that no longer exists."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user_event_record(user=user, kind=UserEvent.Kind.TWO_FACTOR_RESET, actor=actor)
    user_sessions_end(user=user, actor=actor)
