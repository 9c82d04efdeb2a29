"""Cursor pages of the three long API lists (issue 17, DESIGN §9; api.pagination): `next` and
`previous` links walk the whole list in its total order, across rows that tie on every field
but the primary key, without a count and without an OFFSET; the query count of a page does not
grow with the list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.access_log import access_log_verify
from cases.models import AccessLog
from tests import factories
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("clock")


def walk(client, url):
    """Every page from `url` on through `next`, then back through `previous`."""
    pages, response = [], client.get(url)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        pages.append([row["id"] for row in body["results"]])
        if body["next"] is None:
            break
        response = client.get(body["next"])
    back = [pages[-1]]
    while body["previous"] is not None:
        body = client.get(body["previous"]).json()
        back.append([row["id"] for row in body["results"]])
    return pages, back[::-1]


@pytest.fixture
def tied_cases(caseworker, team_nord):
    """Seven cases with the same inquiry date and deadline (ties on every ordering field but
    the primary key), and five others, older and breached."""
    tied = [
        factories.CaseFactory(team=team_nord, caseworker=caseworker, inquiry_date=TODAY)
        for _ in range(7)
    ]
    older = [
        factories.CaseFactory(
            team=team_nord, caseworker=caseworker, inquiry_date=TODAY - timedelta(days=20 + i)
        )
        for i in range(5)
    ]
    return tied + older


@pytest.mark.parametrize("ordering", ["urgency", "newest", "oldest", "number", "name"])
def test_case_pages_walk_the_whole_list_across_ties(client_for, caseworker, tied_cases, ordering):
    client = client_for(caseworker)
    everything = [
        row["id"]
        for row in client.get(f"/api/v1/cases/?ordering={ordering}&page_size=100").json()["results"]
    ]
    assert sorted(everything) == sorted(c.pk for c in tied_cases)
    pages, back = walk(client, f"/api/v1/cases/?ordering={ordering}&page_size=3")
    assert [pk for page in pages for pk in page] == everything
    assert [len(page) for page in pages] == [3, 3, 3, 3]
    assert back == pages


def test_the_urgency_order_puts_the_breached_first(client_for, caseworker, tied_cases):
    client = client_for(caseworker)
    first = client.get("/api/v1/cases/?ordering=urgency&page_size=5").json()["results"]
    oldest_first = sorted(tied_cases[7:], key=lambda c: c.inquiry_date)
    assert [row["id"] for row in first] == [c.pk for c in oldest_first]


def test_citizen_pages_walk_the_list_and_log_each_citizen_on_the_newest_case(
    client_for, caseworker, team_nord
):
    newest = set()
    for i in range(5):
        citizen = factories.CitizenFactory(first_name="Ida", last_name="Holm")
        factories.CaseFactory(
            team=team_nord,
            caseworker=caseworker,
            citizen=citizen,
            status="closed",
            inquiry_date=TODAY - timedelta(days=300 + i),
        )
        newest.add(factories.CaseFactory(team=team_nord, caseworker=caseworker, citizen=citizen).pk)
    client = client_for(caseworker)
    pages, back = walk(client, "/api/v1/citizens/?page_size=2")
    assert [len(page) for page in pages] == [2, 2, 1]
    assert back == pages
    assert len({pk for page in pages for pk in page}) == 5
    logged = AccessLog.objects.filter(object_type="citizen_list")
    assert set(logged.values_list("case_id_logged", flat=True)) == newest
    assert access_log_verify() == []


def test_transition_pages_follow_next_and_previous(client_for, caseworker, handover):
    client = client_for(caseworker)
    pages, back = walk(client, "/api/v1/transitions/?page_size=1")
    assert pages == back
    assert [pk for page in pages for pk in page] == [handover.transition.pk]


@pytest.mark.parametrize("path", ["/api/v1/cases/", "/api/v1/citizens/"])
def test_a_deep_page_costs_what_the_first_does(client_for, caseworker, team_nord, path):
    for _ in range(12):
        factories.CaseFactory(team=team_nord, caseworker=caseworker)
    client = client_for(caseworker)
    client.get(path)  # warm the session and the caches
    with CaptureQueriesContext(connection) as first:
        body = client.get(f"{path}?page_size=3").json()
    for _ in range(2):
        body = client.get(body["next"]).json()
    with CaptureQueriesContext(connection) as deep:
        assert client.get(body["next"]).status_code == 200
    assert len(deep) == len(first)
    # The frame's user query carries the header's unread count; the list's own queries count
    # nothing.
    sql = " ".join(
        q["sql"] for q in deep.captured_queries if not q["sql"].startswith('SELECT "accounts_user"')
    ).upper()
    assert "OFFSET" not in sql and "COUNT(" not in sql
