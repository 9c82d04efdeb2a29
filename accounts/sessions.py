"""Ending a user's sessions.

Django ties each session to a hash of the user's password (`User.get_session_auth_hash`), so a
changed or reset password already ends every other session at its next request; the password
change view keeps the current one (`update_session_auth_hash`). An administrator ends all of a
user's sessions the same way: a new `session_salt` changes the hash. That works for every
session engine and needs no scan of the session table.
"""

from __future__ import annotations

import secrets

from django.db import transaction

from .events import user_event_record
from .models import User, UserEvent


@transaction.atomic
def user_sessions_end(*, user: User, actor: User | None) -> User:
    """End every session of `user` (each is flushed at its next request), and log it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.session_salt = secrets.token_hex(16)
    user.save(update_fields=["session_salt"])
    user_event_record(user=user, kind=UserEvent.Kind.SESSIONS_ENDED, actor=actor)
    return user
