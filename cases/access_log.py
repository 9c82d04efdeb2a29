"""The access log: every read of a case page, PDF or API object (DESIGN §1).

Entries form a hash chain. Each entry's hash covers its own fields and the hash of the entry
before it, and AccessLogHead holds the newest hash, so deleting or altering any entry (the last
one included) breaks the chain and `verify_access_log` reports it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import AccessLog, AccessLogHead

GENESIS_HASH = "0" * 64


def _entry_hash(previous_hash: str, entry: AccessLog) -> str:
    parts = [
        previous_hash,
        str(entry.user_id or ""),
        str(entry.case_id_logged or ""),
        str(entry.unit_id_logged or ""),
        entry.object_type,
        entry.object_id,
        entry.action,
        entry.purpose,
        "1" if entry.break_glass else "0",
        entry.created_at.isoformat(),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


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
    purpose: str = "",
) -> list[AccessLog]:
    """Append one entry per read, in order, chained onto the newest entry."""
    if not reads:
        return []
    # Lock the head row: two concurrent reads must not both chain onto the same predecessor.
    head = AccessLogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AccessLogHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        head = AccessLogHead.objects.select_for_update().get(pk=1)
    previous = head.last_hash
    now = timezone.now()
    entries = []
    for read in reads:
        entry = AccessLog(
            user_id=getattr(user, "pk", None),
            case_id_logged=getattr(read.case, "pk", None),
            unit_id_logged=(
                read.unit_id if read.unit_id is not None else getattr(read.case, "team_id", None)
            ),
            object_type=object_type[:50],
            object_id=str(read.object_id)[:50],
            action=action,
            purpose=purpose[:300],
            break_glass=read.break_glass,
            created_at=now,
            previous_hash=previous,
        )
        entry.entry_hash = _entry_hash(previous, entry)
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
    purpose: str = "",
    break_glass: bool = False,
) -> AccessLog:
    """Append one entry. `object_type` names what was read ("case", "case_report", ...)."""
    read = Read(case=case, object_id=object_id, break_glass=break_glass, unit_id=unit_id)
    return access_log_record_many(
        user=user, object_type=object_type, reads=[read], action=action, purpose=purpose
    )[0]


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int | None
    message: str


def access_log_verify(*, batch_size: int = 5000) -> list[ChainProblem]:
    """Walk the whole chain in id order and return every break found (empty list: intact)."""
    problems: list[ChainProblem] = []
    previous = GENESIS_HASH
    for entry in AccessLog.objects.order_by("pk").iterator(chunk_size=batch_size):
        if entry.previous_hash != previous:
            problems.append(
                ChainProblem(
                    entry.pk, "forrige hash passer ikke: en post før denne er slettet eller ændret"
                )
            )
        if _entry_hash(entry.previous_hash, entry) != entry.entry_hash:
            problems.append(ChainProblem(entry.pk, "postens hash passer ikke: posten er ændret"))
        previous = entry.entry_hash
    head = AccessLogHead.objects.filter(pk=1).first()
    head_hash = head.last_hash if head else GENESIS_HASH
    if head_hash != previous:
        problems.append(ChainProblem(None, "den nyeste post mangler (kædens hoved passer ikke)"))
    return problems
