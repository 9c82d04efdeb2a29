"""Access-policy declarations for views.

Every view in the URL configuration must say who may use it; `tests/test_url_access_policies.py`
walks all URLs and fails on any view without a declared policy (fail closed). The decorators
only mark the view (and make `public` views exempt from LoginRequiredMiddleware); the checks
themselves live with the data they protect (`cases.access`, role decorators below).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

View = TypeVar("View", bound=Callable[..., Any])
Request = TypeVar("Request", bound=HttpRequest)
P = ParamSpec("P")
R = TypeVar("R")

POLICY_ATTRIBUTE = "access_policy"


def declare(policy: str) -> Callable[[View], View]:
    """Mark a view with a named policy. Used by the app-specific access decorators."""

    def mark(view: View) -> View:
        setattr(view, POLICY_ATTRIBUTE, policy)
        return view

    return mark


def public(view: View) -> View:
    """Anyone, signed in or not (login, password reset)."""
    return declare("public")(login_not_required(view))


def authenticated(view: View) -> View:
    """Any signed-in user; the view shows only the user's own data."""
    return declare("authenticated")(view)


def permission_required(
    perm: str,
) -> Callable[[Callable[Concatenate[Request, P], R]], Callable[Concatenate[Request, P], R]]:
    """A role-wide model permission (e.g. "reports.view_reports"); 403 without it."""

    def decorator(
        view: Callable[Concatenate[Request, P], R],
    ) -> Callable[Concatenate[Request, P], R]:
        @wraps(view)
        def wrapper(request: Request, *args: P.args, **kwargs: P.kwargs) -> R:
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return declare(f"permission:{perm}")(wrapper)

    return decorator
