"""Sessions kept in PostgreSQL and read from the cache (issue 17): `SESSION_ENGINE`.

PostgreSQL stays the store: every save writes the row first, so a Redis restart or outage
loses no session, and a cache that fails is read around (accounts.cache_guard). The cached copy
carries the row's expiry, checked against the clock at every read, so a copy can never outlive
its row's idle timeout (the cache's own TTL is only a clean-up). `stored_expiry` tells the idle
middleware (accounts.session_idle) when the row expires, so it writes only when it must.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone

from .cache_guard import cache_delete, cache_get, cache_set

KEY_PREFIX = "accounts.session:"


class SessionStore(DBStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        # When the stored row expires, once loaded or saved (None for a new session).
        self.stored_expiry: datetime | None = None

    def _cache_put(self, data: dict[str, Any], expiry: datetime) -> None:
        timeout = (expiry - timezone.now()).total_seconds()
        if self.session_key and timeout > 0:
            entry = {"data": data, "expires": expiry.timestamp()}
            cache_set(KEY_PREFIX + self.session_key, entry, timeout)

    def load(self) -> dict[str, Any]:
        entry = cache_get(KEY_PREFIX + self.session_key) if self.session_key else None
        if isinstance(entry, dict) and entry.get("expires", 0) > timezone.now().timestamp():
            self.stored_expiry = datetime.fromtimestamp(entry["expires"], UTC)
            data: dict[str, Any] = entry["data"]
            return data
        # DBStore's own read (the expiry checked in the query); not in django-stubs.
        row = getattr(self, "_get_session_from_db")()  # noqa: B009
        if row is None:
            return {}
        data = self.decode(row.session_data)
        self.stored_expiry = row.expire_date
        self._cache_put(data, row.expire_date)
        return data

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance = super().create_model_instance(data)
        self._saving_expiry: datetime = instance.expire_date
        return instance

    def save(self, must_create: bool = False) -> None:
        super().save(must_create)
        if self.session_key is None:
            return
        self.stored_expiry = self._saving_expiry
        self._cache_put(dict(self.items()), self._saving_expiry)

    def delete(self, session_key: str | None = None) -> None:
        super().delete(session_key)
        key = session_key if session_key is not None else self.session_key
        if key:
            cache_delete(KEY_PREFIX + key)
