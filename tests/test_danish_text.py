"""The English journey's Danish detector (tests/e2e/danish_text.py) flags Danish, passes
English and passes the allow-listed names, so the journey can fail and fails only on Danish."""

from __future__ import annotations

import pytest

from tests.e2e.danish_text import (
    ALLOWED_NAMES,
    Finding,
    danish_findings,
    danish_words,
    date_style_findings,
)


def test_flags_a_danish_sentence():
    assert danish_findings("Sagen er oprettet") == [
        Finding(line="Sagen er oprettet", words=("sagen", "er", "oprettet"))
    ]


def test_passes_the_same_sentence_in_english():
    assert danish_findings("The case was created") == []


@pytest.mark.parametrize(
    "text",
    [
        "Legal basis: Serviceloven § 101",
        "Barnets lov § 33 applies to citizens under 18",
        "Reported to Stofmisbrugsdatabasen and Danmarks Statistik",
        "Language: Dansk / English",
        "Caseworker: Karin Sagsbehandler, Team Nord",
        "Residential episode at Sydgården",
    ],
)
def test_passes_allow_listed_names(text):
    assert danish_findings(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("3 dag(e) left", ("dag",)),
        ("Thursday 14. January 2027 kl. 10:00", ("kl",)),
        ("Deadline: 24. november 2026 (Frist)", ("frist",)),
        ("Søg", ("søg",)),
        ("Gem afsnit", ("afsnit",)),
    ],
)
def test_flags_single_danish_words(text, words):
    assert danish_words(text) == words


def test_english_words_that_look_danish_pass():
    # "for", "men", "side", "plan", "at", "under", "over" are English words too.
    text = "Plans for men and women at the side of the page, under and over 18"
    assert danish_findings(text) == []


def test_an_allowed_name_allows_only_itself():
    # "Team Nord" is allowed; a Danish word next to it still counts, and a name is matched whole.
    assert danish_words("Team Nord har sagen") == ("har", "sagen")
    assert danish_words("Serviceloven's rule") == ()
    assert danish_words("Sydgårdens regel") == ("sydgårdens", "regel")


def test_reports_each_danish_line_with_its_words():
    text = "Case list\nIngen sager\n\nSearch\nViser 1-1 af 1 sager"
    assert [str(f) for f in danish_findings(text)] == [
        "'Ingen sager'  (ingen, sager)",
        "'Viser 1-1 af 1 sager'  (viser, af, sager)",
    ]


def test_allow_list_is_short():
    assert len(ALLOWED_NAMES) <= 30


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Thursday 14. January 2027 kl. 10:00", "Danish ordinal dot before a month"),
        ("Saved at 9:32 p.m..", "12-hour clock"),
        ("Deadline 24.11.2026", "Danish numeric date"),
        ("Started 2026-11-24.", "ISO date in running text"),
        ("1 contact per 1 week(s)", "plural in brackets"),
    ],
)
def test_flags_dates_not_in_the_english_style(text, problem):
    assert [f.words for f in date_style_findings(text)] == [(problem,)]


def test_passes_english_dates():
    text = "14 January 2027, 10:00\nDeadline 24 November 2026\n/api/v1/cases/?since=2026-11-24"
    assert date_style_findings(text) == []
