"""The case's timeline: its events, episode starts and ends, and the handover's notes,
meetings and check-ins in time order. The episodes' and the handover's items come from the
sources treatment_options and transitions register on `cases.hooks.timeline_sources`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from accounts.models import User

from ..event_messages import event_description
from ..hooks import timeline_sources
from ..models import Case, CaseEvent


@dataclass(frozen=True)
class TimelineItem:
    when: datetime
    kind: str
    title: str
    description: str = ""
    actor: User | None = None
    url: str = ""
    object_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


class TimelineEntry(NamedTuple):
    """An item and its tie-break: acts recorded in the same instant keep the order they were
    recorded in (the pk of the CaseEvent that recorded the act, 0 when none did)."""

    item: TimelineItem
    tie: int = 0


def case_timeline(case: Case) -> list[TimelineItem]:
    """Everything that happened on the case in time order: events, episode starts and ends,
    the contacts, and the handover's status notes, meetings and answered check-ins. One query
    per kind."""
    events = list(CaseEvent.objects.filter(case=case).select_related("actor"))
    # Episode starts and ends are shown at their actual dates, with the description and the
    # actor of the event that recorded them (no double entries).
    episode_events: dict[tuple[int, str], CaseEvent] = {}
    # (item, tie-break): acts recorded in the same instant keep the order they were recorded in.
    items: list[tuple[TimelineItem, int]] = []
    for event in events:
        episode_id = event.data.get("episode") if isinstance(event.data, dict) else None
        if (
            event.kind in (CaseEvent.Kind.EPISODE_STARTED, CaseEvent.Kind.EPISODE_ENDED)
            and episode_id
        ):
            episode_events[(int(episode_id), event.kind)] = event
            continue
        items.append(
            (
                TimelineItem(
                    when=event.occurred_at,
                    kind=event.kind,
                    title=event.get_kind_display(),
                    description=event_description(event),
                    actor=event.actor,
                    object_id=event.pk,
                    data=event.data if isinstance(event.data, dict) else {},
                ),
                event.pk,
            )
        )
    # Other apps' items (episode starts and ends, the handover's notes, meetings and
    # check-ins), from the sources they registered (cases.hooks), in that order.
    for source in timeline_sources:
        items.extend(source(case, episode_events))
    for event in episode_events.values():  # the episode is gone; keep the record of it
        items.append(
            (
                TimelineItem(
                    when=event.occurred_at,
                    kind=event.kind,
                    title=event.get_kind_display(),
                    description=event_description(event),
                    actor=event.actor,
                    object_id=event.pk,
                ),
                event.pk,
            )
        )
    items.sort(key=lambda pair: (pair[0].when, pair[1]))
    return [item for item, _tie in items]
