"""The log of what was done to a user's login (UserEvent), written by the account services."""

from __future__ import annotations

import logging

from .models import User, UserEvent

# Security events also go to the system log, where the database cannot rewrite them.
security_log = logging.getLogger("accounts.security")


def user_event_record(*, user: User, kind: str, actor: User | None = None) -> UserEvent:
    """Append an event to the user's log and the system log."""
    event = UserEvent(user=user, kind=kind, actor=actor)
    event.full_clean()
    event.save()
    security_log.info(
        "%s: user %s by %s", kind, user.pk, actor.pk if actor is not None else "the user"
    )
    return event
