"""A commitment's rate and history in the reader's language (transitions.rates, issue 18): real
plurals instead of "uge(r)", dates in the language's one style instead of ISO, and the
product's own Danish words for a rate not repeated beside it."""

from __future__ import annotations

from django.utils import translation

from transitions.rates import change_lines, frequency_note, rate_label

BEFORE = {
    "description": "Individuelle samtaler",
    "frequency": "1 gang om ugen",
    "contacts_per_period": 1,
    "period_weeks": 1,
    "starts_on": "2026-12-02",
    "responsible": 7,
}


def test_rate_label_has_real_plurals_in_both_languages():
    assert [rate_label(1, 1), rate_label(2, 1), rate_label(1, 2), rate_label(None, None)] == [
        "1 kontakt pr. uge",
        "2 kontakter pr. uge",
        "1 kontakt pr. 2 uger",
        "",
    ]
    with translation.override("en"):
        assert [rate_label(1, 1), rate_label(2, 3)] == [
            "1 contact a week",
            "2 contacts every 3 weeks",
        ]


def test_frequency_note_drops_only_the_products_own_words():
    assert frequency_note("1 gang om ugen", 1, 1) == ""
    assert frequency_note("efter aftale", 1, 1) == "efter aftale"
    assert frequency_note("hver 14. dag", None, None) == "hver 14. dag"


def test_change_lines_in_english():
    after = {**BEFORE, "frequency": "2 gange om ugen", "contacts_per_period": 2}
    after |= {"starts_on": "2026-12-05", "responsible": 8}
    with translation.override("en"):
        assert change_lines(BEFORE, after) == [
            "Frequency: 1 contact a week → 2 contacts a week",
            "Start: 2 December 2026 → 5 December 2026",
            "New responsible person",
        ]
    assert change_lines(BEFORE, after)[:2] == [
        "Hyppighed: 1 kontakt pr. uge → 2 kontakter pr. uge",
        "Start: 02.12.2026 → 05.12.2026",
    ]


def test_change_lines_of_a_typed_frequency_and_of_a_creation():
    after = {**BEFORE, "frequency": "efter aftale", "description": "Gruppeforløb"}
    assert change_lines(BEFORE, after) == [
        "Indsats: Individuelle samtaler → Gruppeforløb",
        "Hyppighed: 1 kontakt pr. uge → 1 kontakt pr. uge (efter aftale)",
    ]
    assert change_lines({}, BEFORE) == []
