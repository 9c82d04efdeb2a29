"""A notification to make, before it is a row: what the reminder rules produce and what
`notifications.services.notifications_create` inserts (a module of its own so that both can
import it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Pending:
    """A notification to make: the output of a reminder rule, one per recipient."""

    recipient_id: int
    rule: str
    subject_type_id: int
    subject_id: int
    case_id: int | None
    threshold: str
    message: str
    url: str
    due_on: date | None = None
    # The away user this is a deputy's copy for (accounts.Deputyship), or None.
    deputy_for_id: int | None = None

    @property
    def key(self) -> tuple[int, str, int, int, str]:
        return (self.recipient_id, self.rule, self.subject_type_id, self.subject_id, self.threshold)
