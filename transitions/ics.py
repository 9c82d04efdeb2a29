"""A calendar invitation (RFC 5545) for a status meeting, written by hand.

It carries no personal data: the summary is just "Statusmøde", the location only when it is
not the citizen's private address, and a link to the meeting page (behind login). No names,
no CPR number, no case number — the invitation is forwarded, synced to phones and e-mailed.
"""

from __future__ import annotations

import datetime as dt

_MAX_OCTETS = 75


def _escape(text: str) -> str:
    # RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values.
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """RFC 5545 §3.1: lines longer than 75 octets are folded; never split a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = _MAX_OCTETS if not out else _MAX_OCTETS - 1
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


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
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Overgang//Statusmoede//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SEQUENCE:{sequence}",
        f"SUMMARY:{_escape(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    lines += [
        f"URL:{url}",
        f"DESCRIPTION:{_escape(url)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    folded = [part for line in lines for part in _fold(line)]
    return "\r\n".join(folded) + "\r\n"
