"""The signed checkpoint that pruning leaves behind (docs/retention.md §3 row 3).

When the oldest entries are pruned, the first entry kept still carries the hash of the last
one deleted. The checkpoint records that hash, the last deleted id and how many entries have
been deleted in all, signed with the chain's key over those fields, so `verify_access_log`
can start the walk from it. Without the key a checkpoint cannot be made or changed, so
deleting the head of the chain and writing a checkpoint over the gap is found like any other
deletion.
"""

from __future__ import annotations

import hashlib
import hmac

from django.utils.translation import gettext as _

from ..models import AccessLogCheckpoint
from .keys import AccessLogKey
from .problems import ChainProblem


def checkpoint_mac(checkpoint: AccessLogCheckpoint, key: AccessLogKey) -> str:
    message = "\x1f".join(
        [
            "overgang access log checkpoint",
            str(checkpoint.last_id),
            checkpoint.last_hash,
            str(checkpoint.count),
            checkpoint.created_at.isoformat(),
            key.key_id,
        ]
    ).encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def checkpoint_trusted(
    keys: dict[str, AccessLogKey],
) -> tuple[AccessLogCheckpoint | None, list[ChainProblem]]:
    """The newest checkpoint if its signature holds, and a finding for one that does not (the
    walk then starts from the beginning, so the pruned stretch shows as a broken link too)."""
    checkpoint = AccessLogCheckpoint.objects.order_by("-last_id").first()
    if checkpoint is None:
        return None, []
    key = keys.get(checkpoint.key_id)
    if key is not None and hmac.compare_digest(checkpoint_mac(checkpoint, key), checkpoint.mac):
        return checkpoint, []
    text = _(
        "Kontrolpunktet for de slettede poster til og med post %(id)s er ikke signeret med "
        "en kendt nøgle: det er forfalsket eller ændret, og de slettede poster kan ikke "
        "kontrolleres."
    ) % {"id": checkpoint.last_id}
    return None, [ChainProblem(None, checkpoint.last_id, text)]
