"""The case list's total, loaded after the page (issue 17): a list longer than a page is shown
without counting it, and its summary with the total comes from cases:list_count under the same
search, filters and visibility; a single page is counted by the page itself."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import AccessLog
from tests import factories
from tests.paging import counted_summary, results_summary

from .test_query_counts import LIST_BOUND

pytestmark = pytest.mark.usefixtures("clock")

LIST = reverse("cases:list")
COUNT = reverse("cases:list_count")


def summary_of(response) -> str:
    assert response.status_code == 200
    return results_summary(response.content.decode())


def test_a_long_list_is_shown_without_its_total_and_loads_it(client, caseworker, team_nord):
    factories.CaseFactory.create_batch(30, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    page = client.get(LIST, {"status": "all"}).content.decode()
    shown = results_summary(page)
    assert "Viser sagerne <strong>1\u201325</strong>" in shown
    assert "af" not in shown.replace('hx-get="', "")
    assert f'hx-get="{COUNT}?status=all&amp;start=1&amp;end=25"' in shown
    assert counted_summary(client, page) == (
        '<p class="results-summary" role="status">'
        " Viser <strong>1\u201325</strong> af <strong>30</strong> sager"
    )


def test_a_single_page_is_counted_by_the_page(client, caseworker, team_nord):
    factories.CaseFactory.create_batch(3, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    shown = summary_of(client.get(LIST, {"status": "all"}))
    assert "Viser alle <strong>3</strong> sager" in shown
    assert "hx-get" not in shown


def test_the_total_counts_only_the_cases_the_user_may_see_under_the_filters(
    client, caseworker, other_team_caseworker, team_nord, team_syd
):
    factories.CaseFactory.create_batch(27, team=team_nord, caseworker=caseworker)
    factories.CaseFactory.create_batch(40, team=team_syd, caseworker=other_team_caseworker)
    client.force_login(caseworker)
    summary = summary_of(client.get(COUNT, {"status": "all", "start": 1, "end": 25}))
    assert "af <strong>27</strong> sager" in summary
    closed = summary_of(client.get(COUNT, {"status": "closed", "start": 1, "end": 25}))
    assert "Ingen sager matcher." in closed


def test_the_total_follows_the_search_kept_in_the_session(client, caseworker, team_nord):
    for _ in range(26):
        holm = factories.CitizenFactory(last_name="Holm")
        factories.CaseFactory(team=team_nord, caseworker=caseworker, citizen=holm)
    factories.CaseFactory.create_batch(5, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    client.post(LIST, {"q": "Holm"})
    summary = summary_of(client.get(COUNT, {"status": "all", "start": 1, "end": 25}))
    assert "Søgning: »Holm«." in summary
    assert "af <strong>26</strong> sager" in summary


def test_a_capped_total_says_more_than(client, caseworker, team_nord, monkeypatch):
    monkeypatch.setattr("cases.paging.COUNT_CAP", 28)
    factories.CaseFactory.create_batch(30, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    summary = summary_of(client.get(COUNT, {"status": "all", "start": 26, "end": 30}))
    assert "Viser <strong>26\u201330</strong> af mere end <strong>28</strong> sager" in summary


@pytest.mark.parametrize(
    "params",
    [{}, {"start": 1}, {"start": "x", "end": 25}, {"start": 0, "end": 25}, {"start": 5, "end": 2}],
)
def test_a_missing_or_bad_row_range_is_refused_in_danish(client, caseworker, params):
    client.force_login(caseworker)
    response = client.get(COUNT, params)
    assert response.status_code == 400
    assert response.content.decode() == "Angiv sidens første og sidste række."


def test_the_count_needs_a_login_and_a_get(client, caseworker):
    response = client.get(COUNT, {"start": 1, "end": 25})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(caseworker)
    assert client.post(COUNT, {"start": 1, "end": 25}).status_code == 405


def test_the_count_writes_no_access_log_and_costs_a_bounded_number_of_queries(
    client, caseworker, team_nord, django_assert_max_num_queries
):
    factories.CaseFactory.create_batch(30, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    client.get(COUNT, {"start": 1, "end": 25})
    before = AccessLog.objects.count()
    with django_assert_max_num_queries(LIST_BOUND - 2):
        client.get(COUNT, {"status": "all", "start": 1, "end": 25})
    assert AccessLog.objects.count() == before


def test_the_summaries_read_in_english(client, caseworker, team_nord):
    factories.CaseFactory.create_batch(30, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    english = {"accept-language": "en"}
    shown = summary_of(client.get(LIST, {"status": "all"}, headers=english))
    assert "Showing cases <strong>1\u201325</strong>" in shown
    counted = summary_of(client.get(COUNT, {"start": 1, "end": 25}, headers=english))
    assert "Showing <strong>1\u201325</strong> of <strong>30</strong> cases" in counted
    refused = client.get(COUNT, headers=english)
    assert refused.content.decode() == "Give the page's first and last row."
