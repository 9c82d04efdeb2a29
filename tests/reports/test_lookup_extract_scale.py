"""The look-up extract at national scale (issue 17, DESIGN §9): the same queries for a citizen
read a few times and read many times by many units, and the entries found through the indexes
on the logged case id and on the citizen's own entries, never by reading the whole log or the
whole period."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.access_log import access_log_record
from tests import factories
from tests.reports.test_lookup_extract import extract_url, period

pytestmark = pytest.mark.django_db

# The frame (the user with its unread count; session, groups and permissions from the cache),
# the citizen's access; the extract's own entry (the head locked, then the entry and the new
# head in one statement); the citizen's cases, the entries with their units.
EXTRACT_QUERIES = 6


def reads(case, users, count: int) -> None:
    for i in range(count):
        factories.AccessLogFactory(user=users[i % len(users)], case=case, purpose="oversight")


@pytest.mark.parametrize("count", [2, 60])
def test_the_extract_costs_the_same_queries_for_few_and_many_reads_by_many_units(
    client, case, caseworker, manager, count, django_assert_num_queries
):
    readers = [caseworker, manager] + [
        factories.UserFactory(unit=factories.UnitFactory()) for _ in range(3)
    ]
    reads(case, readers, count)
    client.force_login(caseworker)
    client.get(extract_url(case.citizen))  # warm the session
    with django_assert_num_queries(EXTRACT_QUERIES):
        response = client.get(extract_url(case.citizen), period(format="csv"))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + count + 1  # the header, the reads, the extract itself
    named = {reader.unit.name for reader in readers[:count]}
    assert all(any(name in line for line in lines) for name in named)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_the_entries_are_found_through_the_case_and_citizen_indexes(client, case, caseworker):
    """Among many reads of other cases in the same period, as in a real log."""
    reads(case, [caseworker], 5)
    for other in [factories.CaseFactory(team=case.team) for _ in range(4)]:
        reads(other, [caseworker], 300)
    client.force_login(caseworker)
    with CaptureQueriesContext(connection) as captured:
        client.get(extract_url(case.citizen), period(format="csv"))
    (sql,) = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "cases_accesslog"."created_at"')
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_accesslog")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    assert "accesslog_case_created_idx" in text, text
    assert "accesslog_citizen_idx" in text, text
    assert "Seq Scan on cases_accesslog" not in text, text


def test_an_entry_from_before_the_readers_unit_was_recorded_names_the_present_unit(
    client, case, caseworker, manager
):
    entry = access_log_record(
        user=manager, case=case, object_type="case", object_id=case.pk, purpose="oversight"
    )
    type(entry).objects.filter(pk=entry.pk).update(reader_unit_id_logged=None)
    client.force_login(caseworker)
    content = client.get(extract_url(case.citizen), period(format="csv")).content.decode()
    oversight = [line for line in content.splitlines() if "Ledelsestilsyn" in line]
    assert len(oversight) == 1
    assert manager.unit.name in oversight[0]
