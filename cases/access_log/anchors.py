"""Anchoring the chain outside the database (DESIGN §1).

At every reminder sweep the head of the chain (time, count, last id, its HMAC and key id) is
written to the system log (logger `overgang.access_log.anchor`) and appended as one JSON line
to `ACCESS_LOG_ANCHOR_FILE`. Neither is reachable from the database, so a stretch cut off the
tail, or a chain rewritten with its head, no longer matches an anchor written before.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import AccessLog, AccessLogCheckpoint, AccessLogHead
from .chain import GENESIS_HASH

logger = logging.getLogger("overgang.access_log.anchor")


@dataclass(frozen=True)
class Anchor:
    """The head of the chain as it was at `at`: `count` entries up to and including `last_id`."""

    at: datetime
    count: int
    last_id: int | None
    hmac: str
    key_id: str

    def as_json(self) -> str:
        return json.dumps(
            {
                "at": self.at.isoformat(),
                "count": self.count,
                "last_id": self.last_id,
                "hmac": self.hmac,
                "key_id": self.key_id,
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, line: str) -> Anchor:
        """Raises ValueError (or KeyError, TypeError) on a line that is not an anchor."""
        data = json.loads(line)
        last_id = data["last_id"]
        at = datetime.fromisoformat(data["at"])
        if timezone.is_naive(at):
            raise ValueError("an anchor's time carries its offset")
        return cls(
            at=at,
            count=int(data["count"]),
            last_id=None if last_id is None else int(last_id),
            hmac=str(data["hmac"]),
            key_id=str(data["key_id"]),
        )


@dataclass(frozen=True)
class AnchorFile:
    path: Path
    exists: bool
    anchors: list[Anchor] = field(default_factory=list)
    unreadable_lines: list[int] = field(default_factory=list)


def anchor_file_path() -> Path:
    return Path(settings.ACCESS_LOG_ANCHOR_FILE)


def anchor_append(anchor: Anchor, path: Path) -> None:
    """Append one line and fsync it: an anchor the machine lost in a crash anchors nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(anchor.as_json() + "\n")
        file.flush()
        os.fsync(file.fileno())


def access_log_head_read() -> Anchor:
    """The head of the chain now, read under the writers' lock on the head row."""
    with transaction.atomic():
        # The same lock the writers take: no entry is half-appended while the head is read.
        AccessLogHead.objects.select_for_update().filter(pk=1).first()
        last = AccessLog.objects.order_by("-pk").only("pk", "entry_hash", "key_id").first()
        at = timezone.now()
    if last is None:
        checkpoint = AccessLogCheckpoint.objects.order_by("-last_id").first()
        if checkpoint is not None:
            return Anchor(
                at=at,
                count=checkpoint.count,
                last_id=checkpoint.last_id,
                hmac=checkpoint.last_hash,
                key_id=checkpoint.key_id,
            )
        return Anchor(at=at, count=0, last_id=None, hmac=GENESIS_HASH, key_id="")
    # Counted after the lock is released: ids are handed out under the lock, so every entry up
    # to `last` is committed and no later writer can add one below it.
    count = AccessLog.objects.filter(pk__lte=last.pk).count() + pruned_count()
    return Anchor(at=at, count=count, last_id=last.pk, hmac=last.entry_hash, key_id=last.key_id)


def pruned_count() -> int:
    """How many entries pruning has deleted (cases.access_log.pruning), so an anchor counts
    every entry ever written, as the anchors before the pruning did."""
    checkpoint = AccessLogCheckpoint.objects.order_by("-last_id").only("count").first()
    return checkpoint.count if checkpoint else 0


def access_log_anchor() -> Anchor:
    """Write the head of the chain to the system log and the anchor file (DESIGN §1)."""
    anchor = access_log_head_read()
    logger.info("access log anchor %s", anchor.as_json())
    anchor_append(anchor, anchor_file_path())
    return anchor


def anchors_read(path: Path | None = None) -> AnchorFile:
    """Every anchor in the file, in the order written; lines that do not parse are named."""
    path = path or anchor_file_path()
    if not path.exists():
        return AnchorFile(path=path, exists=False)
    result = AnchorFile(path=path, exists=True)
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                result.anchors.append(Anchor.from_json(line))
            except (ValueError, KeyError, TypeError):
                result.unreadable_lines.append(number)
    return result
