"""What every handover write does besides its own change: lock and version the
transition row, write the HANDOVER entry on the case timeline, re-sync the case's access
grants, and notify (the link in a notification points at the transition page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseEvent

from ..models import Transition


def case_event(
    *, case: Case, actor: User, description: str, data: dict[str, Any] | None = None
) -> None:
    """A HANDOVER entry on the case timeline (through the cases service when it exists)."""
    data = data or {}
    case_event_record: Callable[..., object] | None
    try:
        from cases.services import case_event_record
    except ImportError:
        case_event_record = None
    if case_event_record is not None:
        try:
            case_event_record(
                case=case,
                kind=CaseEvent.Kind.HANDOVER,
                actor=actor,
                description=description,
                data=data,
            )
            return
        except TypeError:
            # A different signature than expected: fall back to a plain row rather than
            # losing the timeline entry.
            pass
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.HANDOVER,
        actor=actor,
        occurred_at=timezone.now(),
        description=description,
        data=data,
    )


def sync_access(case: Case) -> None:
    from cases.access import case_access_sync

    case_access_sync(case)


def notify(**kwargs: Any) -> int:
    # Imported here: the notifications app depends on transitions, not the other way round.
    from notifications.services import notify

    return notify(**kwargs)


def transition_url(transition: Transition) -> str:
    return reverse("transitions:detail", kwargs={"case_id": transition.case_id})


def bump(transition: Transition, *fields: str) -> None:
    transition.version += 1
    transition.save(update_fields=[*fields, "version"])


def lock(transition: Transition) -> Transition:
    """Re-read the transition row under a lock, so that two status changes (confirm, cancel,
    discharge) made at the same moment are applied one after the other."""
    return (
        Transition.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=transition.pk)
    )
