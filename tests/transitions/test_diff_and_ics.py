"""The word diff of the conflict screen and the calendar invitation: pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from transitions.diff import DELETE, EQUAL, INSERT, diff_texts
from transitions.ics import meeting_ics


def test_diff_marks_removed_words_on_the_old_side_and_added_on_the_new():
    result = diff_texts("Borgeren bor hos sin mor.", "Borgeren bor i egen lejlighed.")
    assert (DELETE, "hos sin mor.") in result.old
    assert (INSERT, "i egen lejlighed.") in result.new
    assert result.old[0] == (EQUAL, "Borgeren bor ")
    assert result.changed


def test_diff_joins_back_to_the_original_texts():
    old, new = "linje et\nlinje to\n\nlinje tre", "linje et\nlinje 2\nlinje tre\nny"
    result = diff_texts(old, new)
    assert "".join(text for _op, text in result.old) == old
    assert "".join(text for _op, text in result.new) == new


def test_identical_texts_have_no_changes():
    result = diff_texts("samme", "samme")
    assert not result.changed
    assert result.old == result.new == [(EQUAL, "samme")]


def _ics(**kwargs):
    start = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    base = dict(
        uid="abc@overgang",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        stamp=start,
        url="https://overgang.example/overgange/7/moeder/3/",
    )
    return meeting_ics(**{**base, **kwargs})


def _unfolded(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_ics_is_rfc5545_shaped():
    body = _ics(location="Rusmiddelcenter, mødelokale 2")
    lines = body.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert body.endswith("END:VCALENDAR\r\n")
    assert "VERSION:2.0" in lines and "METHOD:PUBLISH" in lines
    assert "DTSTAMP:20260320T090000Z" in lines
    assert "SUMMARY:Statusmøde" in lines
    assert "LOCATION:Rusmiddelcenter\\, mødelokale 2" in lines
    assert "URL:https://overgang.example/overgange/7/moeder/3/" in lines
    assert all(len(line.encode()) <= 75 for line in lines)


def test_ics_times_are_copenhagen_time_with_its_vtimezone():
    winter = _ics()  # 09:00 UTC on 20 March = 10:00 CET
    assert "DTSTART;TZID=Europe/Copenhagen:20260320T100000" in winter
    assert "DTEND;TZID=Europe/Copenhagen:20260320T110000" in winter
    summer_start = datetime(2026, 4, 1, 11, 0, tzinfo=UTC)  # 13:00 CEST
    summer = _ics(starts_at=summer_start, ends_at=summer_start + timedelta(hours=1))
    assert "DTSTART;TZID=Europe/Copenhagen:20260401T130000" in summer
    lines = _unfolded(summer)
    zone = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE") + 1]
    assert "TZID:Europe/Copenhagen" in zone
    assert "BEGIN:DAYLIGHT" in zone and "TZOFFSETTO:+0200" in zone
    assert "BEGIN:STANDARD" in zone and "TZOFFSETTO:+0100" in zone
    # The 2026 change to summer time (29 March, 02:00 -> 03:00) is in the zone's rules.
    assert any("20260329T030000" in line for line in zone)


def test_ics_escapes_text_values():
    body = _ics(location="Lokale 2; 1. sal, bag kantinen\nIndgang B", summary="Møde \\ status")
    unfolded = _unfolded(body)
    assert "LOCATION:Lokale 2\\; 1. sal\\, bag kantinen\\nIndgang B" in unfolded
    assert "SUMMARY:Møde \\\\ status" in unfolded


def test_ics_without_location_has_no_location_line():
    assert "LOCATION" not in _ics(location="")


def test_ics_folds_long_lines_without_splitting_characters():
    body = _ics(location="Æblegården " * 20)
    lines = body.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # it was folded
    # Every folded piece is valid UTF-8 on its own: no character is split between lines.
    for line in lines:
        line.encode().decode("utf-8")
    assert "LOCATION:" + "Æblegården " * 20 in "\n".join(_unfolded(body))


def test_ics_holds_no_personal_data_beyond_what_it_is_given():
    body = _ics(location="")
    for line in _unfolded(body):
        key = line.split(":", 1)[0].split(";", 1)[0]
        assert key in {
            "BEGIN",
            "END",
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SEQUENCE",
            "SUMMARY",
            "URL",
            "DESCRIPTION",
            "TZID",
            "COMMENT",
            "TZNAME",
            "TZOFFSETFROM",
            "TZOFFSETTO",
            "RDATE",
            "RRULE",
            "",
        }, line


def test_ics_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        _ics(starts_at=datetime(2026, 3, 20, 9, 0))
