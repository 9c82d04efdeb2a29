"""The user's groups and permissions, read from the cache on a warm request (issue 17).

Every page asks for the user's groups (the role, the visibility filter) and their role
permissions: two queries per request for data that changes a few times a year. They are kept
in the cache per user, with two versions the entry must match:

- the user's version, bumped when the user's groups or own permissions change (`m2m_changed`
  on `User.groups` and `User.user_permissions`, from either side) and when the user is deleted;
- the generation, bumped for everyone when a group's permissions change, a group or a
  permission is saved or deleted, and after every migrate or flush.

A bump is written at once and again after the commit, so a request that read the old rows
before the commit cannot leave them in the cache under the new version. The entry is also
keyed by a stamp of the user row (database, id, username, password hash, date joined,
superuser flag), so a user id reused in another database never reads someone else's roles and
a change of the superuser flag counts at once. A role change takes effect on the next request;
a login reads the entry, so the first page after it is warm. When the cache fails, the
database answers (accounts.cache_guard).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from .cache_guard import cache_get_many, cache_set, cache_set_many

GENERATION_KEY = "accounts.perms:generation"
# An entry is read again from the database at least this often, whatever the versions say.
ENTRY_SECONDS = 6 * 3600


def _version_key(user_id: object) -> str:
    return f"accounts.perms:version:{user_id}"


def _entry_key(user: Any) -> str:
    stamp = "\x1f".join(
        [
            str(connection.settings_dict["NAME"]),
            str(user.pk),
            user.username,
            user.password,
            user.date_joined.isoformat() if user.date_joined else "",
            "superuser" if user.is_superuser else "",
        ]
    )
    return f"accounts.perms:entry:{hashlib.sha256(stamp.encode()).hexdigest()[:32]}"


def _new_version() -> int:
    return time.time_ns()


def _bump(keys: list[str]) -> None:
    def write() -> None:
        version = _new_version()
        cache_set_many(dict.fromkeys(keys, version), None)

    write()
    transaction.on_commit(write)


def permissions_bump_users(user_ids: list[object]) -> None:
    """Forget the cached groups and permissions of these users."""
    if user_ids:
        _bump([_version_key(pk) for pk in user_ids])


def permissions_bump_all() -> None:
    """Forget every user's cached groups and permissions."""
    _bump([GENERATION_KEY])


def _rows_from_database(user: Any) -> tuple[list[tuple[int, str]], set[str]]:
    groups = list(user.groups.values_list("id", "name"))
    permissions = Permission.objects.all()
    if not user.is_superuser:
        own = user.user_permissions.through.objects.filter(user_id=user.pk)
        of_groups = Group.permissions.through.objects.filter(
            group_id__in=[pk for pk, _name in groups]
        )
        permissions = permissions.filter(
            Q(pk__in=own.values("permission_id")) | Q(pk__in=of_groups.values("permission_id"))
        )
    rows = permissions.values_list("content_type__app_label", "codename").order_by()
    return groups, {f"{app_label}.{codename}" for app_label, codename in rows}


def user_permission_rows_load(user: Any) -> None:
    """Set the user object's group rows and permission set (`_group_rows_cache`,
    `_perm_cache`) from the cache, or from the database (two queries) when the cached entry
    is missing or out of date. One cache round trip on a warm request."""
    if hasattr(user, "_group_rows_cache") and hasattr(user, "_perm_cache"):
        return
    version_key, entry_key = _version_key(user.pk), _entry_key(user)
    found = cache_get_many([GENERATION_KEY, version_key, entry_key])
    versions = (found.get(GENERATION_KEY), found.get(version_key))
    entry = found.get(entry_key)
    if None not in versions and isinstance(entry, dict) and entry.get("versions") == versions:
        user._group_rows_cache = [tuple(row) for row in entry["groups"]]
        user._perm_cache = set(entry["perms"])
        return
    missing = {
        key: _new_version()
        for key, value in zip((GENERATION_KEY, version_key), versions, strict=True)
        if value is None
    }
    # A version that was never set (or was evicted) gets a new value, so that no older entry
    # can match it.
    cache_set_many(missing, None)
    versions = (
        missing.get(GENERATION_KEY, versions[0]),
        missing.get(version_key, versions[1]),
    )
    groups, perms = _rows_from_database(user)
    user._group_rows_cache = groups
    user._perm_cache = perms
    cache_set(
        entry_key,
        {"versions": versions, "groups": groups, "perms": sorted(perms)},
        ENTRY_SECONDS,
    )


def _groups_changed(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        permissions_bump_users([instance.pk])
    elif kwargs.get("pk_set"):
        permissions_bump_users(list(kwargs["pk_set"]))
    else:
        # A group or permission cleared of all its users: who they were is not known here.
        permissions_bump_all()


def _group_permissions_changed(action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        permissions_bump_all()


def _user_deleted(instance: Any, **kwargs: Any) -> None:
    permissions_bump_users([instance.pk])


def _logged_in(user: Any, **kwargs: Any) -> None:
    user_permission_rows_load(user)


def _everyone(**kwargs: Any) -> None:
    permissions_bump_all()


def permission_cache_connect() -> None:
    """Connect the receivers that keep the cache current (AccountsConfig.ready)."""
    user_model = get_user_model()
    uid = "accounts.permission_cache"
    m2m_changed.connect(_groups_changed, sender=user_model.groups.through, dispatch_uid=uid)
    m2m_changed.connect(
        _groups_changed, sender=user_model.user_permissions.through, dispatch_uid=f"{uid}.own"
    )
    m2m_changed.connect(
        _group_permissions_changed, sender=Group.permissions.through, dispatch_uid=uid
    )
    post_delete.connect(_user_deleted, sender=user_model, dispatch_uid=uid)
    user_logged_in.connect(_logged_in, dispatch_uid=uid)
    for model in (Group, Permission):
        post_save.connect(_everyone, sender=model, dispatch_uid=uid)
        post_delete.connect(_everyone, sender=model, dispatch_uid=uid)
    post_migrate.connect(_everyone, dispatch_uid=uid)
