"""A calendar invitation (RFC 5545) for a status meeting, written with the `icalendar` package.

It carries no personal data: the summary is just "Statusmøde", the location only when it is
not the citizen's private address, and a link to the meeting page (behind login). No names,
no CPR number, no case number: the invitation is forwarded, synced to phones and e-mailed.

The times are local Copenhagen times (TZID=Europe/Copenhagen) with the zone's VTIMEZONE in the
file, so a calendar shows 13:00 as 13:00 on either side of a daylight-saving change without
looking the zone up. `icalendar` does the escaping (RFC 5545 §3.3.11) and the folding of long
lines at 75 octets without splitting a UTF-8 character (§3.1).

Pure: no Django. `icalendar` is a plain library (with `zoneinfo` from the standard library).
"""

from __future__ import annotations

import datetime as dt
from typing import Final
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

COPENHAGEN: Final = ZoneInfo("Europe/Copenhagen")
PRODID: Final = "-//Overgang//Statusmoede//DA"


def meeting_ics(
    *,
    uid: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    stamp: dt.datetime,
    url: str,
    location: str = "",
    summary: str = "Statusmøde",
    sequence: int = 0,
) -> str:
    """The invitation as text with CRLF line ends. `starts_at`, `ends_at` and `stamp` must be
    aware; the meeting's times are written in Copenhagen time, the stamp in UTC."""
    for value in (starts_at, ends_at, stamp):
        if value.tzinfo is None:
            raise ValueError("meeting_ics needs aware datetimes")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", starts_at.astimezone(COPENHAGEN))
    event.add("dtend", ends_at.astimezone(COPENHAGEN))
    event.add("sequence", sequence)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("description", url)
    calendar.add_component(event)
    # The VTIMEZONE of Europe/Copenhagen, built from tzdata, for the years around the meeting
    # (a calendar needs the rules that apply to its times, not the zone's whole history).
    start_year = min(starts_at, stamp).astimezone(COPENHAGEN).year
    calendar.add_missing_timezones(
        first_date=dt.date(start_year - 1, 1, 1), last_date=dt.date(ends_at.year + 2, 1, 1)
    )
    body: bytes = calendar.to_ical()
    return body.decode("utf-8")
