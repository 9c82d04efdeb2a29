"""Which register a course goes to, and the code each register file carries for an Overgang
value (docs/registers.md §4). Pure: no framework, so each table is tested on its own against the
product's choices (tests/reports/test_register_codes.py), and replacing a working code with the
register's confirmed code is a change in one line here.

The codes are Overgang's working lists of docs/registers.md §4.5 until someone with the
municipality's SMDB access has checked them against the current variable list; every table that
is not confirmed says so.
"""

from __future__ import annotations

from enum import StrEnum


class Register(StrEnum):
    """One extract per register (DESIGN §7)."""

    # Stofmisbrugsdatabasen, VBGS myndighedsdel: social treatment (SEL § 101, BL § 33).
    DRUG_SOCIAL = "stof-social"
    # Stofmisbrugsdatabasen, SIB: medical treatment under SUL § 142.
    DRUG_MEDICAL = "stof-medicinsk"
    # Det Nationale Alkoholbehandlingsregister (NAB): SUL § 141.
    ALCOHOL = "alkohol"


# Anonymous treatment under SEL § 101 a is reported nowhere (docs/registers.md §1).
REGISTER_OF_BASIS: dict[str, Register | None] = {
    "SEL101": Register.DRUG_SOCIAL,
    "BL33": Register.DRUG_SOCIAL,
    "SUL142": Register.DRUG_MEDICAL,
    "SUL141": Register.ALCOHOL,
    "SEL101A": None,
}


def bases_of(register: Register) -> tuple[str, ...]:
    """The legal bases whose requests go to the register."""
    return tuple(basis for basis, owner in REGISTER_OF_BASIS.items() if owner is register)


# Lovgrundlag. Uncertain: the register's own codes (docs/registers.md §4.1).
LEGAL_BASIS = {"SEL101": "SEL101", "BL33": "BL33", "SUL142": "SUL142", "SUL141": "SUL141"}

# Behandlingstype / tilbudstype. Uncertain (docs/registers.md §4.5); anonymous treatment is in
# no extract, so it has no code.
TREATMENT_TYPE = {
    "outpatient": "ambulant",
    "day": "dag",
    "residential": "doegn",
    "detox": "afrusning",
    "aftercare": "efterbehandling",
}

# Afslutningsårsag of an episode (the offer link's end), the drug register's list as Overgang
# records it (treatment_options.EndReason). Uncertain: the register's numeric codes.
EPISODE_END_REASON = {
    "completed": "faerdigbehandlet",
    "other_offer": "andet_tilbud",
    "hospital": "hospital",
    "kriminalforsorgen": "kriminalforsorgen",
    "moved": "flyttet",
    "no_show": "udeblevet",
    "expelled": "bortvist",
    "wanted_stop": "oensket_stop",
    "death": "doed",
    "other": "andet",
}

# Afslutningsårsag of the course (kontaktforløb; cases.CourseEndReason). Uncertain.
COURSE_END_REASON = {
    "completed": "gennemfoert",
    "dropped_out": "frafald",
    "other_offer": "andet_tilbud",
    "moved": "flyttet",
    "death": "doed",
    "no_treatment": "ikke_ivaerksat",
    "other": "andet",
}

# Afslutningsstatus: the citizen's use at the end (cases.CourseEndStatus). Uncertain: DST
# publishes only the groups stoffri / reduceret-stabiliseret / andet (docs/registers.md §4.1).
COURSE_END_STATUS = {
    "drug_free": "stoffri",
    "reduced": "reduceret",
    "stabilised": "stabiliseret",
    "worsened": "forvaerret",
    "unknown": "uoplyst",
}

# Udskrivningsårsag in the alcohol register: the first three groups are NAB's published ones
# (docs/registers.md §4.3); the rest are uncertain.
ALCOHOL_DISCHARGE = {
    "completed": "faerdigbehandlet",
    "wanted_stop": "udskrevet_mod_givet_raad",
    "no_show": "udskrevet_uden_afsluttende_samtale",
    "expelled": "udskrevet_uden_afsluttende_samtale",
    "death": "doed",
    "moved": "flyttet",
    "other_offer": "andet",
    "hospital": "andet",
    "kriminalforsorgen": "andet",
    "other": "andet",
}

# Stoffer (cases.Substance): coarser than the TDI groups SIB follows. Uncertain.
SUBSTANCE = {
    "alcohol": "alkohol",
    "cannabis": "cannabis",
    "cocaine": "kokain",
    "amphetamine": "amfetamin",
    "opioids": "opioider",
    "benzodiazepines": "benzodiazepiner",
    "other": "andet",
}

# Indtagelsesmåde (cases.RouteOfUse), TDI-shaped. Uncertain.
ROUTE_OF_USE = {
    "injects": "injicerer",
    "smokes": "ryger",
    "oral": "spiser_drikker",
    "sniffs": "sniffer",
    "other": "andet",
    "unknown": "uoplyst",
}

# Boligsituation (cases.HousingSituation), TDI-shaped. Uncertain.
HOUSING = {
    "stable": "stabil",
    "unstable": "ustabil",
    "institution": "institution",
    "unknown": "uoplyst",
}

# Substitutionsstof (cases.SubstitutionMedicine). Uncertain.
SUBSTITUTION = {
    "none": "ingen",
    "methadone": "metadon",
    "buprenorphine": "buprenorphin",
    "buprenorphine_naloxone": "buprenorphin_naloxon",
    "diacetylmorphine": "diacetylmorphin",
    "other": "andet",
}

# Køn: the register's 1 (man) and 2 (woman), from the CPR number's last digit (odd: man).
MAN, WOMAN = "1", "2"


def code_of(table: dict[str, str], value: str | None) -> str:
    """The register's code for a recorded value; empty when nothing is recorded. A value the
    table does not know raises KeyError: a new choice must get its code before it is reported."""
    if not value:
        return ""
    return table[value]


def codes_of(table: dict[str, str], values: list[str] | None) -> str:
    """Several values (the other substances) as their codes, joined by commas in the table's
    order, so the same set always gives the same cell."""
    chosen = set(values or ())
    unknown = chosen - set(table)
    if unknown:
        raise KeyError(sorted(unknown)[0])
    return ",".join(code for value, code in table.items() if value in chosen)


def sex_code(cpr: str | None) -> str:
    """The sex the register derives from a CPR number (DDMMYY-SSSS or 10 digits); empty when
    there is none (anonymous clients)."""
    digits = "".join(ch for ch in (cpr or "") if ch.isdigit())
    if len(digits) != 10:
        return ""
    return MAN if int(digits[-1]) % 2 else WOMAN


def flag(value: bool) -> str:
    """Yes/no as the register's 1/0."""
    return "1" if value else "0"
