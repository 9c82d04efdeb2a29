"""The schema and documentation views, with their access policies declared."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required, login_required
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated

from accounts.policies import declare

from .authentication import HashedTokenAuthentication


class ApiSchemaView(SpectacularAPIView):
    """OpenAPI 3 schema, for signed-in users and token clients (401 otherwise)."""

    access_policy = "authenticated"
    permission_classes = [IsAuthenticated]
    authentication_classes = [HashedTokenAuthentication, SessionAuthentication]

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        view = super().as_view(**initkwargs)
        declare(cls.access_policy)(view)
        # DRF answers token clients itself instead of a redirect to the login page.
        return login_not_required(view)


class ApiDocsView(SpectacularSwaggerView):
    """The browsable documentation (Swagger UI from local static files) for signed-in browser
    users; an anonymous visitor is sent to the login page."""

    access_policy = "authenticated"
    permission_classes = [IsAuthenticated]
    authentication_classes = [SessionAuthentication]

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        # DRF marks its views login_not_required (it answers 401/403 itself); a page for
        # people should redirect to the login page instead.
        view = login_required(super().as_view(**initkwargs))
        declare(cls.access_policy)(view)
        return view
