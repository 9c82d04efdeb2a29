"""The case's timeline: its events, episode starts and ends, and the handover's notes,
meetings and check-ins in time order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Case, CaseEvent


@dataclass(frozen=True)
class TimelineItem:
    when: datetime
    kind: str
    title: str
    description: str = ""
    actor: Any = None
    url: str = ""
    object_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


def _on_day(day: date, event: CaseEvent | None) -> datetime:
    """A date as a point in time: the time the act was recorded if that was on the same day,
    else noon (so that it sorts after that morning's referral, before the evening's note)."""
    if event is not None and timezone.localdate(event.occurred_at) == day:
        return event.occurred_at
    return timezone.make_aware(datetime.combine(day, time(12)))


def _short(text: str, limit: int = 300) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def case_timeline(case: Case) -> list[TimelineItem]:
    """Everything that happened on the case in time order: events, episode starts and ends,
    and the handover's status notes, meetings and answered check-ins. One query per kind."""
    from treatment_options.models import Episode

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
                    description=event.description,
                    actor=event.actor,
                    object_id=event.pk,
                    data=event.data if isinstance(event.data, dict) else {},
                ),
                event.pk,
            )
        )
    episodes = Episode.objects.filter(case=case).select_related("offer__provider")
    for episode in episodes:
        for day, kind, title in (
            (episode.actual_start, CaseEvent.Kind.EPISODE_STARTED, _("Behandling startet")),
            (episode.actual_end, CaseEvent.Kind.EPISODE_ENDED, _("Behandling afsluttet")),
        ):
            if day is None:
                continue
            recorded = episode_events.pop((episode.pk, kind), None)
            description = recorded.description if recorded else str(episode.offer)
            if kind == CaseEvent.Kind.EPISODE_ENDED and recorded is None:
                description += f": {episode.get_end_reason_display()}"
            items.append(
                (
                    TimelineItem(
                        when=_on_day(day, recorded),
                        kind=kind,
                        title=title,
                        description=description,
                        actor=recorded.actor if recorded else None,
                        object_id=episode.pk,
                    ),
                    recorded.pk if recorded else 0,
                )
            )
    for event in episode_events.values():  # the episode is gone; keep the record of it
        items.append(
            (
                TimelineItem(
                    when=event.occurred_at,
                    kind=event.kind,
                    title=event.get_kind_display(),
                    description=event.description,
                    actor=event.actor,
                    object_id=event.pk,
                ),
                event.pk,
            )
        )
    items.extend((item, 0) for item in _handover_items(case))
    items.sort(key=lambda pair: (pair[0].when, pair[1]))
    return [item for item, _tie in items]


def _handover_items(case: Case) -> list[TimelineItem]:
    try:
        from transitions.models import CheckIn, StatusMeeting, StatusNote
    except ImportError:  # pragma: no cover - the handover app is part of the project
        return []
    items: list[TimelineItem] = []
    for note in StatusNote.objects.filter(transition__case=case).select_related("author"):
        items.append(
            TimelineItem(
                when=note.written_at,
                kind="status_note",
                title=_("Statusnotat: %(kind)s") % {"kind": note.get_kind_display()},
                description=_short(note.summary or note.body),
                actor=note.author,
                object_id=note.pk,
            )
        )
    for meeting in StatusMeeting.objects.filter(transition__case=case).select_related("created_by"):
        items.append(
            TimelineItem(
                when=meeting.starts_at,
                kind="status_meeting",
                title=_("Statusmøde (afholdt)") if meeting.held else _("Statusmøde (planlagt)"),
                description=_short(meeting.decisions or meeting.agenda),
                actor=meeting.created_by,
                object_id=meeting.pk,
            )
        )
    for checkin in CheckIn.objects.filter(
        transition__case=case, answered_at__isnull=False
    ).select_related("recorded_by"):
        assert checkin.answered_at is not None  # filtered above
        items.append(
            TimelineItem(
                when=checkin.answered_at,
                kind="checkin",
                title=_("Tjek-ind: %(label)s") % {"label": checkin.label},
                description=_short(checkin.answer),
                actor=checkin.recorded_by,
                object_id=checkin.pk,
            )
        )
    return items
