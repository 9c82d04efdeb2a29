"""Keyset pages of the case list (issue 17, DESIGN §9; cases.paging): "Forrige" and "Næste"
walk the whole list in its order, across ties and the NULL deadlines of the urgency order,
forwards and back; a deep page costs the queries of the first, with no OFFSET and no full
count; a cursor that is not ours starts from the first page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case, CaseStatus
from cases.paging import COUNT_CAP, InvalidCursor, keyset_page
from cases.selectors import case_list_for, case_list_ordering
from tests import factories
from tests.clock import TODAY
from tests.paging import counted_summary, page_link

pytestmark = pytest.mark.usefixtures("clock")

LIST = reverse("cases:list")


@pytest.fixture
def mixed(caseworker, team_nord):
    """Open clocks (running and breached, several on the same deadline), open cases with no
    clock (NULL deadline), closed cases: 23 rows with many ties."""
    cases = []
    for ago in (0, 0, 0, 3, 3, 20, 20, 20, 40):
        cases.append(
            factories.CaseFactory(
                team=team_nord, caseworker=caseworker, inquiry_date=TODAY - timedelta(days=ago)
            )
        )
    for _ in range(8):
        cases.append(
            factories.CaseFactory(
                team=team_nord,
                caseworker=caseworker,
                inquiry_date=TODAY - timedelta(days=5),
                legal_basis="SEL101A",
                citizen=factories.CitizenFactory(cpr=None, last_name="Holm"),
            )
        )
    for ago in (1, 1, 30, 30, 30, 60):
        case = factories.CaseFactory(
            team=team_nord, caseworker=caseworker, inquiry_date=TODAY - timedelta(days=ago)
        )
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
        cases.append(case)
    return cases


@pytest.mark.parametrize("order", ["urgency", "newest", "oldest", "number", "name"])
@pytest.mark.parametrize("size", [1, 4, 7, 25])
def test_keyset_pages_cover_the_list_once_in_order_forwards_and_back(
    mixed, caseworker, order, size
):
    qs = case_list_for(caseworker, today=TODAY, order=order)
    ordering = case_list_ordering(order)
    everything = [c.pk for c in qs]
    assert len(everything) == len(mixed)
    pages = [keyset_page(qs, ordering, size=size)]
    while pages[-1].has_next:
        pages.append(keyset_page(qs, ordering, after=pages[-1].next_cursor, size=size))
    assert [c.pk for page in pages for c in page.object_list] == everything
    assert [page.start_index for page in pages] == list(range(1, len(everything) + 1, size))
    assert not pages[0].has_previous and all(page.has_previous for page in pages[1:])
    back = [pages[-1]]
    while back[-1].has_previous:
        back.append(keyset_page(qs, ordering, before=back[-1].previous_cursor, size=size))
    assert [[c.pk for c in p.object_list] for p in back[::-1]] == [
        [c.pk for c in p.object_list] for p in pages
    ]
    assert [p.start_index for p in back[::-1]] == [p.start_index for p in pages]


def test_a_cursor_that_is_not_ours_gives_the_first_page_or_raises(mixed, caseworker):
    qs = case_list_for(caseworker, today=TODAY, order="urgency")
    ordering = case_list_ordering("urgency")
    first = keyset_page(qs, ordering, size=5)
    for token in ("x", "eyJ2IjpbXSwiaSI6MX0", "!!", first.next_cursor[:-3]):
        page = keyset_page(qs, ordering, after=token, size=5)
        assert page.object_list == first.object_list
        with pytest.raises(InvalidCursor):
            keyset_page(qs, ordering, after=token, size=5, strict=True)


def test_the_count_is_capped(mixed, caseworker, monkeypatch):
    monkeypatch.setattr("cases.paging.COUNT_CAP", 10)
    qs = case_list_for(caseworker, today=TODAY, order="urgency")
    page = keyset_page(qs, case_list_ordering("urgency"), size=5)
    assert (page.count, page.count_capped) == (10, True)
    assert COUNT_CAP == 1000


def test_the_list_pages_follow_links_with_danish_labels(client, caseworker, mixed, team_nord):
    for _ in range(30):
        factories.CaseFactory(team=team_nord, caseworker=caseworker, inquiry_date=TODAY)
    expected = [c.pk for c in case_list_for(caseworker, today=TODAY, order="urgency")]
    client.force_login(caseworker)
    response = client.get(LIST, {"status": "all"})  # most urgent first by default
    seen = []
    while True:
        html = response.content.decode()
        seen += [c.pk for c in response.context["page_obj"].object_list]
        url = page_link(html, "next")
        if url is None:
            break
        assert 'aria-label="Sider"' in html and "Næste" in html
        assert "status=all" in url
        response = client.get(url)
        assert response.status_code == 200
        assert "Forrige" in response.content.decode()
    assert seen == expected
    assert counted_summary(client, html) == (
        '<p class="results-summary" role="status">'
        " Viser <strong>51\u201353</strong> af <strong>53</strong> sager"
    )
    back = client.get(page_link(html, "prev"))
    assert [c.pk for c in back.context["page_obj"].object_list] == expected[25:50]


def test_a_deep_list_page_costs_what_the_first_does(client, caseworker, team_nord):
    for i in range(80):
        factories.CaseFactory(
            team=team_nord, caseworker=caseworker, inquiry_date=TODAY - timedelta(days=i % 30)
        )
    client.force_login(caseworker)
    client.get(LIST)  # warm the session
    with CaptureQueriesContext(connection) as first:
        html = client.get(LIST).content.decode()
    for _ in range(2):
        html = client.get(page_link(html, "next")).content.decode()
    with CaptureQueriesContext(connection) as deep:
        response = client.get(page_link(html, "next"))
    assert response.context["page_obj"].start_index == 76
    assert "Viser <strong>76\u201380</strong> af <strong>80</strong> sager" in counted_summary(
        client, response.content.decode()
    )
    assert len(deep) == len(first)
    sql = " ".join(q["sql"] for q in deep.captured_queries).upper()
    assert "OFFSET" not in sql
