"""Episode starts and ends, and the contacts recorded with the citizen, on the case's timeline
(`cases.selectors.case_timeline`), registered on `cases.hooks.timeline_sources` in
TreatmentOptionsConfig.ready()."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.event_messages import event_description
from cases.hooks import RecordedEvents
from cases.models import Case, CaseEvent
from cases.selectors import TimelineEntry, TimelineItem

from .models import Contact, Episode


def _on_day(day: date, event: CaseEvent | None) -> datetime:
    """A date as a point in time: the time the act was recorded if that was on the same day,
    else noon (so that it sorts after that morning's referral, before the evening's note)."""
    if event is not None and timezone.localdate(event.occurred_at) == day:
        return event.occurred_at
    return timezone.make_aware(datetime.combine(day, time(12)))


def episode_timeline(case: Case, episode_events: RecordedEvents) -> list[TimelineEntry]:
    """Episode starts and ends at their actual dates, with the description and the actor of
    the event that recorded them (taken out of `episode_events`: no double entries). One query."""
    items: list[TimelineEntry] = []
    episodes = Episode.objects.filter(case=case).select_related("offer__provider")
    for episode in episodes:
        for day, kind, title in (
            (episode.actual_start, CaseEvent.Kind.EPISODE_STARTED, _("Behandling startet")),
            (episode.actual_end, CaseEvent.Kind.EPISODE_ENDED, _("Behandling afsluttet")),
        ):
            if day is None:
                continue
            recorded = episode_events.pop((episode.pk, kind), None)
            description = event_description(recorded) if recorded else str(episode.offer)
            if kind == CaseEvent.Kind.EPISODE_ENDED and recorded is None:
                description += f": {episode.get_end_reason_display()}"
            items.append(
                TimelineEntry(
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
    return items


def contact_timeline(case: Case, episode_events: RecordedEvents) -> list[TimelineEntry]:
    """The contacts recorded with the citizen (DESIGN §4: the timeline shows every contact), at
    their time, with the offer they were in and who recorded them. One query, however many."""
    contacts = Contact.objects.filter(episode__case=case).select_related(
        "recorded_by", "episode__offer__provider"
    )
    items: list[TimelineEntry] = []
    for contact in contacts:
        planned = _("planlagt") if contact.is_planned else _("ikke planlagt")
        items.append(
            TimelineEntry(
                TimelineItem(
                    when=contact.at,
                    kind="contact",
                    title=_("Kontakt: %(kind)s, %(outcome)s")
                    % {
                        "kind": contact.get_kind_display(),
                        "outcome": contact.get_outcome_display().lower(),
                    },
                    description=f"{contact.episode.offer} ({planned})",
                    actor=contact.recorded_by,
                    object_id=contact.pk,
                )
            )
        )
    return items
