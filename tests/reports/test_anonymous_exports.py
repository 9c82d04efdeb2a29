"""Anonymous citizens stay anonymous (SEL § 101 a, DESIGN §7): no CPR number and no name in any
export, and no § 101 a course in the register extract at all."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from reports import documents
from reports.selectors import Period
from tests import factories
from tests.reports.conftest import pdf_text
from tests.reports.test_register_extract import extract_url, rows_of
from treatment_options.models import Episode

ALIAS = "ALIASRAVN"
# Markers an anonymous citizen's row must never carry into an export, even if the row holds
# them by mistake (a name typed before the case became anonymous).
NAME = "NAVNEMARKOR"
CPR = "010203-9999"


@pytest.fixture
def anonymous_case(team_nord, caseworker, outpatient_offer):
    citizen = factories.CitizenFactory(
        is_anonymous=True, cpr=None, alias=ALIAS, first_name=NAME, last_name=NAME, birth_date=None
    )
    case = factories.CaseFactory(
        citizen=citizen,
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SEL101A",
        inquiry_date=date(2026, 10, 1),
        treatment_started_on=date(2026, 10, 5),
    )
    Episode.objects.create(
        case=case,
        offer=outpatient_offer,
        referral_date=date(2026, 10, 2),
        actual_start=date(2026, 10, 5),
    )
    return case


def test_register_extract_has_no_row_for_a_sel_101a_course(
    client, manager, team_nord, anonymous_case
):
    client.force_login(manager)
    for register in ("stof-social", "stof-medicinsk", "alkohol"):
        response = client.get(extract_url(team_nord), {"register": register, "maaned": "2026-10"})

        assert response.status_code == 200
        header, *rows = rows_of(response.content)
        number = header.index("KONTAKTFORLOEBID")
        assert [row for row in rows if row[number] == anonymous_case.number] == []
        body = response.content.decode("utf-8-sig")
        assert ALIAS not in body
        assert NAME not in body


def test_case_report_shows_the_alias_and_never_a_name_or_cpr(client, caseworker, anonymous_case):
    client.force_login(caseworker)
    response = client.get(
        reverse("reports:case_report", kwargs={"case_id": anonymous_case.pk}), {"fuldt_cpr": "on"}
    )

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert ALIAS in text
    assert NAME not in text
    assert "CPR-nummer" not in text


def test_external_report_shows_the_alias_and_never_a_name(client, caseworker, anonymous_case):
    consent = factories.ConsentFactory(
        case=anonymous_case, information_kinds=["identity", "case_status"], recorded_by=caseworker
    )
    client.force_login(caseworker)
    response = client.post(
        reverse("reports:external_case_report", kwargs={"case_id": anonymous_case.pk}),
        {"samtykke": consent.pk},
    )

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert ALIAS in text
    assert NAME not in text
    assert "CPR-nummer" not in text


@pytest.mark.parametrize("file_format", ["pdf", "csv"])
def test_manager_report_never_names_an_anonymous_citizen(
    team_nord, manager, anonymous_case, file_format
):
    """A guard that already holds: the manager report counts cases and names none."""
    period = Period(date(2026, 10, 1), date(2026, 10, 31))
    make = documents.manager_report_pdf if file_format == "pdf" else documents.manager_report_csv
    content = make(unit=team_nord, period=period, user=manager, today=date(2026, 11, 23))

    text = pdf_text(content) if file_format == "pdf" else content.decode("utf-8-sig")
    assert ALIAS not in text
    assert NAME not in text
