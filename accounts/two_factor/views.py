"""The two-factor pages: enrolment (QR code), verification at login, recovery codes."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import authenticated

from ..lockout import is_locked_out, lockout_reset, lockout_response, login_failure_record
from . import selectors, services
from .forms import SetupCodeForm, VerifyCodeForm
from .middleware import allow_unverified
from .qr import qr_svg
from .state import session_is_verified, session_mark_verified


def _next_url(request: HttpRequest) -> str:
    """Where to go after the code: the page the user asked for, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("core:home")


def _spaced(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def _codes_page(request: HttpRequest, codes: list[str], *, first: bool) -> HttpResponse:
    """The recovery codes, shown this once: never stored for display, never cached."""
    context = {"codes": codes, "first": first, "next": _next_url(request)}
    response = render(request, "accounts/two_factor/recovery_codes.html", context)
    response["Cache-Control"] = "no-store"
    return response


@authenticated
@allow_unverified
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and key, then a code from the app to confirm."""
    try:
        device = services.totp_device_start(user=request.user)
    except services.AlreadyEnrolled:
        # Only an administrator's reset replaces an app, never an unverified session.
        return redirect(
            "accounts:two_factor" if session_is_verified(request) else "accounts:two_factor_verify"
        )
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = services.totp_device_confirm(user=request.user, code=form.cleaned_data["code"])
        if confirmed is not None:
            totp, codes = confirmed
            session_mark_verified(request, totp)
            lockout_reset(request.user)
            return _codes_page(request, codes, first=True)
        form.add_error(
            "code",
            _(
                "Koden passer ikke. Skriv den kode, appen viser nu, og tjek at uret på "
                "telefonen går rigtigt."
            ),
        )
    context = {
        "form": form,
        "qr_code": qr_svg(device.config_url),
        "secret": _spaced(base64.b32encode(device.bin_key).decode()),
        "next": _next_url(request),
    }
    response = render(request, "accounts/two_factor/setup.html", context)
    response["Cache-Control"] = "no-store"  # the page holds the secret key
    return response


@authenticated
@allow_unverified
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of login: a code from the app or a recovery code. Wrong codes count
    against the account like wrong passwords (accounts.lockout)."""
    user: Any = request.user
    if session_is_verified(request):
        return HttpResponseRedirect(_next_url(request))
    if not selectors.user_has_two_factor(user):
        return redirect("accounts:two_factor_setup")
    if is_locked_out(request, user):
        logout(request)
        return lockout_response(request, user)
    form = VerifyCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            session_mark_verified(request, device)
            lockout_reset(user)
            return HttpResponseRedirect(_next_url(request))
        if login_failure_record(request, user):
            logout(request)
            return lockout_response(request, user)
        form.add_error("code", _("Koden er forkert eller allerede brugt. Prøv igen."))
    return render(
        request, "accounts/two_factor/verify.html", {"form": form, "next": _next_url(request)}
    )


@authenticated
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own two-factor status, and new recovery codes."""
    context = {
        "enrolled": selectors.user_has_two_factor(request.user),
        "codes_left": selectors.recovery_codes_left(request.user),
    }
    return render(request, "accounts/two_factor/overview.html", context)


@authenticated
@require_POST
def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """New recovery codes, in a verified session only (the middleware sees to that when
    two-factor is required; here also when it is optional)."""
    if not session_is_verified(request) or not selectors.user_has_two_factor(request.user):
        return redirect("accounts:two_factor")
    codes = services.recovery_codes_make(user=request.user)
    return _codes_page(request, codes, first=False)
