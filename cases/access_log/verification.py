"""`access_log_verify`: walk the chain against the keys and the anchors, and name every
range that was changed."""

from __future__ import annotations

import hmac
from collections import Counter
from dataclasses import dataclass, field, replace

from ..models import AccessLog, AccessLogHead
from . import problems
from .anchor_checks import AnchorObservation, anchor_problems
from .anchors import AnchorFile, anchors_read
from .chain import GENESIS_HASH, LEGACY_KEY_ID, entry_mac, legacy_hash
from .checkpoints import checkpoint_trusted
from .keys import AccessLogKey, verification_keys
from .problems import ChainProblem

_ALTERED = "altered"


@dataclass
class ChainReport:
    """The result of one walk: the findings, and what the walk saw (for the command's summary)."""

    problems: list[ChainProblem] = field(default_factory=list)
    count: int = 0
    legacy_count: int = 0
    entries_per_key: Counter[str] = field(default_factory=Counter)
    anchor_file: AnchorFile | None = None


@dataclass
class _Run:
    """Consecutive entries that failed in the same way; reported as one range."""

    kind: str
    first: int
    last: int
    gap_note: str


class _Walk:
    def __init__(self, keys: dict[str, AccessLogKey], report: ChainReport) -> None:
        self.keys = keys
        self.report = report
        self.previous_hash = GENESIS_HASH
        self.previous_id: int | None = None
        self.keyed_seen = False
        self.run: _Run | None = None

    def entry(self, entry: AccessLog) -> None:
        self.report.count += 1
        failure = self._failure(entry)
        linked = entry.previous_hash == self.previous_hash
        if not linked:
            self._close_run()
            self.report.problems.append(problems.link_broken(self.previous_id, entry.pk))
        if failure is None:
            self._close_run()
        elif linked and self.run is not None and self.run.kind == failure:
            self.run.last = entry.pk
        else:
            self._close_run()
            # After a broken link the gap is named with the break already.
            note = problems.missing_ids_note(self.previous_id, entry.pk) if linked else ""
            self.run = _Run(kind=failure, first=entry.pk, last=entry.pk, gap_note=note)
        self.previous_hash = entry.entry_hash
        self.previous_id = entry.pk

    def _failure(self, entry: AccessLog) -> str | None:
        """None if the entry's own hash holds; else why not (a key id: that key is unknown)."""
        if entry.key_id == LEGACY_KEY_ID:
            self.report.legacy_count += 1
            # Unkeyed entries are only the stretch written before the keyed chain began: an
            # unkeyed entry after a keyed one was recomputed by someone without the key.
            if self.keyed_seen:
                return _ALTERED
            valid = hmac.compare_digest(legacy_hash(entry.previous_hash, entry), entry.entry_hash)
            return None if valid else _ALTERED
        self.report.entries_per_key[entry.key_id] += 1
        key = self.keys.get(entry.key_id)
        if key is None:
            return entry.key_id
        if not hmac.compare_digest(entry_mac(entry.previous_hash, entry, key), entry.entry_hash):
            return _ALTERED
        self.keyed_seen = True
        return None

    def _close_run(self) -> None:
        run, self.run = self.run, None
        if run is None:
            return
        if run.kind == _ALTERED:
            self.report.problems.append(problems.altered(run.first, run.last, run.gap_note))
        else:
            self.report.problems.append(problems.unknown_key(run.first, run.last, run.kind))

    def finish(self) -> None:
        self._close_run()
        head = AccessLogHead.objects.filter(pk=1).first()
        head_hash = head.last_hash if head else GENESIS_HASH
        if head_hash != self.previous_hash:
            self.report.problems.append(problems.head_mismatch(self.previous_id))


def access_log_check(*, batch_size: int = 5000) -> ChainReport:
    """Walk the whole chain in id order, check each entry with its key, each link, the head
    row and every anchor; return the findings with what was seen."""
    report = ChainReport(anchor_file=anchors_read())
    keys = verification_keys()
    walk = _Walk(keys, report)
    checkpoint, checkpoint_problems = checkpoint_trusted(keys)
    report.problems.extend(checkpoint_problems)
    entries = AccessLog.objects.order_by("pk")
    pruned_count = 0
    if checkpoint is not None:
        # The pruned head of the chain: the walk starts from the signed checkpoint, and the
        # anchors that named a pruned entry are covered by it.
        walk.previous_hash, walk.previous_id = checkpoint.last_hash, checkpoint.last_id
        walk.keyed_seen = True
        pruned_count = checkpoint.count
        entries = entries.filter(pk__gt=checkpoint.last_id)
        if report.anchor_file is not None:
            kept = [a for a in report.anchor_file.anchors if (a.last_id or 0) > checkpoint.last_id]
            report.anchor_file = replace(report.anchor_file, anchors=kept)
    anchors = report.anchor_file.anchors if report.anchor_file else []
    observation = AnchorObservation.for_anchors(anchors)
    observation.count = pruned_count
    for entry in entries.iterator(chunk_size=batch_size):
        walk.entry(entry)
        observation.entry(entry)
    walk.finish()
    observation.finish()
    report.problems.extend(anchor_problems(report.anchor_file, observation))
    return report


def access_log_verify(*, batch_size: int = 5000) -> list[ChainProblem]:
    """Every finding (empty list: the log is intact)."""
    return access_log_check(batch_size=batch_size).problems
