"""What every handover write does besides its own change: lock and version the
transition row, write the HANDOVER entry on the case timeline and re-sync the case's access
grants; and the link to the transition page (notifications point at it)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accounts.models import User
from cases.access import case_access_sync
from cases.models import Case, CaseEvent
from cases.services import case_event_record

from ..models import Transition


def case_event(
    *,
    case: Case,
    actor: User | None,
    description: str,
    code: str,
    values: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """A HANDOVER entry on the case timeline (actor None: made by the reminder sweep): the
    Danish `description`, and the same as a cases.event_messages code with its values."""
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.HANDOVER,
        actor=actor,
        description=description,
        code=code,
        values=values or {},
        data=data or {},
    )


def sync_access(case: Case) -> None:
    case_access_sync(case)


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
