"""Writes of the api app: making and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import ApiToken

# The key is "<prefix>.<secret>". The prefix is stored in clear to find the row; the secret
# (256 bits) never is. A dot cannot occur in either part (token_urlsafe uses [A-Za-z0-9_-]).
PREFIX_BYTES = 6
SECRET_BYTES = 32


def key_hash(key: str) -> str:
    """SHA-256 of the whole key, hex. A fast hash is right here: the key is 256 random bits,
    not a password a person chose, so there is nothing to guess by brute force."""
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown once, never stored


@transaction.atomic
def api_token_create(*, user: User, name: str) -> NewToken:
    """Make a token for `user`. Returns the plain key once; only its hash is stored."""
    while True:
        prefix = secrets.token_urlsafe(PREFIX_BYTES)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    key = f"{prefix}.{secrets.token_urlsafe(SECRET_BYTES)}"
    token = ApiToken(user=user, name=name, prefix=prefix, key_hash=key_hash(key))
    token.full_clean()
    token.save()
    return NewToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token; idempotent (the first revocation time is kept)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
