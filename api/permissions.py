"""Access for API views: the same rules as the pages (DESIGN §1, cases.access).

Reads: every queryset is built on cases.access.case_list_visible_to, so an object on a case the
user may not see is not found (404), filtered in the database. Writes: the view checks
`has_case_perm(user, <specific perm>, case)` on the object's case, so a read-only role gets 403
on an object it can see.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_not_required
from rest_framework import permissions
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import PermissionDenied

from accounts.models import User
from accounts.policies import declare
from cases.access import has_case_perm
from cases.models import Case

from .authentication import HashedTokenAuthentication, TwoFactorSessionAuthentication

if TYPE_CHECKING:
    from rest_framework.permissions import _PermissionClass
    from rest_framework.views import APIView, AsView, GenericView

    # The mixin is only ever mixed into DRF views: let the type checker see it as one.
    _ViewBase = APIView
else:
    _ViewBase = object

# The policy name the URL walk test reads (accounts.policies.POLICY_ATTRIBUTE).
API_POLICY = "api:authenticated+case"


def require_case_perm(user: User, perm: str, case: Case) -> None:
    """403 unless the user holds `perm` (role-wide) and a matching grant on `case`."""
    if not has_case_perm(user, perm, case):
        raise PermissionDenied


def require_perm(user: User, perm: str) -> None:
    """403 unless the user's role has `perm` (for writes that are not on one case yet)."""
    if not user.has_perm(perm):
        raise PermissionDenied


class ApiAccessMixin(_ViewBase):
    """Marks every API view for the URL walk test, and lets DRF (not Django's
    LoginRequiredMiddleware) answer unauthenticated requests, so that token clients get 401/403
    instead of a redirect to the login page."""

    access_policy = API_POLICY
    permission_classes: Sequence[_PermissionClass] = [permissions.IsAuthenticated]
    # The token scheme first, so that a request without valid credentials gets 401 with
    # `WWW-Authenticate: Token` (DRF takes the header from the first class); browsers still
    # sign in with their session.
    authentication_classes: Sequence[type[BaseAuthentication]] = [
        HashedTokenAuthentication,
        TwoFactorSessionAuthentication,
    ]

    @classmethod
    def as_view(cls, *args: Any, **kwargs: Any) -> AsView[GenericView]:
        view = super().as_view(*args, **kwargs)
        declare(cls.access_policy)(view)
        return login_not_required(view)
