"""The register extract files (DESIGN §7, docs/registers.md): one CSV per register and month,
with the register's variable names as column names and the register's codes in the cells
(reports.register_codes), for the municipality to check its reporting against.

The full CPR number is in these files, and only here: the registers identify citizens by it.
Anonymous alcohol clients (SUL § 141 stk. 7) are reported without one, as the alcohol register
allows; anonymous drug treatment (SEL § 101 a) is in no file at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from accounts.models import Unit

from . import register_codes as codes
from . import selectors
from .csv_export import csv_bytes
from .register_codes import Register
from .selectors.periods import Period

Row = Mapping[str, Any]
Column = tuple[str, Callable[[Row], object]]


def _cpr(row: Row) -> str:
    return "" if row["case__citizen__is_anonymous"] else row["case__citizen__cpr"] or ""


def _birth_year(row: Row) -> object:
    born = row["case__citizen__birth_date"]
    return born.year if born else ""


def _other_substances(row: Row) -> str:
    primary = row["case__primary_substance"]
    others = [value for value in row["case__substances"] or () if value != primary]
    return codes.codes_of(codes.SUBSTANCE, others)


def _field(name: str) -> Callable[[Row], object]:
    return lambda row: row[name]


def _coded(table: dict[str, str], name: str) -> Callable[[Row], object]:
    return lambda row: codes.code_of(table, row[name])


# The columns every drug register row starts with: who reports, which course and request.
_COURSE: list[Column] = [
    ("Myndighed", _field("case__team__municipality_code")),
    ("KONTAKTFORLOEBID", _field("case__number")),
    ("AnmodningID", _field("request_id")),
    ("CPR", _cpr),
    ("Koen", lambda row: codes.sex_code(_cpr(row))),
    ("Lovgrundlag", _coded(codes.LEGAL_BASIS, "row_legal_basis")),
    ("BehandlingAnmodningDato", _field("row_requested_on")),
]

# The offer link (tilbudstilknytning): the episode's provider, type and real dates.
_OFFER: list[Column] = [
    ("TilbudsportalenID", _field("offer__provider__tilbudsportalen_id")),
    ("Tilbudsnavn", _field("offer__name")),
    ("Behandlingstype", _coded(codes.TREATMENT_TYPE, "offer__treatment_type")),
    ("Henvisningsdato", _field("referral_date")),
    ("Indskrivningsdato", _field("actual_start")),
    ("Udskrivningsdato", _field("actual_end")),
    ("Udskrivningsaarsag", _coded(codes.EPISODE_END_REASON, "end_reason")),
]

# The course's end (the kontaktforløb, not the day someone closed the case) and the enrolment
# content (docs/registers.md §4.2).
_END_AND_CONTENT: list[Column] = [
    ("BehandlingAfsluttetDato", _field("case__course_ended_on")),
    ("Afslutningsaarsag", _coded(codes.COURSE_END_REASON, "case__course_end_reason")),
    ("Afslutningsstatus", _coded(codes.COURSE_END_STATUS, "case__course_end_status")),
    ("PrimaertStof", _coded(codes.SUBSTANCE, "case__primary_substance")),
    ("AndreStoffer", _other_substances),
    ("Indtagelsesmaade", _coded(codes.ROUTE_OF_USE, "case__route_of_use")),
    ("Boligsituation", _coded(codes.HOUSING, "case__housing_situation")),
    ("BoernUnder18IHjemmet", _field("case__children_in_home")),
    ("Substitutionsmedicin", _coded(codes.SUBSTITUTION, "case__substitution_medicine")),
]

COLUMNS: dict[Register, list[Column]] = {
    Register.DRUG_SOCIAL: [
        *_COURSE,
        ("Afgoerelsesdato", _field("row_decision_on")),
        ("Ivaerksaettelsesdato", _field("row_started_on")),
        ("FritValg", lambda row: codes.flag(row["free_choice"])),
        *_OFFER,
        *_END_AND_CONTENT,
    ],
    Register.DRUG_MEDICAL: [
        *_COURSE,
        ("Laegesamtaledato", _field("row_doctor_consultation_on")),
        ("Ivaerksaettelsesdato", _field("row_started_on")),
        *_OFFER,
        *_END_AND_CONTENT,
    ],
    Register.ALCOHOL: [
        ("Behandlingssted", _field("offer__provider__tilbudsportalen_id")),
        ("Tilbudsnavn", _field("offer__name")),
        ("Myndighed", _field("case__team__municipality_code")),
        ("KONTAKTFORLOEBID", _field("case__number")),
        ("CPR", _cpr),
        ("Koen", lambda row: codes.sex_code(_cpr(row))),
        ("Anonym", lambda row: codes.flag(row["case__citizen__is_anonymous"])),
        ("Foedselsaar", _birth_year),
        ("BehandlingAnmodningDato", _field("row_requested_on")),
        ("Behandlingsform", _coded(codes.TREATMENT_TYPE, "offer__treatment_type")),
        ("Indskrivningsdato", _field("actual_start")),
        ("Udskrivningsdato", _field("actual_end")),
        ("Udskrivningsaarsag", _coded(codes.ALCOHOL_DISCHARGE, "end_reason")),
        ("Boligsituation", _coded(codes.HOUSING, "case__housing_situation")),
        ("BoernUnder18IHjemmet", _field("case__children_in_home")),
    ],
}


def header(register: Register) -> list[str]:
    return [name for name, _value in COLUMNS[register]]


def extract_rows(unit: Unit, period: Period, register: Register) -> Iterator[Sequence[object]]:
    columns = COLUMNS[register]
    yield header(register)
    for row in selectors.register_extract_rows(unit=unit, period=period, register=register):
        yield [value(row) for _name, value in columns]


def register_extract_csv(*, unit: Unit, period: Period, register: Register) -> bytes:
    """The monthly extract for one register: one row per episode under way in the month."""
    return csv_bytes(extract_rows(unit, period, register))


def register_extract_filename(unit: Unit, period: Period, register: Register) -> str:
    return f"registerudtraek-{register.value}-{unit.pk}-{period.start:%Y-%m}.csv"
