"""Token authentication for systems: `Authorization: Token <key>` (DESIGN §8), and the
browser session, which counts only once its second factor is given.

Unlike DRF's TokenAuthentication, the key is not stored: the row is found by the key's
prefix and the SHA-256 hash of the whole key is compared in constant time.
"""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts.two_factor.state import verification_required

from .models import ApiToken
from .services import key_hash

# last_used_at is written at most this often per token, so that a busy system does not turn
# every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class HashedTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ugyldig API-nøgle."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Ugyldig API-nøgle.")) from None
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        prefix, dot, _secret = key.partition(".")
        failed = exceptions.AuthenticationFailed(_("Ugyldig eller tilbagekaldt API-nøgle."))
        if not dot or not prefix or len(prefix) > 16:
            raise failed
        token = (
            ApiToken.objects.select_related("user")
            .filter(prefix=prefix, revoked_at__isnull=True)
            .first()
        )
        if token is None or not hmac.compare_digest(token.key_hash, key_hash(key)):
            raise failed
        if not token.user.is_active:
            raise failed
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword


class TwoFactorSessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, refused with 403 (JSON, code "two_factor_required") while
    the session still owes its second factor (accounts.two_factor). The page middleware leaves
    the API's views to this class, so that a client gets JSON, not a redirect."""

    def authenticate(self, request: Any) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is not None and verification_required(request._request):
            raise exceptions.PermissionDenied(
                {
                    "detail": _(
                        "Log ind med tofaktor-kode i browseren, før du bruger API'et med "
                        "din session."
                    ),
                    "code": "two_factor_required",
                }
            )
        return result


class TwoFactorSessionScheme(SessionScheme):
    """The session scheme in the OpenAPI schema, as DRF's own (cookieAuth)."""

    target_class = "api.authentication.TwoFactorSessionAuthentication"


class HashedTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token scheme in the OpenAPI schema."""

    target_class = "api.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "API-nøgle fra en administrator: `Token <nøgle>`. / "
                "API key issued by an administrator: `Token <key>`."
            ),
        }
