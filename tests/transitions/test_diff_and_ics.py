"""The word diff of the conflict screen and the calendar invitation: pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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


def test_ics_is_rfc5545_shaped():
    body = _ics(location="Rusmiddelcenter, mødelokale 2")
    lines = body.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20260320T090000Z" in lines
    assert "DTEND:20260320T100000Z" in lines
    assert "SUMMARY:Statusmøde" in lines
    assert "LOCATION:Rusmiddelcenter\\, mødelokale 2" in lines
    assert all(len(line.encode()) <= 75 for line in lines)


def test_ics_without_location_has_no_location_line():
    assert "LOCATION" not in _ics(location="")


def test_ics_folds_long_lines_without_splitting_characters():
    body = _ics(location="Æblegården " * 20)
    lines = body.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = body.replace("\r\n ", "")
    assert "LOCATION:" + "Æblegården " * 20 in unfolded.replace("\\,", ",")
