"""The access log: every read of a case page, PDF or API object (DESIGN §1).

Entries form a hash chain. Each entry's hash covers its own fields and the hash of the entry
before it, and AccessLogHead holds the newest hash, so deleting or altering any entry (the last
one included) breaks the chain and `verify_access_log` reports it.
"""

from __future__ import annotations

from .chain import GENESIS_HASH
from .recording import Read, access_log_record, access_log_record_many
from .verification import ChainProblem, access_log_verify

__all__ = [
    "GENESIS_HASH",
    "ChainProblem",
    "Read",
    "access_log_record",
    "access_log_record_many",
    "access_log_verify",
]
