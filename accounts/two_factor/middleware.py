"""Sends a logged-in user who still owes the second factor to verification (or to enrolment,
when they have no authenticator app yet) from every page.

Runs after LoginRequiredMiddleware. Views that do not need a verified session:
- public views (`login_not_required`: login, password reset, the language switch); the API's
  views are login_not_required too, and answer for themselves in JSON
  (api.authentication.TwoFactorSessionAuthentication);
- the two-factor pages themselves and logout, marked with `allow_unverified`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.models import User

from .selectors import user_has_two_factor
from .state import verification_required

View = TypeVar("View", bound=Callable[..., Any])

EXEMPT_ATTRIBUTE = "two_factor_exempt"


def allow_unverified(view: View) -> View:
    """Mark a view that a logged-in user may use before giving the second factor."""
    setattr(view, EXEMPT_ATTRIBUTE, True)
    return view


def is_login_not_required(view_func: Callable[..., Any]) -> bool:
    """A view open without login (public pages; API views, which check the session in
    api.authentication). A view wrapped in login_required is a page for signed-in people even
    when it wraps a DRF view: the wrapper copies the inner view's `login_required = False`, so
    it is recognised by the `login_url` attribute the wrapper adds."""
    return getattr(view_func, "login_required", True) is False and not hasattr(
        view_func, "login_url"
    )


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if is_login_not_required(view_func):
            return None
        if getattr(view_func, EXEMPT_ATTRIBUTE, False):
            return None
        if not verification_required(request):
            return None
        # verification_required() holds only for a signed-in user.
        user = cast(User, request.user)
        name = "two_factor_verify" if user_has_two_factor(user) else "two_factor_setup"
        return redirect_to_login(request.get_full_path(), reverse(f"accounts:{name}"))
