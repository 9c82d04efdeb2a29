"""A commitment's frequency as n contacts per k weeks (DESIGN §5.10), and the parser that reads
the free text commitments used to have ("hver 14. dag", "1 gang om ugen", "ugentlig").

Pure: standard library only. Used by the data migration that gave every commitment its
structured frequency, and by the forms to suggest n and k from a typed text. What it cannot
read with certainty it does not guess: `parse_frequency` returns None and the commitment is
flagged for the therapist to set n and k by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# "En gang om måneden" is taken as one contact per 4 weeks: the product counts in weeks.
WEEKS_PER_MONTH: Final = 4
WEEKS_PER_YEAR: Final = 52

_NUMBER_WORDS: Final = {
    "en": 1,
    "én": 1,
    "et": 1,
    "ét": 1,
    "een": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
}

# Words for a contact that may stand between the count and the period ("2 samtaler om ugen").
_CONTACT = (
    r"(?:gang|gange|samtale|samtaler|kontakt|kontakter|session|sessioner|besøg|møde|møder"
    r"|opkald|gruppe|gruppeforløb|gruppesession|gruppesessioner|hjemmebesøg|konsultation"
    r"|konsultationer|fremmøde|fremmøder)"
)
_NUM = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(dag|dage|døgn|uge|uger|måned|måneder|md|mdr|år)"

# "2 gange om ugen", "1 samtale pr. uge", "en gang hver anden uge", "3 gange om måneden".
_COUNT_PER = re.compile(
    rf"^{_NUM}\s+(?:\w+\s+)?{_CONTACT}\s+(?:om|pr\.?|per|i|hver|a|à)\s+"
    rf"(?:(?:den|det)\s+)?(?:(anden|andet|tredje|fjerde|{_NUM})\.?\s+)?{_UNIT}[a-zæøå]*$"
)
# "hver 14. dag", "hver uge", "hver anden uge", "hver 2. uge", "hver måned".
_EVERY = re.compile(rf"^hver(?:t)?\s+(?:(anden|andet|tredje|fjerde|\d+)\.?\s+)?{_UNIT}$")
# "ugentlig", "ugentligt", "dagligt", "månedlig", "2 gange ugentligt".
_ADVERB = re.compile(rf"^(?:{_NUM}\s+{_CONTACT}\s+)?(daglig|ugentlig|månedlig|årlig)t?$")

_ORDINALS: Final = {"anden": 2, "andet": 2, "tredje": 3, "fjerde": 4}


@dataclass(frozen=True, slots=True)
class Frequency:
    """n contacts per k weeks."""

    contacts_per_period: int
    period_weeks: int

    def __post_init__(self) -> None:
        if self.contacts_per_period < 1 or self.period_weeks < 1:
            raise ValueError("a frequency is at least 1 contact per at least 1 week")

    @property
    def per_week(self) -> float:
        return self.contacts_per_period / self.period_weeks


def _number(text: str | None, default: int = 1) -> int:
    if text is None:
        return default
    if text.isdigit():
        return int(text)
    if text in _ORDINALS:
        return _ORDINALS[text]
    return _NUMBER_WORDS[text]


def _from_days(count: int, every_days: int) -> Frequency | None:
    """count contacts every `every_days` days, when that is a whole number of weeks per
    contact or whole contacts per week (7 days: 1/1, 14 days: 1/2, daily: 7/1)."""
    if every_days % 7 == 0:
        return Frequency(count, every_days // 7)
    if 7 % every_days == 0:
        return Frequency(count * (7 // every_days), 1)
    return None


def _from_unit(count: int, every: int, unit: str) -> Frequency | None:
    if count < 1 or every < 1:
        return None
    if unit.startswith(("dag", "døgn")):
        return _from_days(count, every)
    if unit.startswith("uge"):
        return Frequency(count, every)
    if unit.startswith(("måned", "md")):
        return Frequency(count, every * WEEKS_PER_MONTH)
    if unit == "år":
        return Frequency(count, every * WEEKS_PER_YEAR)
    return None


def _normalise(text: str) -> str:
    text = text.strip().lower().replace("\u00a0", " ")
    text = re.sub(r"[,;!]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    # "hver 14. dag" keeps its ordinal dot; "1x om ugen" is "1 gang om ugen".
    text = re.sub(r"(\d+)\s*x\b", r"\1 gang", text)
    return text


def parse_frequency(text: str) -> Frequency | None:
    """n contacts per k weeks from a Danish phrasing, or None when it does not parse with
    certainty (the commitment is then flagged for the therapist)."""
    text = _normalise(text)
    if not text:
        return None
    try:
        if match := _COUNT_PER.match(text):
            count, ordinal, every_num, unit = (
                match.group(1),
                match.group(2),
                match.group(3),
                match.group(4),
            )
            every = _number(every_num or ordinal) if (every_num or ordinal) else 1
            return _from_unit(_number(count), every, unit)
        if match := _EVERY.match(text):
            return _from_unit(1, _number(match.group(1)), match.group(2))
        if match := _ADVERB.match(text):
            count = _number(match.group(1))
            unit = {"daglig": "dag", "ugentlig": "uge", "månedlig": "måned", "årlig": "år"}[
                match.group(2)
            ]
            return _from_unit(count, 1, unit)
    except (KeyError, ValueError):
        return None
    return None


def frequency_text(contacts_per_period: int, period_weeks: int) -> str:
    """A short text of n per k weeks, in the words of the parser (Danish, as stored text)."""
    times = "gang" if contacts_per_period == 1 else "gange"
    if period_weeks == 1:
        return f"{contacts_per_period} {times} om ugen"
    return f"{contacts_per_period} {times} hver {period_weeks}. uge"
