"""The status meetings a report may show, and their participants.

For an external party (DESIGN §2): only the meetings the party took part in, and of their
participants only the staff and the party's own people; a participant from another party (say
Kriminalforsorgen at a meeting an employer also attended) is never named to the party. The
internal report shows every meeting with every participant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cases.models import Consent
from transitions.models import Participant, StatusMeeting


@dataclass(frozen=True)
class MeetingInReport:
    meeting: StatusMeeting
    participants: list[Participant]
    # Participants from other parties left out of an external report (counted, never named).
    withheld_count: int = 0


def is_of_party(participant: Participant, consent: Consent) -> bool:
    """Whether the participant is the party the consent names (by this or another consent)."""
    if participant.consent_id == consent.pk:
        return True
    other = participant.consent
    if other is not None:
        return other.party_kind == consent.party_kind and other.party_name == consent.party_name
    return (
        participant.party_kind == consent.party_kind
        and participant.organisation == consent.party_name
    )


def meetings_in_report(
    meetings: Iterable[StatusMeeting], consent: Consent | None
) -> list[MeetingInReport]:
    """The meetings and participants the report shows; `consent` None is the internal report."""
    shown = []
    for meeting in meetings:
        participants = list(meeting.participants.all())
        if consent is None:
            shown.append(MeetingInReport(meeting=meeting, participants=participants))
            continue
        if not any(is_of_party(p, consent) for p in participants):
            continue
        named = [p for p in participants if p.user_id is not None or is_of_party(p, consent)]
        shown.append(
            MeetingInReport(
                meeting=meeting,
                participants=named,
                withheld_count=len(participants) - len(named),
            )
        )
    return shown
