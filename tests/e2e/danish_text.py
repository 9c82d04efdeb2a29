"""Is there Danish in this text? A small, pure detector for the English browser journey
(issue 18: "the English journey shows no Danish text outside an allow-list of Danish legal names").

`danish_findings(text)` returns one `Finding` per line of `text` that still reads Danish: a line
with a common Danish word (DANISH_WORDS) or any word spelt with æ, ø or å, after the allow-listed
names (ALLOWED_NAMES) are taken out. It knows no Django and no browser, so it is unit-tested on
its own (tests/test_danish_text.py) and the journey provably can fail.

The word list holds only words that are not also English: "for", "i", "at", "men", "man",
"under", "over", "to", "fire", "min", "side", "plan", "hold", "sin", "os", "gem", "send", "felt",
"mere" and "timer" are left out on purpose, because an English page is full of them. Whole
Danish sentences still give themselves away by the words around those ("Sagen er oprettet":
"sagen", "er").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORDS = """
    og ikke sag sagen sager sagens sagerne borger borgeren borgere borgerens borgers
    behandling behandlingen behandler behandleren behandlere dag dage dagen uge uger ugen
    af på med til der det er en et den de dem som har havde kan skal vil ville ved fra
    eller hvis hvor hvad hvem hvornår hvorfor ingen intet alle efter mellem uden inden
    også kun nu igen endnu flere meget mange samme hele ny nyt nye gemt opret oprettet
    vis viser vælg søg tilbage frist fristen fristerne afgørelse afgørelsen anmodning anmodninger
    henvendelse henvendelsen tidslinje møde møder mødet notat notater notatet samtykke samtykker
    kontakter indbakke rapport rapporter rapporten overgang overgangen udskrivning udskrevet
    forløb forløbet ja nej dato tidspunkt kl skift sprog ud ind logget bruger brugere brugernavn
    adgangskode navn adresse formål hjælp fejl felter antal siden sidste næste første
    om du dig din dit dine jeg mig vi jer han hun sig sit sine blev bliver være været var
    få fået gør gjort se sendt hent gennemført gennemfør bekræft bekræftet afslut afsluttet
    aftalt aftale indsats indsatser handling handlinger ansvarlig opgave opgaver uddrag
    ændret ændring ændringer oversigt detaljer beskrivelse tekst teksten senest seneste
    måned måneder år minutter lige siden hvert hver hvornår endelig foreløbig
    læst ulæst markér annuller annullér tilføj fjern slet rediger gemme afsnit regel
    tjek samtale samtaler lovgrundlag anmodet modtaget modtager afsender godkend
"""
DANISH_WORDS = frozenset(_WORDS.split())

# Danish names a page may show in English too; each entry says why it stays Danish. Matched as
# whole words, case-sensitively, and taken out of the text before the words are looked at.
ALLOWED_NAMES = (
    # Laws, registers and authorities: proper names, cited in Danish in English documents too.
    "Serviceloven",
    "Barnets lov",
    "Sundhedsloven",
    "Retsplejeloven",
    "Forvaltningsloven",
    "forvaltningsloven",
    "Kriminalforsorgen",
    "Stofmisbrugsdatabasen",
    "Danmarks Statistik",
    # The product's own name (in the header of every page), and the language switch, which
    # names each language in its own language.
    "Overgang",
    "Dansk",
    # People, units, providers, offers and places of the journey's test data (tests/conftest.py
    # and tests/e2e/test_english_journey.py): names, not text to translate.
    "Karin Sagsbehandler",
    "Dorte Døgn",
    "Anders Ambulant",
    "Lise Leder",
    "Ada Admin",
    "Mette Hansen",
    "Team Nord",
    "Sydgården",
    "Rusmiddelcenter Ambulant",
    "Døgnbehandling",
    "Ambulant efterbehandling",
    "Nørregade",
)

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
_DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")


@dataclass(frozen=True)
class Finding:
    """A line that reads Danish, and the words that gave it away."""

    line: str
    words: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.line!r}  ({', '.join(self.words)})"


def _without_names(line: str, allowed: Iterable[str]) -> str:
    for name in allowed:
        line = re.sub(rf"(?<![\wæøåÆØÅ]){re.escape(name)}(?![\wæøåÆØÅ])", " ", line)
    return line


def danish_words(line: str, allowed: Iterable[str] = ALLOWED_NAMES) -> tuple[str, ...]:
    """The words of `line` that are Danish, in the order they stand, each once."""
    found: list[str] = []
    for word in _WORD.findall(_without_names(line, allowed)):
        lower = word.lower()
        if (lower in DANISH_WORDS or _DANISH_LETTERS.search(word)) and lower not in found:
            found.append(lower)
    return tuple(found)


def danish_findings(text: str, allowed: Iterable[str] = ALLOWED_NAMES) -> list[Finding]:
    """Every line of `text` with Danish in it (see the module's docstring)."""
    allowed = tuple(allowed)
    findings = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        words = danish_words(line, allowed)
        if words:
            findings.append(Finding(line=line[:200], words=words))
    return findings


# English dates have one style (docs/architecture.md, "Dates"): "14 January 2027" and
# "14 January 2027, 10:00". These are the other styles seen on English pages.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
BAD_ENGLISH_DATES = {
    "Danish ordinal dot before a month": re.compile(rf"\b\d{{1,2}}\. (?:{_MONTHS})\b"),
    "12-hour clock": re.compile(r"\b\d{1,2}(?::\d\d)? ?[ap]\.m\.", re.IGNORECASE),
    "Danish numeric date": re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b"),
    # Not a date, but the same kind of slip: a plural written "week(s)" instead of ngettext.
    "plural in brackets": re.compile(r"\b\w+\((?:s|e|er|r)\)"),
    "ISO date in running text": re.compile(r"(?<![\w/=-])\d{4}-\d{2}-\d{2}(?![\w/-])"),
}


def date_style_findings(text: str) -> list[Finding]:
    """Every line of an English page with a date not in the English style, or a plural
    written "week(s)"."""
    findings = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        words = tuple(name for name, pattern in BAD_ENGLISH_DATES.items() if pattern.search(line))
        if words:
            findings.append(Finding(line=line[:200], words=words))
    return findings
