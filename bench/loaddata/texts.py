"""The Danish texts the data is drawn from: names, streets, postal districts, inquiry notes and
plan sections, and the small helpers that make e-mail addresses and phone numbers."""

from __future__ import annotations

import random

from transitions.models import PlanSectionKey

INQUIRY_NOTES = (
    "Henvendt sig selv på rådgivningen.",
    "Henvist af egen læge.",
    "Pårørende har kontaktet kommunen.",
    "Henvist fra jobcentret.",
    "Udskrevet fra hospital; ønsker behandling.",
)


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


MALE = _words(
    "Peter Jens Lars Michael Henrik Thomas Søren Jan Niels Anders Martin Christian Morten Jesper "
    "Mads Rasmus Mikkel Kasper Frederik Mathias Jonas Emil Oliver Lucas William Magnus Nikolaj "
    "Kim Brian Dennis Allan Bo Claus Kenneth Ole Poul Steen Tobias Simon Jakob Ali Omar"
)
FEMALE = _words(
    "Anne Kirsten Mette Hanne Helle Susanne Lene Maria Marianne Camilla Louise Charlotte Pia Tina "
    "Gitte Bente Line Julie Sofie Emma Ida Laura Cecilie Sara Christina Rikke Heidi Malene Nanna "
    "Freja Mathilde Signe Karina Lone Birgitte Dorthe Jette Trine Stine Amalie Fatima Aisha"
)
LAST = _words(
    "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
    "Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen "
    "Knudsen Jakobsen Jacobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Holm "
    "Eriksen Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Østergaard Jeppesen "
    "Vestergaard Nissen Lauridsen Kjær Jepsen Mogensen Skov Dam Bach Friis Bak Dahl Hedegaard "
    "Ahmed Ali Hussein Yilmaz Nguyen Kowalski Abdi"
)
STREETS = _words(
    "Nørrebrogade|Jagtvej|Amagerbrogade|Vesterbrogade|Istedgade|Frederikssundsvej|Tagensvej|"
    "Valby Langgade|Roskildevej|Gammel Kongevej|Østerbrogade|Hillerødgade|Ålholmvej|"
    "Englandsvej|Peter Bangs Vej|Bispebjergvej|Tomsgårdsvej|Godthåbsvej|Sundholmsvej|Folehaven",
    "|",
)
POSTAL = [
    ("2200", "København N"),
    ("2100", "København Ø"),
    ("2300", "København S"),
    ("1620", "København V"),
    ("2400", "København NV"),
    ("2450", "København SV"),
    ("2500", "Valby"),
    ("2700", "Brønshøj"),
    ("2720", "Vanløse"),
    ("2000", "Frederiksberg"),
    ("2610", "Rødovre"),
    ("2650", "Hvidovre"),
    ("2770", "Kastrup"),
]


PLAN_TEXTS: dict[str, list[str]] = {
    PlanSectionKey.LEARNED: [
        "Har lært at genkende sine triggere og at bede om hjælp i tide.",
        "Ved nu, at weekender alene er den største risiko.",
    ],
    PlanSectionKey.GOALS: [
        "Stoffrihed, egen bolig og et fast dagligt holdepunkt.",
        "Reducere forbruget og holde fast i aftalerne med ambulant behandler.",
    ],
    PlanSectionKey.NETWORK: [
        "Kontakt til søster genoptaget. Deltager i NA-møder to gange om ugen.",
        "Har få relationer uden rusmidler; mentorordning aftalt.",
    ],
    PlanSectionKey.DAILY: [
        "Fast døgnrytme, motion tre gange om ugen, værested om eftermiddagen.",
        "Dagbehandling de første fire uger efter udskrivning.",
    ],
    PlanSectionKey.WORK: [
        "Jobcenter indkaldes til møde om praktik efter udskrivning.",
        "Ønsker at genoptage uddannelse; studievejleder kontaktet.",
    ],
    PlanSectionKey.HOUSING: [
        "Bor i egen lejlighed; bostøtte bevilget i tre måneder.",
        "Venter på bolig via boligsocial anvisning; midlertidigt på forsorgshjem.",
    ],
    PlanSectionKey.HEALTH: [
        "Egen læge orienteret. Psykiatrisk udredning afventer.",
        "Metadonbehandling fortsætter via rusmiddelcentret.",
    ],
    PlanSectionKey.LEGAL: [
        "Ingen verserende sager.",
        "Tilsyn hos Kriminalforsorgen; aftale om fælles møde.",
    ],
    PlanSectionKey.FINANCES: [
        "Gæld til SKAT; gældsrådgivning aftalt.",
        "Budget lagt med rådgiver; huslejen trækkes automatisk.",
    ],
    PlanSectionKey.RELAPSE: [
        "Tegn: isolation, søvnproblemer, kontakt til gamle venner. Ringer da til behandler.",
        "Ved tilbagefald kontaktes ambulant behandler samme dag; plan for afrusning findes.",
    ],
}


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "."})
    return text.lower().translate(table)


def phone_number(rng: random.Random) -> str:
    pairs = " ".join(f"{rng.randint(10, 99)}" for _ in range(3))
    return f"+45 {rng.randint(20, 61)} {pairs}"
