"""The cache as an optional speed-up (issue 17): every read falls back to the database.

The per-request frame reads the session, the user's groups and permissions from the cache
(Redis in production). PostgreSQL stays the only store: a cache that fails or is unreachable
must cost a database query, never a 500. Only a cache that every process shares is used
(`FRAME_CACHE`, on with REDIS_URL): a per-process memory cache would keep a copy that another
process has deleted (a logout, a role change). A failed call also opens a short breaker for this
process, so that a Redis that does not answer costs one socket timeout every
`CACHE_RETRY_SECONDS`, not one per cache call of every request.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# After a failed call, the cache is left alone for this long (per process).
CACHE_RETRY_SECONDS = 30.0

_down_until = 0.0


def _available() -> bool:
    return bool(settings.FRAME_CACHE) and time.monotonic() >= _down_until


def _failed(operation: str, error: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + CACHE_RETRY_SECONDS
    # The error's type only: a key may name a session.
    logger.warning(
        "cache %s failed (%s); the database answers for %.0f s",
        operation,
        type(error).__name__,
        CACHE_RETRY_SECONDS,
    )


def cache_reset_breaker() -> None:
    """Try the cache again at the next call (tests, and after an operator fixed Redis)."""
    global _down_until
    _down_until = 0.0


def cache_get_many(keys: list[str]) -> dict[str, Any]:
    """The values found (a missing key is absent); {} when the cache fails."""
    if not _available():
        return {}
    try:
        return dict(cache.get_many(keys))
    except Exception as error:  # any backend error: the caller reads the database
        _failed("get", error)
        return {}


def cache_get(key: str) -> Any:
    """The value, or None when missing or when the cache fails."""
    return cache_get_many([key]).get(key)


def cache_set_many(values: dict[str, Any], timeout: float | None) -> None:
    if not _available() or not values:
        return
    try:
        cache.set_many(values, timeout)
    except Exception as error:
        _failed("set", error)


def cache_set(key: str, value: Any, timeout: float | None) -> None:
    cache_set_many({key: value}, timeout)


def cache_delete(key: str) -> None:
    """Delete `key`, tried even while the breaker is open: a delete ends something (a
    session at logout), and a Redis that kept its data through an outage must not keep the
    entry. A failure is logged (docs/operations.md: flush the cache after an outage)."""
    if not settings.FRAME_CACHE:
        return
    try:
        cache.delete(key)
    except Exception as error:
        _failed("delete", error)
