"""Access for API views: the same rules as the pages (DESIGN §1, cases.access).

Reads: every queryset is built on cases.access.case_list_visible_to, so an object on a case the
user may not see is not found (404), filtered in the database. Writes: the view checks
`has_case_perm(user, <specific perm>, case)` on the object's case, so a read-only role gets 403
on an object it can see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from rest_framework import permissions
from rest_framework.exceptions import PermissionDenied

from cases.access import has_case_perm

from .authentication import HashedTokenAuthentication, TwoFactorSessionAuthentication

# The policy name the URL walk test reads (accounts.policies.POLICY_ATTRIBUTE).
API_POLICY = "api:authenticated+case"


def require_case_perm(user: Any, perm: str, case: Any) -> None:
    """403 unless the user holds `perm` (role-wide) and a matching grant on `case`."""
    if not has_case_perm(user, perm, case):
        raise PermissionDenied


def require_perm(user: Any, perm: str) -> None:
    """403 unless the user's role has `perm` (for writes that are not on one case yet)."""
    if not user.has_perm(perm):
        raise PermissionDenied


class ApiAccessMixin:
    """Marks every API view for the URL walk test, and lets DRF (not Django's
    LoginRequiredMiddleware) answer unauthenticated requests, so that token clients get 401/403
    instead of a redirect to the login page."""

    access_policy = API_POLICY
    permission_classes = [permissions.IsAuthenticated]
    # The token scheme first, so that a request without valid credentials gets 401 with
    # `WWW-Authenticate: Token` (DRF takes the header from the first class); browsers still
    # sign in with their session.
    authentication_classes = [HashedTokenAuthentication, TwoFactorSessionAuthentication]

    @classmethod
    def as_view(cls, *args: Any, **kwargs: Any) -> Callable[..., Any]:
        view = super().as_view(*args, **kwargs)  # type: ignore[misc]
        view.access_policy = cls.access_policy
        return login_not_required(view)
