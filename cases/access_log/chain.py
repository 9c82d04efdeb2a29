"""How one access-log entry is chained onto the one before it.

An entry's `entry_hash` is an HMAC-SHA256, keyed by the key whose id the entry records, over
its own fields, that key id and the `entry_hash` of the entry before it. Entries written
before the keyed chain existed have an empty key id and a plain SHA-256 over the same fields
(the legacy rule); they are kept as they were and verify with that rule.
"""

from __future__ import annotations

import hashlib
import hmac

from ..models import AccessLog
from .keys import AccessLogKey

GENESIS_HASH = "0" * 64
LEGACY_KEY_ID = ""


def _fields(previous_hash: str, entry: AccessLog) -> list[str]:
    # `note`, the reader's unit and `purpose_chosen` came later (migration cases.0005): each
    # joins the message, tagged, only when it holds a value, so every entry chained before
    # them verifies unchanged, and a value added to such an entry afterwards breaks its HMAC
    # like any other change.
    later = []
    if entry.note:
        later.append(f"note:{entry.note}")
    if entry.reader_unit_id_logged is not None:
        later.append(f"reader_unit:{entry.reader_unit_id_logged}")
    if entry.purpose_chosen:
        later.append("purpose_chosen:1")
    return [
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
        *later,
    ]


def legacy_hash(previous_hash: str, entry: AccessLog) -> str:
    """The unkeyed hash of the entries written before the keyed chain."""
    return hashlib.sha256("\x1f".join(_fields(previous_hash, entry)).encode()).hexdigest()


def entry_mac(previous_hash: str, entry: AccessLog, key: AccessLogKey) -> str:
    """The keyed hash of an entry; it covers the key id, so an entry cannot change keys."""
    message = "\x1f".join([*_fields(previous_hash, entry), key.key_id]).encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()
