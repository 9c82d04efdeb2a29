"""The monthly register extract for Stofmisbrugsdatabasen (DESIGN §7)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from cases.models import AccessLog
from reports.csv_export import csv_bytes
from tests import factories
from treatment_options.models import Episode


def extract_url(unit):
    return reverse("reports:register_extract", kwargs={"unit_id": unit.pk})


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def october_episodes(team_nord, team_syd, caseworker, residential_offer, outpatient_offer):
    """Episodes around October 2026 in Team Nord, and one in Team Syd."""
    named = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        inquiry_date=date(2026, 9, 20),
        treatment_started_on=date(2026, 10, 1),
        citizen=factories.CitizenFactory(cpr="241290-4321", first_name="Jens"),
    )
    Episode.objects.create(
        case=named,
        offer=residential_offer,
        referral_date=date(2026, 9, 28),
        actual_start=date(2026, 10, 1),
        actual_end=date(2026, 10, 29),
        end_reason="no_show",
    )
    Episode.objects.create(
        case=named,
        offer=outpatient_offer,
        referral_date=date(2026, 10, 25),
        actual_start=date(2026, 11, 2),
        free_choice=True,
    )
    anonymous = factories.CaseFactory(
        team=team_nord,
        legal_basis="SEL101A",
        inquiry_date=date(2026, 8, 1),
        treatment_started_on=date(2026, 8, 3),
        citizen=factories.CitizenFactory(
            is_anonymous=True, cpr=None, alias="Ravn", birth_date=None
        ),
    )
    Episode.objects.create(
        case=anonymous,
        offer=outpatient_offer,
        referral_date=date(2026, 8, 1),
        actual_start=date(2026, 8, 3),
    )
    # Ended before October: not in the October extract.
    earlier = factories.CaseFactory(team=team_nord, inquiry_date=date(2026, 5, 1))
    Episode.objects.create(
        case=earlier,
        offer=outpatient_offer,
        referral_date=date(2026, 5, 2),
        actual_start=date(2026, 5, 5),
        actual_end=date(2026, 9, 30),
        end_reason="completed",
    )
    other_team = factories.CaseFactory(team=team_syd, inquiry_date=date(2026, 10, 3))
    Episode.objects.create(
        case=other_team,
        offer=outpatient_offer,
        referral_date=date(2026, 10, 3),
        actual_start=date(2026, 10, 6),
    )
    return named, anonymous


def test_extract_has_one_row_per_episode_under_way_in_the_month(
    client, manager, team_nord, october_episodes
):
    named, _anonymous = october_episodes
    client.force_login(manager)
    response = client.get(extract_url(team_nord), {"maaned": "2026-10"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="registerudtraek-{team_nord.pk}-2026-10.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, *rows = rows_of(response.content)
    assert header == [
        "Sagsnummer", "CPR-nummer", "Lovgrundlag", "Anmodningsdato", "Behandlingsstart",
        "Behandlingssted", "Tilbudsportalen-id", "Tilbud", "Behandlingstype", "Henvisningsdato",
        "Indskrivningsdato", "Udskrivningsdato", "Frit valg", "Afslutningsdato",
        "Afslutningsårsag",
    ]  # fmt: skip
    by_number: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_number.setdefault(row[0], []).append(dict(zip(header, row, strict=True)))
    # SEL § 101 a: the anonymous course is in no register extract (DESIGN §7).
    assert sorted(by_number) == [named.number]

    residential, outpatient = by_number[named.number]
    # The full CPR: the register identifies citizens by it (and only this file holds it).
    assert residential["CPR-nummer"] == "241290-4321"
    assert residential["Anmodningsdato"] == "20-09-2026"
    assert residential["Behandlingsstart"] == "01-10-2026"
    assert residential["Behandlingssted"] == "Sydgården"
    assert residential["Behandlingstype"] == "Døgnbehandling"
    assert residential["Indskrivningsdato"] == "01-10-2026"
    assert residential["Udskrivningsdato"] == "29-10-2026"
    assert residential["Afslutningsårsag"] == "Udeblevet"
    assert residential["Frit valg"] == "Nej"
    assert outpatient["Frit valg"] == "Ja"
    assert outpatient["Indskrivningsdato"] == "02-11-2026"
    assert outpatient["Udskrivningsdato"] == ""


def test_extract_is_written_to_the_access_log(client, manager, team_nord, october_episodes):
    client.force_login(manager)
    client.get(extract_url(team_nord), {"maaned": "2026-10"})
    entry = AccessLog.objects.get()
    assert (entry.object_type, entry.action, entry.unit_id_logged, entry.object_id) == (
        "register_extract",
        "export",
        team_nord.pk,
        "2026-10",
    )


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [("caseworker", 403), ("outpatient_therapist", 403), ("other_unit_manager", 404)],
)
def test_only_the_units_manager_gets_the_extract(
    client, request, team_nord, user_fixture, expected
):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(extract_url(team_nord), {"maaned": "2026-10"}).status_code == expected
    assert not AccessLog.objects.exists()


def test_unknown_month_is_refused(client, manager, team_nord):
    client.force_login(manager)
    response = client.get(extract_url(team_nord), {"maaned": "1999-01"})
    assert response.status_code == 400
    assert not AccessLog.objects.exists()


def test_text_that_excel_would_run_as_a_formula_is_defused():
    content = csv_bytes([['=HYPERLINK("x")', "+45 1234", "Behandlingssted; Nord", 3, 12.5]])
    (row,) = rows_of(content)
    assert row == ['\'=HYPERLINK("x")', "'+45 1234", "Behandlingssted; Nord", "3", "12,5"]
