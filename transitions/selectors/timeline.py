"""The handover's status notes, meetings and answered check-ins on the case's timeline
(`cases.selectors.case_timeline`), registered on `cases.hooks.timeline_sources` in
TransitionsConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.hooks import RecordedEvents
from cases.models import Case
from cases.selectors import TimelineEntry, TimelineItem

from ..models import CheckIn, StatusMeeting, StatusNote


def _short(text: str, limit: int = 300) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def handover_timeline(case: Case, episode_events: RecordedEvents) -> list[TimelineEntry]:
    """The handover's status notes, meetings and answered check-ins. One query per kind."""
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
                title=_("Tjek-ind: %(label)s") % {"label": checkin.display_label},
                description=_short(checkin.answer),
                actor=checkin.recorded_by,
                object_id=checkin.pk,
            )
        )
    return [TimelineEntry(item) for item in items]
