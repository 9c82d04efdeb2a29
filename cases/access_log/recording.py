"""Writing the access log: one entry per read, chained under the head row's lock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
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
    # Everything but the time and the hashes is built before the lock (docs/operations.md).
    entries = [
        AccessLog(
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
        )
        for read in reads
    ]
    _chain_and_write(entries)
    return entries


# No savepoint inside a caller's transaction: nothing between the lock and the write may fail
# and be caught (the entries are built and checked above), and a failed write fails the
# caller's transaction as any other database error does. Two statements fewer per read.
@transaction.atomic(savepoint=False)
def _chain_and_write(entries: list[AccessLog]) -> None:
    # Lock the head row: two concurrent reads must not both chain onto the same predecessor.
    previous = (
        AccessLogHead.objects.select_for_update()
        .filter(pk=1)
        .values_list("last_hash", flat=True)
        .first()
    )
    if previous is None:
        AccessLogHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        previous = AccessLogHead.objects.select_for_update().get(pk=1).last_hash
    key = signing_key()
    # Stamped under the lock, so that the times follow the chain's order.
    now = timezone.now()
    for entry in entries:
        entry.created_at = now
        entry.previous_hash = previous
        entry.key_id = key.key_id
        entry.entry_hash = entry_mac(previous, entry, key)
        previous = entry.entry_hash
    if connection.vendor == "postgresql":
        _insert_and_move_head(entries, previous)
    else:
        AccessLog.objects.bulk_create(entries)
        AccessLogHead.objects.filter(pk=1).update(last_hash=previous)


def _insert_and_move_head(entries: list[AccessLog], last_hash: str) -> None:
    """PostgreSQL: the entries' INSERT and the head's UPDATE in one statement (a
    data-modifying CTE), under the lock the caller holds: one round trip while it is held."""

    def quote(name: str | None) -> str:
        return str(connection.ops.quote_name(str(name)))

    fields = [f for f in AccessLog._meta.concrete_fields if not f.primary_key]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params: list[Any] = []
    for entry in entries:
        params.extend(f.get_db_prep_save(f.pre_save(entry, True), connection) for f in fields)
    params.append(last_hash)
    pk = quote(AccessLog._meta.pk.column)
    head = AccessLogHead._meta
    # Names from the models' meta only; every value is a parameter.
    table, columns = quote(AccessLog._meta.db_table), ", ".join(quote(f.column) for f in fields)
    head_table, head_hash = quote(head.db_table), quote(head.get_field("last_hash").column)
    head_pk, values = quote(head.pk.column), ", ".join([row] * len(entries))
    sql = " ".join(
        [
            f"WITH inserted AS (INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608
            f"RETURNING {pk}), moved AS (UPDATE {head_table} SET {head_hash} = %s",  # noqa: S608
            f"WHERE {head_pk} = 1) SELECT {pk} FROM inserted",  # noqa: S608
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row_id for (row_id,) in cursor.fetchall()]
    # The ids come from the sequence in the order of VALUES.
    for entry, row_id in zip(entries, sorted(ids), strict=True):
        entry.pk = row_id
        entry._state.adding = False
        entry._state.db = connection.alias


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
