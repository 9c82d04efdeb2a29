"""The request an API view receives, as the type checker should see it.

Every API view requires a signed-in user (`IsAuthenticated` in api.permissions.ApiAccessMixin),
so DRF answers an anonymous request with 401/403 before a handler runs: inside a handler
`request.user` is an `accounts.models.User`, never `AnonymousUser`. djangorestframework-stubs
cannot know that, so the API's handlers annotate their request with this class (and
api.base.ApiViewSet its `self.request`). It is a type only: at run time the request is DRF's own
(the counterpart of accounts.http.AuthenticatedHttpRequest for Django views).
"""

from __future__ import annotations

from rest_framework.request import Request

from accounts.models import User


class AuthenticatedRequest(Request):
    user: User
