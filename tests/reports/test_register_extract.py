"""The monthly register extracts, one per register (DESIGN §7, docs/registers.md): compared with
hand-written golden files (tests/reports/golden/), so a column, a code or a date that changes
shows as a diff against what a person wrote down from the register's specification."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from cases.models import AccessLog, Case, TreatmentRequest
from reports.csv_export import csv_bytes
from tests import factories

GOLDEN = Path(__file__).parent / "golden"
REGISTERS = ("stof-social", "stof-medicinsk", "alkohol")


def extract_url(unit):
    return reverse("reports:register_extract", kwargs={"unit_id": unit.pk})


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def october(team_nord, team_syd, caseworker, sydgaarden, ambulant_unit):
    """Courses around October 2026 in Team Nord (municipality 751), and one in Team Syd."""
    team_nord.municipality_code = "751"
    team_nord.save()
    sydgaarden_provider = factories.ProviderFactory(
        name="Sydgården", unit=sydgaarden, tilbudsportalen_id="TP-1001"
    )
    ambulant = factories.ProviderFactory(
        name="Rusmiddelcenter Ambulant", unit=ambulant_unit, tilbudsportalen_id="TP-2002"
    )
    residential = factories.OfferFactory(
        provider=sydgaarden_provider, name="Døgnbehandling", treatment_type="residential"
    )
    aftercare = factories.OfferFactory(
        provider=ambulant, name="Ambulant efterbehandling", treatment_type="aftercare"
    )
    medical = factories.OfferFactory(
        provider=ambulant, name="Medicinsk behandling", treatment_type="outpatient"
    )
    alcohol = factories.OfferFactory(
        provider=ambulant, name="Alkoholbehandling", treatment_type="outpatient"
    )

    # A combination course: social treatment (SEL § 101) and medical treatment (SUL § 142).
    combined = factories.CaseFactory(
        number="2026-00101",
        team=team_nord,
        caseworker=caseworker,
        status="in_treatment",
        inquiry_date=date(2026, 9, 20),
        decision_date=date(2026, 9, 25),
        substances=["cocaine", "cannabis", "opioids"],
        primary_substance="opioids",
        route_of_use="smokes",
        housing_situation="unstable",
        substitution_medicine="methadone",
        children_in_home=2,
        citizen=factories.CitizenFactory(cpr="241290-4321"),
    )
    social = combined.requests.get()
    factories.EpisodeFactory(
        case=combined,
        request=social,
        offer=residential,
        referral_date=date(2026, 9, 28),
        actual_start=date(2026, 10, 1),
        actual_end=date(2026, 10, 29),
        end_reason="completed",
    )
    factories.EpisodeFactory(
        case=combined,
        request=social,
        offer=aftercare,
        referral_date=date(2026, 10, 25),
        actual_start=date(2026, 11, 2),
        free_choice=True,
    )
    medical_request = factories.TreatmentRequestFactory(
        case=combined,
        kind=TreatmentRequest.Kind.COMBINATION,
        legal_basis="SUL142",
        requested_on=date(2026, 10, 5),
        doctor_consultation_held_on=date(2026, 10, 7),
    )
    factories.EpisodeFactory(
        case=combined,
        request=medical_request,
        offer=medical,
        referral_date=date(2026, 10, 8),
        actual_start=date(2026, 10, 12),
    )

    # Alcohol treatment, named and ended in October; and an anonymous alcohol client.
    named_alcohol = factories.CaseFactory(
        number="2026-00102",
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SUL141",
        status="closed",
        inquiry_date=date(2026, 10, 2),
        substances=["alcohol"],
        primary_substance="alcohol",
        housing_situation="stable",
        children_in_home=0,
        course_ended_on=date(2026, 10, 30),
        course_end_reason="completed",
        citizen=factories.CitizenFactory(cpr="010180-2468", birth_date=date(1980, 1, 1)),
    )
    factories.EpisodeFactory(
        case=named_alcohol,
        offer=alcohol,
        referral_date=date(2026, 10, 3),
        actual_start=date(2026, 10, 6),
        actual_end=date(2026, 10, 30),
        end_reason="wanted_stop",
    )
    anonymous_alcohol = factories.CaseFactory(
        number="2026-00103",
        team=team_nord,
        legal_basis="SUL141",
        status="in_treatment",
        inquiry_date=date(2026, 10, 9),
        citizen=factories.CitizenFactory(
            is_anonymous=True, cpr=None, alias="Ravn", birth_date=date(1975, 5, 5)
        ),
    )
    factories.EpisodeFactory(
        case=anonymous_alcohol,
        offer=alcohol,
        referral_date=date(2026, 10, 9),
        actual_start=date(2026, 10, 10),
    )

    # Never in any extract: anonymous drug treatment (SEL § 101 a), a course that ended before
    # October, another team's course.
    anonymous_drug = factories.CaseFactory(
        number="2026-00104",
        team=team_nord,
        legal_basis="SEL101A",
        inquiry_date=date(2026, 10, 1),
        citizen=factories.CitizenFactory(is_anonymous=True, cpr=None, alias="Due"),
    )
    factories.EpisodeFactory(case=anonymous_drug, offer=aftercare, actual_start=date(2026, 10, 2))
    earlier = factories.CaseFactory(
        number="2026-00105", team=team_nord, inquiry_date=date(2026, 5, 1)
    )
    factories.EpisodeFactory(
        case=earlier,
        offer=aftercare,
        referral_date=date(2026, 5, 2),
        actual_start=date(2026, 5, 5),
        actual_end=date(2026, 9, 30),
        end_reason="completed",
    )
    other_team = factories.CaseFactory(
        number="2026-00106", team=team_syd, inquiry_date=date(2026, 10, 3)
    )
    factories.EpisodeFactory(case=other_team, offer=aftercare, actual_start=date(2026, 10, 6))
    return {"social": social.pk, "medical": medical_request.pk}


def golden(register: str, ids: dict[str, int]) -> str:
    """The hand-written file, with the requests' database ids put in for {social} etc."""
    return (GOLDEN / f"{register}.csv").read_text(encoding="utf-8").format(**ids)


@pytest.mark.parametrize("register", REGISTERS)
def test_each_extract_equals_its_golden_file(client, manager, team_nord, october, register):
    client.force_login(manager)
    response = client.get(extract_url(team_nord), {"register": register, "maaned": "2026-10"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="registerudtraek-{register}-{team_nord.pk}-2026-10.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert text.replace("\r\n", "\n") == golden(register, october)
    assert "\r\n" in text


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
    column = header_index(response, "Boligsituation")
    assert {row[column] for row in rows_of(response.content)[1:]} == {"institution"}


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
