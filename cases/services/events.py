"""The case's timeline: one append-only CaseEvent for every change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from accounts.models import User

from ..models import Case, CaseEvent


def case_event_record(
    *,
    case: Case,
    kind: str,
    actor: User | None,
    description: str = "",
    code: str = "",
    values: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    from_status: str = "",
    to_status: str = "",
    occurred_at: datetime | None = None,
) -> CaseEvent:
    """Append one event to the case's timeline (append-only; never edited afterwards).

    `description` is the finished Danish sentence, stored as it is; `code` and `values` (plain
    JSON: ids, ISO dates, enum values) say the same for display in the active language through
    the catalogue in cases.event_messages."""
    event = CaseEvent(
        case=case,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        description=description,
        code=code,
        values=values or {},
        data=data or {},
        from_status=from_status,
        to_status=to_status,
        occurred_at=occurred_at or timezone.now(),
    )
    event.full_clean()
    event.save()
    return event
