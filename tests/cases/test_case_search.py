"""Search by the date part of a CPR number, and a results summary that reads naturally
(issue 18). The term is POSTed and kept in the session, never in a URL."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.cpr import cpr_date_part
from cases.selectors import case_list_for
from tests import factories
from tests.clock import TODAY
from tests.paging import counted_summary, page_link, results_summary

pytestmark = pytest.mark.usefixtures("clock")

LIST = reverse("cases:list")


@pytest.fixture
def born_15_march_1990(caseworker, team_nord):
    citizen = factories.CitizenFactory(first_name="Maja", last_name="Holm", cpr="150390-1234")
    return factories.CaseFactory(team=team_nord, caseworker=caseworker, citizen=citizen)


@pytest.fixture
def born_16_march_1990(caseworker, team_nord):
    citizen = factories.CitizenFactory(first_name="Ole", last_name="Holm", cpr="160390-1234")
    return factories.CaseFactory(team=team_nord, caseworker=caseworker, citizen=citizen)


@pytest.mark.parametrize("term", ["150390", "150390-", " 150390 "])
def test_the_date_part_of_a_cpr_number_finds_the_citizen(
    client, caseworker, born_15_march_1990, born_16_march_1990, term
):
    client.force_login(caseworker)
    posted = client.post(LIST, {"q": term})
    assert posted.status_code == 302
    assert "150390" not in posted.url

    html = client.get(posted.url).content.decode()

    assert born_15_march_1990.number in html
    assert born_16_march_1990.number not in html
    # Masked in the results: the serial is never shown in a list.
    assert "150390-XXXX" in html
    assert "150390-1234" not in html


def test_the_date_part_search_is_one_database_filter(caseworker, born_15_march_1990):
    cases = case_list_for(caseworker, search="150390", today=TODAY)
    sql = str(cases.query)
    assert "LIKE" in sql.upper()
    assert [c.pk for c in cases] == [born_15_march_1990.pk]


def test_the_date_part_search_finds_nothing_outside_the_users_cases(
    client, other_team_caseworker, born_15_march_1990
):
    client.force_login(other_team_caseworker)
    client.post(LIST, {"q": "150390"})
    html = client.get(LIST).content.decode()
    assert born_15_march_1990.number not in html
    assert "Ingen sager matcher" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150390", "150390"),
        ("150390-", "150390"),
        ("290200", "290200"),  # 1900 no, 2000 yes: possible
        ("320190", None),
        ("151390", None),
        ("15039", None),
        ("1503901", None),
        ("Holm", None),
        ("150390-1234", None),  # a whole number is parse_cpr's
    ],
)
def test_cpr_date_part(text, expected):
    assert cpr_date_part(text) == expected


def test_one_result_reads_viser_1_sag(client, caseworker, case):
    client.force_login(caseworker)
    summary = results_summary(client.get(LIST).content.decode())
    assert "Viser <strong>1</strong> sag" in summary
    assert "1\u20131" not in summary
    assert "sager" not in summary


def test_one_page_of_results_reads_viser_alle_n_sager(client, caseworker, team_nord, case):
    factories.CaseFactory.create_batch(2, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    summary = results_summary(client.get(LIST).content.decode())
    assert "Viser alle <strong>3</strong> sager" in summary


def test_pages_read_viser_1_25_af_n_sager_and_a_last_single_row(client, caseworker, team_nord):
    factories.CaseFactory.create_batch(26, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    page = client.get(LIST).content.decode()
    first = counted_summary(client, page)
    last = counted_summary(client, client.get(page_link(page, "next")).content.decode())
    assert "Viser <strong>1\u201325</strong> af <strong>26</strong> sager" in first
    assert "Viser sag <strong>26</strong> af <strong>26</strong>" in last


def test_summary_in_english(client, caseworker, case):
    client.force_login(caseworker)
    html = client.get(LIST, headers={"accept-language": "en"}).content.decode()
    assert "Showing <strong>1</strong> case" in results_summary(html)
