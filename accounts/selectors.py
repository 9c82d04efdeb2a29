"""Reads for users."""

from __future__ import annotations

from .models import User


def user_get_by_login(identifier: str) -> User | None:
    """The account a login identifier names: the username or the e-mail address, ignoring
    case and surrounding spaces (an identifier with "@" is an e-mail address). The password
    backend and the lock-out both use this, so they always agree on whose account it is."""
    text = identifier.strip()
    if not text:
        return None
    field = "email__iexact" if "@" in text else "username__iexact"
    return User._default_manager.filter(**{field: text}).order_by("pk").first()
