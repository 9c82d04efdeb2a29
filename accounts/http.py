"""The request a signed-in view receives, as the type checker should see it.

LoginRequiredMiddleware turns anonymous users away from every view that is not `public`
(accounts.policies), so inside such a view `request.user` is an `accounts.models.User`, never
`AnonymousUser`; and django-htmx's middleware puts `request.htmx` on every request. django-stubs
cannot know either, so signed-in views annotate their request with this class. It is a type
only: at run time the request is Django's own.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
