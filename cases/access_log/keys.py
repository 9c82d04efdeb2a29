"""The access log's HMAC keys (DESIGN §1). They come from the settings, never from the
database: someone who can write to the database must not be able to recompute the chain.

`ACCESS_LOG_KEY` chains new entries; `ACCESS_LOG_OLD_KEYS` holds the keys used before a
rotation, so that the entries they chained still verify. A key's id is derived from the key
itself, so an operator never names keys and one id can never stand for two keys.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings

KEY_ID_LENGTH = 16


@dataclass(frozen=True)
class AccessLogKey:
    key_id: str
    secret: bytes


def key_id_for(secret: str) -> str:
    """The public id of a key: a keyed fingerprint, which tells nothing about the secret."""
    digest = hmac.new(secret.encode(), b"overgang access log key id", hashlib.sha256)
    return digest.hexdigest()[:KEY_ID_LENGTH]


def access_log_key(secret: str) -> AccessLogKey:
    return AccessLogKey(key_id=key_id_for(secret), secret=secret.encode())


def signing_key() -> AccessLogKey:
    """The key that chains new entries."""
    return access_log_key(settings.ACCESS_LOG_KEY)


def verification_keys() -> dict[str, AccessLogKey]:
    """Every key an entry may have been chained with, by id: the current one and the old ones."""
    keys = [access_log_key(secret) for secret in settings.ACCESS_LOG_OLD_KEYS if secret]
    keys.append(signing_key())
    return {key.key_id: key for key in keys}
