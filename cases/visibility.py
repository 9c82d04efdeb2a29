"""Which cases a user holds a per-case grant for, as one set for a `pk IN (...)` filter
(issue 17). cases.access asks it for every list and every has_case_perm; nothing else should.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.signals import post_migrate
from django.utils import timezone

from accounts.models import Deputyship, User

from .models import CaseGroupObjectPermission, CaseUserObjectPermission, TemporaryCaseAccess

# From this many visible cases on, an ordered list is read by walking its order's index and
# probing each row's grants (grant_probe_q) rather than by sorting the whole set: for a team's
# manager (23,000 of 100,000 cases) the first page then reads about 110 index rows instead of
# sorting 23,000 (bench/pages.py, issue 17). Below it, sorting the set is the cheaper plan.
LARGE_SET = 1000
# Seconds the size class of a user's set is kept. It only chooses the plan: both filters give
# the same rows, so a stale class costs time, never a wrong answer.
SET_SIZE_SECONDS = 600

logger = logging.getLogger(__name__)

# The per-case grants that cases.access writes.
GRANTED_CODENAMES = ("view_case", "change_case")


def user_group_ids(user: User) -> list[int]:
    """The user's group ids, read once per user object (the request's user)."""
    return [pk for pk, _name in user.group_rows()]


# (database name, codename) -> auth_permission id of the two per-case grants. Looked up once per
# process: the ids never change in a running database. Keyed by the database's name because the
# test runner switches to a test database in the same process, and emptied after migrate (a
# flush between tests recreates the permissions with new ids).
_GRANT_PERMISSION_IDS: dict[tuple[str, str], int] = {}


def grant_permission_id(codename: str) -> int:
    """The auth_permission id of the per-case grant `codename` ("view_case", "change_case"),
    so that the visibility filter compares an integer instead of joining auth_permission and
    django_content_type in every query."""
    database = str(connection.settings_dict["NAME"])
    key = (database, codename)
    if key not in _GRANT_PERMISSION_IDS:
        rows = Permission.objects.filter(
            content_type__app_label="cases", codename__in=GRANTED_CODENAMES
        ).values_list("codename", "pk")
        _GRANT_PERMISSION_IDS.update({(database, name): pk for name, pk in rows})
    return _GRANT_PERMISSION_IDS[key]


def forget_grant_permission_ids(**kwargs: Any) -> None:
    """post_migrate receiver (a flush or migrate may give the permissions new ids)."""
    _GRANT_PERMISSION_IDS.clear()


post_migrate.connect(forget_grant_permission_ids, dispatch_uid="cases.visibility.grant_ids")


def visible_case_ids(user: User, codename: str) -> QuerySet[Any]:
    """The ids of the cases the user holds the grant `codename` for, as one uncorrelated
    `SELECT ... UNION SELECT ...` for a `pk IN (...)` filter. Pure database work.

    One set instead of an OR of three `pk IN` subqueries: PostgreSQL evaluates it once, hashes
    it and probes the cases by primary key, and the grant tables are read by their
    (permission, user/group) indexes without joining auth_permission and content types
    (issue 17: the joins spoilt the planner's row estimates by a factor of 100 and more)."""
    group_ids = user_group_ids(user)
    permission_id = grant_permission_id(codename)
    # §5.10, no day without an owner: while a colleague is away and has named this user as
    # deputy, the user holds the colleague's personal grants too (the unit's group grants they
    # share already). The deputyship ends on its own: the filter is on today's date.
    today = timezone.localdate()
    standing_in_for = Deputyship.objects.filter(
        deputy=user, starts_on__lte=today, ends_on__gte=today
    ).values("user_id")
    # The user's own grants and those of the colleagues they stand in for are two branches,
    # not an OR: each is then read by the (user, permission, case) index.
    user_grants = CaseUserObjectPermission.objects.filter(permission_id=permission_id)
    ids: QuerySet[Any] = user_grants.filter(user=user).values("content_object_id")
    parts: list[QuerySet[Any]] = [
        user_grants.filter(user_id__in=standing_in_for).values("content_object_id")
    ]
    if group_ids:
        parts.append(
            CaseGroupObjectPermission.objects.filter(
                group_id__in=group_ids, permission_id=permission_id
            ).values("content_object_id")
        )
    if codename == "view_case":
        parts.append(
            TemporaryCaseAccess.objects.filter(
                Q(user=user) | Q(group_id__in=group_ids), expires_at__gt=timezone.now()
            ).values("case_id")
        )
    return ids.union(*parts) if parts else ids


def grant_probe_q(user: User, codename: str) -> Q:
    """The same cases as visible_case_ids, as an OR of EXISTS probes on each case row (the
    grant tables' (case, permission, holder) indexes). PostgreSQL then keeps the case order
    of an index it walks and stops at the page's LIMIT, which the `pk IN (set)` join cannot."""
    group_ids = user_group_ids(user)
    permission_id = grant_permission_id(codename)
    today = timezone.localdate()
    on_case = {
        "content_object_id": OuterRef("pk"),
        # Redundant beside the `=`, and not hashable: PostgreSQL then probes the grants of
        # each row it walks instead of hashing every grant of the user's groups first (which
        # grows with the data: 23,000 rows for a team's manager at 100,000 cases).
        "content_object_id__lte": OuterRef("pk"),
        "permission_id": permission_id,
    }
    standing_in_for = Deputyship.objects.filter(
        deputy=user, starts_on__lte=today, ends_on__gte=today
    ).values("user_id")
    user_grants = CaseUserObjectPermission.objects.filter(**on_case)
    q = Q(Exists(user_grants.filter(user=user))) | Q(
        Exists(user_grants.filter(user_id__in=standing_in_for))
    )
    if group_ids:
        q |= Q(Exists(CaseGroupObjectPermission.objects.filter(**on_case, group_id__in=group_ids)))
    if codename == "view_case":
        q |= Q(
            Exists(
                TemporaryCaseAccess.objects.filter(
                    Q(user=user) | Q(group_id__in=group_ids),
                    case_id=OuterRef("pk"),
                    case_id__lte=OuterRef("pk"),
                    expires_at__gt=timezone.now(),
                )
            )
        )
    return q


def has_large_set(user: User, codename: str) -> bool:
    """Whether the user sees at least LARGE_SET cases with the grant `codename`: one capped
    count, kept in the cache for SET_SIZE_SECONDS per user and groups. Without a cache (Redis
    down) it is counted again, which is correct, only slower."""
    groups = ",".join(str(pk) for pk in user_group_ids(user))
    key = f"visible-set-large:{connection.settings_dict['NAME']}:{user.pk}:{codename}:{groups}"
    try:
        large = cache.get(key)
    except Exception:  # a cache outage must not fail the page: count instead
        logger.warning("visible set size: cache unavailable", exc_info=True)
        large = None
    if large is None:
        large = visible_case_ids(user, codename)[:LARGE_SET].count() >= LARGE_SET
        with contextlib.suppress(Exception):
            cache.set(key, large, SET_SIZE_SECONDS)
    return bool(large)


def relationship_grant_exists(user: User) -> Q:
    """For an annotation on Case: the user holds a read grant of their own or of one of their
    groups (a relationship: the caseworker, the team, an institution, a named therapist), as
    opposed to temporary access or a colleague's grant held as deputy."""
    permission_id = grant_permission_id("view_case")
    own = CaseUserObjectPermission.objects.filter(
        content_object_id=OuterRef("pk"), user_id=user.pk, permission_id=permission_id
    )
    of_unit = CaseGroupObjectPermission.objects.filter(
        content_object_id=OuterRef("pk"),
        group_id__in=user_group_ids(user),
        permission_id=permission_id,
    )
    return Q(Exists(own)) | Q(Exists(of_unit))
