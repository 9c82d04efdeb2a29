"""Access logging for API reads (DESIGN §1: every read of an API object is logged).

Scheme:
- retrieving one object writes one entry: object_type (e.g. "case", "episode"), the object's
  id, the case it belongs to, action "api";
- a list writes one entry per distinct case among the objects of the returned page, with
  object_type "<type>_list" and the case in `case_id_logged` (object_id: the case id), so the
  citizen's extract shows every case that was read, and a page of 50 writes at most 50 rows.

The entries of one page are chained in one go: the chain head is locked once, the hashes are
computed in order, and the rows are inserted in one statement. This keeps the chain exactly
as access_log_record() would build it, while the page's query count does not grow with the
number of cases on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.access_log import Read, access_log_record_many
from cases.models import AccessLog, Case, TemporaryCaseAccess

ACTION = AccessLog.Action.API


def break_glass_case_ids(user: User, case_ids: Iterable[int]) -> set[int]:
    """Which of the cases the user reads only through an active break-the-glass grant."""
    ids = set(case_ids)
    if not ids or not getattr(user, "is_authenticated", False):
        return set()
    return set(
        TemporaryCaseAccess.objects.filter(
            case_id__in=ids,
            user=user,
            kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
            expires_at__gt=timezone.now(),
        ).values_list("case_id", flat=True)
    )


@transaction.atomic
def api_reads_record(
    *,
    user: User,
    object_type: str,
    entries: list[tuple[Case | Any, object]],
    purpose: str,
) -> list[AccessLog]:
    """Append one access-log entry per (case, object_id) pair, in order, chained as
    access_log_record() chains them. `case` may be a Case or an object with pk/team_id."""
    if not entries:
        return []
    glass = break_glass_case_ids(user, [case.pk for case, _ in entries])
    reads = [
        Read(case=case, object_id=object_id, break_glass=case.pk in glass)
        for case, object_id in entries
    ]
    return access_log_record_many(
        user=user,
        object_type=object_type,
        reads=reads,
        action=ACTION,
        purpose=purpose,
    )
