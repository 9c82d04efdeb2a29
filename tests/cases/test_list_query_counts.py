"""The filtered, searched and deep case lists and the three API lists cost the same number of
queries with few rows as with many (issue 17; STYLE §2). The start page, the default list
and the inbox have theirs in test_query_counts.py and tests/notifications/test_views.py."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from cases.views import SEARCH_SESSION_KEY
from tests import factories

from .test_query_counts import LIST_BOUND, make_cases

pytestmark = pytest.mark.usefixtures("clock")

LIST = reverse("cases:list")
# The API lists: the frame (the user; session, groups and permissions from the cache), the page
# of rows with its one prefetch (a case's requests, a citizen's cases), and the access-log
# entries of the rows shown (the break-glass ids, the chain head locked, the entries and the
# new head in one statement). Issue 17: 17 for cases and citizens (transitions 16) before.
API_LIST_BOUND = 8


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize(
    "params",
    [{"status": "referred"}, {"guarantee": "running"}, {"legal_basis": "SEL101", "order": "name"}],
)
def test_a_filtered_list_costs_the_same_at_5_and_50_cases(
    client, caseworker, team_nord, count, params, django_assert_max_num_queries
):
    make_cases(count, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    client.get(LIST, params)  # warm the session and the filter choices
    with django_assert_max_num_queries(LIST_BOUND):
        response = client.get(LIST, params)
    assert response.status_code == 200


def test_the_filter_choices_cost_no_query_once_read(client, caseworker, team_nord):
    """The caseworkers and teams of the filter form are read once per process, and again
    after a user is saved here (cases.forms.filter_choices)."""
    make_cases(3, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    client.get(LIST)
    with CaptureQueriesContext(connection) as warm:
        html = client.get(LIST).content.decode()
    # (ModelChoiceField read them through a server-side cursor: "DECLARE ... FOR SELECT".)
    choices = ('SELECT DISTINCT "accounts_user"', 'WHERE "accounts_unit"."kind" =')
    assert not [q for q in warm.captured_queries if any(c in q["sql"] for c in choices)]
    assert f'<option value="{caseworker.pk}">' in html
    assert f'<option value="{team_nord.pk}">' in html
    colleague = factories.UserFactory(unit=team_nord, role=caseworker.role, first_name="Ny")
    html = client.get(LIST).content.decode()
    assert f'<option value="{colleague.pk}">' in html
    filtered = client.get(LIST, {"caseworker": colleague.pk, "status": "all"})
    assert filtered.context["filter_form"].selector_kwargs()["caseworker_id"] == colleague.pk
    assert list(filtered.context["page_obj"].object_list) == []


@pytest.mark.parametrize("count", [5, 50])
def test_a_searched_list_costs_the_same_at_5_and_50_cases(
    client, caseworker, team_nord, count, django_assert_max_num_queries
):
    make_cases(count, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    session = client.session
    session[SEARCH_SESSION_KEY] = "Hansen"
    session.save()
    client.get(LIST)
    # The search adds the citizens without a case (one query).
    with django_assert_max_num_queries(LIST_BOUND + 1):
        response = client.get(LIST)
    assert response.context["page_obj"].object_list


def _next_link(html: str) -> str:
    match = re.search(r'<a [^>]*href="([^"]*after=[^"]*)"', html)
    assert match, "no link to the next page"
    return match.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("count", [30, 80])
def test_the_last_page_costs_what_the_first_does_at_two_sizes(
    client, caseworker, team_nord, count, django_assert_max_num_queries
):
    make_cases(count, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    params = {"status": "all", "order": "urgency"}
    client.get(LIST, params)
    first = _queries(client, LIST, params)
    html = client.get(LIST, params).content.decode()
    for _ in range(count // 25 - 1):
        html = client.get(_next_link(html)).content.decode()
    with django_assert_max_num_queries(LIST_BOUND) as captured:
        response = client.get(_next_link(html))
    assert response.context["page_obj"].end_index == count
    assert len(captured) == first


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("path", ["/api/v1/cases/", "/api/v1/citizens/", "/api/v1/transitions/"])
def test_the_api_lists_cost_the_same_at_5_and_50_rows(
    caseworker, team_nord, count, path, django_assert_max_num_queries
):
    for _ in range(count):
        case = factories.CaseFactory(team=team_nord, caseworker=caseworker)
        if path == "/api/v1/transitions/":
            factories.TransitionFactory(case=case)
    client = APIClient()
    client.force_login(caseworker)
    client.get(path)  # warm the session
    with django_assert_max_num_queries(API_LIST_BOUND):
        body = client.get(path).json()
    assert len(body["results"]) == min(count, 50)
