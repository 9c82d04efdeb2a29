"""The monthly register extracts, one per register (DESIGN §7, docs/registers.md): compared with
hand-written golden files (tests/reports/golden/), so a column, a code or a date that changes
shows as a diff against what a person wrote down from the register's specification."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse

from cases.models import AccessLog, Case
from reports.csv_export import csv_bytes

GOLDEN = Path(__file__).parent / "golden"
REGISTERS = ("stof-social", "stof-medicinsk", "alkohol")


def extract_url(unit):
    return reverse("reports:register_extract", kwargs={"unit_id": unit.pk})


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def golden(register: str, ids: dict[str, int]) -> bytes:
    """The hand-written file (tests/reports/golden/, one line per row as a person reads it) as
    the bytes the product must write: the requests' database ids put in for {r101} and so on,
    a byte-order mark first and CRLF line ends, as docs/registers.md §3 says."""
    text = (GOLDEN / f"{register}.csv").read_text(encoding="utf-8").format(**ids)
    return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")


@pytest.mark.parametrize("register", REGISTERS)
def test_each_extract_equals_its_golden_file(client, manager, team_nord, october, register):
    client.force_login(manager)
    response = client.get(extract_url(team_nord), {"register": register, "maaned": "2026-10"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="registerudtraek-{register}-{team_nord.pk}-2026-10.csv"'
    )
    # Byte for byte.
    assert response.content == golden(register, october)


def test_anonymous_drug_treatment_is_in_no_extract_not_even_without_cpr(
    client, manager, team_nord, october
):
    client.force_login(manager)
    for register in REGISTERS:
        response = client.get(extract_url(team_nord), {"register": register, "maaned": "2026-10"})
        numbers = {
            row[header_index(response, "KONTAKTFORLOEBID")] for row in rows_of(response.content)[1:]
        }
        assert "2026-00104" not in numbers
        assert "2026-00106" not in numbers  # Team Syd's


def header_index(response, name: str) -> int:
    return rows_of(response.content)[0].index(name)


def test_the_extract_follows_a_correction_of_the_enrolment_content(
    client, manager, team_nord, october
):
    Case.objects.filter(number="2026-00101").update(housing_situation="institution")
    client.force_login(manager)
    response = client.get(extract_url(team_nord), {"register": "stof-social", "maaned": "2026-10"})
    column, number = (
        header_index(response, "Boligsituation"),
        header_index(response, "KONTAKTFORLOEBID"),
    )
    rows = [row for row in rows_of(response.content)[1:] if row[number] == "2026-00101"]
    # The correction shows in the ustabil -> institution cell of both of its rows (code, not label).
    assert [row[column] for row in rows] == ["institution", "institution"]


def test_extract_is_written_to_the_access_log_with_its_register(
    client, manager, team_nord, october
):
    client.force_login(manager)
    client.get(extract_url(team_nord), {"register": "alkohol", "maaned": "2026-10"})
    entry = AccessLog.objects.get()
    assert (entry.object_type, entry.action, entry.unit_id_logged, entry.object_id) == (
        "register_extract",
        "export",
        team_nord.pk,
        "alkohol:2026-10",
    )


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [("caseworker", 403), ("outpatient_therapist", 403), ("other_unit_manager", 404)],
)
def test_only_the_units_manager_gets_the_extract(
    client, request, team_nord, user_fixture, expected
):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(extract_url(team_nord), {"register": "stof-social", "maaned": "2026-10"})
    assert response.status_code == expected
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"register": "stof-social", "maaned": "1999-01"},
        {"register": "anonym", "maaned": "2026-10"},
        {"maaned": "2026-10"},
    ],
)
def test_unknown_month_or_register_is_refused_with_the_form(client, manager, team_nord, params):
    client.force_login(manager)
    response = client.get(extract_url(team_nord), params)
    assert response.status_code == 400
    assert "Der er fejl i formularen" in response.content.decode()
    assert not AccessLog.objects.exists()


def test_text_that_excel_would_run_as_a_formula_is_defused():
    content = csv_bytes([['=HYPERLINK("x")', "+45 1234", "Behandlingssted; Nord", 3, 12.5]])
    (row,) = rows_of(content)
    assert row == ['\'=HYPERLINK("x")', "'+45 1234", "Behandlingssted; Nord", "3", "12,5"]
