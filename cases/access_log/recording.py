"""Writing the access log: one entry per read, chained under the head row's lock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from ..models import AccessLog, AccessLogHead
from .chain import GENESIS_HASH, entry_mac
from .keys import signing_key

# The length of AccessLog.note.
NOTE_MAX_LENGTH = 300


def purpose_require(value: object) -> str:
    """The stored value of a purpose, which must be one of AccessLog.Purpose: no entry is
    written with an empty, default or unknown purpose (DESIGN §10). The callers get it from
    cases.access_log.purposes (the table, or the user's choice)."""
    if value not in AccessLog.Purpose.values:
        raise ValueError(f"access log: unknown purpose {value!r}")
    return str(value)


def clean_note(value: object) -> str:
    """Free text for the note (a break-the-glass reason), cut to the column and without NUL
    bytes, which PostgreSQL cannot store."""
    return str(value or "").replace("\x00", "")[:NOTE_MAX_LENGTH]


@dataclass(frozen=True)
class Read:
    """One read to log: the case it belongs to (or None) and the object read."""

    case: Any
    object_id: object = ""
    break_glass: bool = False
    unit_id: int | None = None


@transaction.atomic
def access_log_record_many(
    *,
    user: User,
    object_type: str,
    reads: list[Read],
    action: str = AccessLog.Action.VIEW,
    purpose: str,
    note: str = "",
    purpose_chosen: bool = False,
) -> list[AccessLog]:
    """Append one entry per read, in order, chained onto the newest entry."""
    purpose = purpose_require(purpose)
    if not reads:
        return []
    note = clean_note(note)
    # Lock the head row: two concurrent reads must not both chain onto the same predecessor.
    head = AccessLogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AccessLogHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        head = AccessLogHead.objects.select_for_update().get(pk=1)
    previous = head.last_hash
    key = signing_key()
    now = timezone.now()
    entries = []
    for read in reads:
        entry = AccessLog(
            user_id=getattr(user, "pk", None),
            case_id_logged=getattr(read.case, "pk", None),
            unit_id_logged=(
                read.unit_id if read.unit_id is not None else getattr(read.case, "team_id", None)
            ),
            reader_unit_id_logged=getattr(user, "unit_id", None),
            object_type=object_type[:50],
            object_id=str(read.object_id)[:50],
            action=action,
            purpose=purpose,
            note=note,
            purpose_chosen=purpose_chosen,
            break_glass=read.break_glass,
            created_at=now,
            previous_hash=previous,
            key_id=key.key_id,
        )
        entry.entry_hash = entry_mac(previous, entry, key)
        previous = entry.entry_hash
        entries.append(entry)
    AccessLog.objects.bulk_create(entries)
    head.last_hash = previous
    head.save(update_fields=["last_hash"])
    return entries


def access_log_record(
    *,
    user: User,
    object_type: str,
    action: str = AccessLog.Action.VIEW,
    case: Any = None,
    object_id: object = "",
    unit_id: int | None = None,
    purpose: str,
    note: str = "",
    purpose_chosen: bool = False,
    break_glass: bool = False,
) -> AccessLog:
    """Append one entry. `object_type` names what was read ("case", "case_report", ...);
    `purpose` is one of AccessLog.Purpose (required: there is no default purpose)."""
    read = Read(case=case, object_id=object_id, break_glass=break_glass, unit_id=unit_id)
    return access_log_record_many(
        user=user,
        object_type=object_type,
        reads=[read],
        action=action,
        purpose=purpose,
        note=note,
        purpose_chosen=purpose_chosen,
    )[0]
