"""`access_log_verify`: walk the chain and report every break."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import AccessLog, AccessLogHead
from .chain import GENESIS_HASH, entry_hash


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
        if entry_hash(entry.previous_hash, entry) != entry.entry_hash:
            problems.append(ChainProblem(entry.pk, "postens hash passer ikke: posten er ændret"))
        previous = entry.entry_hash
    head = AccessLogHead.objects.filter(pk=1).first()
    head_hash = head.last_hash if head else GENESIS_HASH
    if head_hash != previous:
        problems.append(ChainProblem(None, "den nyeste post mangler (kædens hoved passer ikke)"))
    return problems
