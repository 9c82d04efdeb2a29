"""The schema and documentation views, with their access policies declared."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required, login_required
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from accounts.policies import declare

from .authentication import HashedTokenAuthentication, TwoFactorSessionAuthentication


class ApiSchemaView(SpectacularAPIView):
    """OpenAPI 3 schema, for signed-in users and token clients (401 otherwise)."""

    access_policy = "authenticated"
    permission_classes = [IsAuthenticated]
    authentication_classes = [HashedTokenAuthentication, TwoFactorSessionAuthentication]

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        view = super().as_view(**initkwargs)
        declare(cls.access_policy)(view)
        # DRF answers token clients itself instead of a redirect to the login page.
        return login_not_required(view)


def docs_content_security_policy() -> dict[str, Any]:
    """The site's policy, plus the data: images that Swagger UI's stylesheet uses for its icons."""
    policy: dict[str, Any] = dict(settings.SECURE_CSP)
    if policy:
        img_src: list[str] = [*policy.get("img-src", [CSP.SELF]), "data:"]
        policy["img-src"] = img_src
    return policy


class ApiDocsView(SpectacularSwaggerSplitView):
    """The browsable documentation (Swagger UI from local static files) for signed-in browser
    users; an anonymous visitor is sent to the login page. The split view serves the start-up
    script from this URL (?script) instead of inline, and our template has no inline style, so
    the page runs under the Content-Security-Policy without a nonce."""

    access_policy = "authenticated"
    permission_classes = [IsAuthenticated]
    authentication_classes = [TwoFactorSessionAuthentication]
    template_name = "api/docs.html"

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        # DRF marks its views login_not_required (it answers 401/403 itself); a page for
        # people should redirect to the login page instead.
        view: Any = login_required(super().as_view(**initkwargs))
        view = csp_override(docs_content_security_policy())(view)
        view.access_policy = cls.access_policy
        return view
