"""The access log: every read of a case page, PDF or API object (DESIGN §1).

Entries form a chain: each entry carries an HMAC over its own fields and the HMAC of the entry
before it, keyed by a secret outside the database (`keys`, `chain`); the head row holds the
newest one and is the writers' lock (`recording`). At every reminder sweep the head is anchored
outside the database (`anchors`). `verify_access_log` walks the chain against the keys and the
anchors and names every range that was altered, deleted, recomputed or cut off
(`verification`, `anchor_checks`, `problems`).
"""

from __future__ import annotations

from .anchors import Anchor, access_log_anchor, anchors_read
from .chain import GENESIS_HASH
from .problems import ChainProblem
from .recording import Read, access_log_record, access_log_record_many, purpose_require
from .verification import ChainReport, access_log_check, access_log_verify

__all__ = [
    "GENESIS_HASH",
    "Anchor",
    "ChainProblem",
    "ChainReport",
    "Read",
    "access_log_anchor",
    "access_log_check",
    "access_log_record",
    "access_log_record_many",
    "access_log_verify",
    "anchors_read",
    "purpose_require",
]
