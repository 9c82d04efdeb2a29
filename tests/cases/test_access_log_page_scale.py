"""The managers' access log at national scale (issue 17, DESIGN §9): the same queries for a few
entries and for many, none of them counting the log, and every page read from an index in the
page's order (newest first), so that a page costs the same at 10 million entries as at 100.

The plans are checked with sequential scans, bitmap scans and sorts switched off: the test
tables are tiny, so the planner would rightly read them whole; the question here is whether an
index gives the rows in the page's order (at 10 million entries the planner takes that plan by
itself, docs/operations.md)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from tests.cases.test_access_log_page import URL, read, rows
from tests.paging import page_link

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

# The frame (the user with its unread count; session, groups and permissions from the cache);
# the page's entries, the many-cases-outside count, the unreviewed break-the-glass count and
# the user filter's choices.
PAGE_QUERIES = 5


def entries(manager, caseworker, team_nord, count: int) -> None:
    cases = [factories.CaseFactory(team=team_nord, status="closed") for _ in range(5)]
    for i in range(count):
        read(caseworker if i % 2 else manager, cases[i % 5], chosen=bool(i % 3))


def log_queries(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if '"cases_accesslog"' in q["sql"]]


def page_query(captured: CaptureQueriesContext) -> str:
    """The query that reads the page's entries."""
    (sql,) = [sql for sql in log_queries(captured) if "LIMIT 51" in sql]
    return sql


SWITCHED_OFF = ("enable_seqscan", "enable_bitmapscan", "enable_sort")


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_accesslog")
        for setting in SWITCHED_OFF:
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
        for setting in SWITCHED_OFF:
            cursor.execute(f"SET LOCAL {setting} = on")
    return text


@pytest.mark.parametrize("count", [5, 120])
def test_the_page_costs_the_same_queries_for_few_and_many_entries_and_counts_nothing(
    client, manager, caseworker, team_nord, count, django_assert_num_queries
):
    entries(manager, caseworker, team_nord, count)
    client.force_login(manager)
    client.get(URL)  # warm the session
    with django_assert_num_queries(PAGE_QUERIES) as captured:
        response = client.get(URL)
    assert len(rows(response)) == min(count, 50)
    # No COUNT over the log, capped or not: the page has "Forrige" and "Næste" only.
    assert not [sql for sql in log_queries(captured) if "COUNT(*)" in sql]
    if count > 50:
        with django_assert_num_queries(PAGE_QUERIES):
            second = client.get(page_link(response.content.decode(), "next"))
        assert len(rows(second)) == 50


def test_the_summary_names_the_rows_shown_without_a_total(client, manager, caseworker, team_nord):
    entries(manager, caseworker, team_nord, 60)
    client.force_login(manager)
    content = client.get(URL).content.decode()
    assert "Viser opslag <strong>1\N{EN DASH}50</strong>, nyeste først" in content
    second = client.get(page_link(content, "next")).content.decode()
    assert "Viser opslag <strong>51\N{EN DASH}60</strong>, nyeste først" in second


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"fra": "2026-03-01", "til": "2026-03-16"},
        {"bruger": "caseworker"},
        {"sag": "case"},
        {"formaal": "break_glass"},
    ],
)
def test_a_page_is_read_from_an_index_in_its_order_without_sorting(
    client, manager, caseworker, team_nord, filters
):
    """On these few rows the planner may take any of the indexes that give the order; on 10
    million it takes the one of the filter (docs/operations.md)."""
    entries(manager, caseworker, team_nord, 120)
    if "bruger" in filters:
        filters = {"bruger": str(caseworker.pk)}
    if "sag" in filters:
        filters = {"sag": factories.CaseFactory(team=team_nord).number}
    client.force_login(manager)
    with CaptureQueriesContext(connection) as captured:
        first = client.get(URL, filters)
    assert first.status_code == 200
    queries = [page_query(captured)]
    following = page_link(first.content.decode(), "next")
    if following is not None:
        with CaptureQueriesContext(connection) as captured_next:
            client.get(following)
        queries.append(page_query(captured_next))
    assert len(queries) == (2 if filters.keys() <= {"fra", "til", "bruger"} else 1)
    for sql in queries:
        text = plan(sql)
        assert re.search(r"Index (Only )?Scan Backward using accesslog_\w+_idx", text), text
        assert "Sort" not in text, text
        assert "Seq Scan on cases_accesslog" not in text, text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_the_many_cases_outside_count_reads_only_the_chosen_purposes(
    client, manager, caseworker, team_nord
):
    entries(manager, caseworker, team_nord, 30)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL)
    (sql,) = [sql for sql in log_queries(captured) if "COUNT(DISTINCT" in sql]
    assert "accesslog_outside_own_idx" in plan(sql)


def test_a_filter_by_period_still_finds_older_entries(
    client, manager, caseworker, team_nord, time_machine
):
    entries(manager, caseworker, team_nord, 3)
    time_machine.shift(timedelta(days=40))
    entries(manager, caseworker, team_nord, 2)
    client.force_login(manager)
    old = timezone.localdate() - timedelta(days=40)
    response = client.get(URL, {"fra": str(old), "til": str(old)})
    assert len(rows(response)) == 3
