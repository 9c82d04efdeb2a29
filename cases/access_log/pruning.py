"""Pruning the oldest access-log entries after their retention period (docs/retention.md §3
row 3), leaving a signed checkpoint so that the rest of the chain still verifies.

The stretch to be pruned is verified first, from the previous checkpoint (or the start of the
chain) to the last entry to go: a stretch that was altered is never pruned, since the
checkpoint would otherwise bless the change. Only a head of the chain can be pruned; it ends
before the first entry that is too young or about a case under a legal hold.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import AccessLog, AccessLogCheckpoint, AccessLogHead
from .checkpoints import checkpoint_mac, checkpoint_trusted
from .keys import signing_key, verification_keys
from .problems import ChainProblem
from .verification import ChainReport, _Walk


class PruneRefused(Exception):
    """The stretch to prune does not verify; nothing was deleted."""

    def __init__(self, problems: list[ChainProblem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class PruneResult:
    deleted: int
    checkpoint: AccessLogCheckpoint | None


def access_log_prune(
    *, before: datetime, held_case_ids: Collection[int] = (), held_citizen_ids: Collection[int] = ()
) -> PruneResult:
    """Delete the entries written before `before`, up to the first one that must stay (too
    young, or about a held case or citizen), and write the checkpoint. Raises PruneRefused if
    the stretch does not verify."""
    with transaction.atomic():
        # The writers' lock: one pruning at a time, and none while the head moves.
        AccessLogHead.objects.select_for_update().filter(pk=1).first()
        keys = verification_keys()
        previous, problems = checkpoint_trusted(keys)
        if problems:
            raise PruneRefused(problems)
        entries = AccessLog.objects.all()
        if previous is not None:
            entries = entries.filter(pk__gt=previous.last_id)
        must_stay = Q(created_at__gte=before) | Q(case_id_logged__in=list(held_case_ids))
        must_stay |= Q(object_type="citizen", object_id__in=[str(i) for i in held_citizen_ids])
        first_kept = entries.filter(must_stay).order_by("pk").values_list("pk", flat=True).first()
        stretch = entries if first_kept is None else entries.filter(pk__lt=first_kept)
        report = ChainReport()
        walk = _Walk(keys, report)
        if previous is not None:
            walk.previous_hash, walk.previous_id = previous.last_hash, previous.last_id
            walk.keyed_seen = True
        last: AccessLog | None = None
        for entry in stretch.order_by("pk").iterator(chunk_size=5000):
            walk.entry(entry)
            last = entry
        walk._close_run()
        if report.problems:
            raise PruneRefused(report.problems)
        if last is None:
            return PruneResult(deleted=0, checkpoint=previous)
        key = signing_key()
        checkpoint = AccessLogCheckpoint(
            last_id=last.pk,
            last_hash=last.entry_hash,
            count=(previous.count if previous else 0) + report.count,
            created_at=timezone.now(),
            key_id=key.key_id,
        )
        checkpoint.mac = checkpoint_mac(checkpoint, key)
        checkpoint.save()
        deleted, _per_model = AccessLog.objects.filter(pk__lte=last.pk).delete()
        # Only the newest checkpoint is needed; the older ones name entries long gone.
        AccessLogCheckpoint.objects.filter(last_id__lt=last.pk).delete()
        return PruneResult(deleted=deleted, checkpoint=checkpoint)
