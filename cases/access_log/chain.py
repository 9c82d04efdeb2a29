"""How one access-log entry is chained onto the one before it."""

from __future__ import annotations

import hashlib

from ..models import AccessLog

GENESIS_HASH = "0" * 64


def entry_hash(previous_hash: str, entry: AccessLog) -> str:
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
