"""The three cursor lists of the API for a user who sees many cases (issue 17): read with the
per-row grant probes (cases.visibility.grant_probe_q) instead of the UNION set, so that a page
walks the index of its order; the rows, pages and access-log entries are those of the set."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import visibility
from cases.access import case_access_sync
from cases.models import AccessLog
from tests import factories
from tests.api.test_cursor_pages import walk
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("clock")

LISTS = ["/api/v1/cases/", "/api/v1/citizens/", "/api/v1/transitions/"]


@pytest.fixture
def seen_and_unseen(caseworker, team_nord, team_syd, handover):
    """Team Nord's cases (some citizens with two), another team's, and citizens without a case
    registered by either team."""
    for i in range(4):
        citizen = factories.CitizenFactory(last_name=f"Holm{i % 2}")
        closed = factories.CaseFactory(
            team=team_nord,
            caseworker=caseworker,
            citizen=citizen,
            status="closed",
            inquiry_date=TODAY - timedelta(days=200 + i),
        )
        case_access_sync(closed)
        case_access_sync(factories.CaseFactory(team=team_nord, caseworker=caseworker))
        case_access_sync(factories.CaseFactory(team=team_syd))
    factories.CitizenFactory(registered_by_team=team_nord, last_name="Uden")
    factories.CitizenFactory(registered_by_team=team_syd, last_name="Uden")


def _logged():
    """The access-log entries written, as (case, object type); a citizen without a case: None."""
    return sorted(AccessLog.objects.values_list("case_id_logged", "object_type"), key=repr)


def _list_select(queries, table):
    return next(
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"] and "LIMIT" in q["sql"]
    )


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("who", ["caseworker", "manager"])
def test_a_large_set_walks_with_probes_and_lists_the_same_rows(
    request, client_for, seen_and_unseen, monkeypatch, path, who
):
    user = request.getfixturevalue(who)
    monkeypatch.setattr(visibility, "cache", caches["default"])
    caches["default"].clear()
    client = client_for(user)
    by_set = walk(client, f"{path}?page_size=2")
    assert by_set[0], "the user sees rows in this list"
    logged_by_set = _logged()

    monkeypatch.setattr(visibility, "LARGE_SET", 1)
    caches["default"].clear()
    AccessLog.objects.all().delete()
    assert walk(client, f"{path}?page_size=2") == by_set
    assert _logged() == logged_by_set

    table = {"cases": "cases_case", "citizens": "cases_citizen"}.get(
        path.split("/")[3], "transitions_transition"
    )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{path}?page_size=2").status_code == 200
    sql = _list_select(queries.captured_queries, table)
    assert " UNION " not in sql and "EXISTS" in sql
    # Each walked case's grants are probed, not every grant of the user's groups hashed.
    assert '"content_object_id" <= (' in sql
    if table == "cases_citizen":  # a citizen's cases by a correlation that is not hashed
        assert '"citizen_id" <= ("cases_citizen"."id")' in sql
    # The frame's user query carries the header's unread count; the list's own queries count
    # nothing.
    own = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith('SELECT "accounts_user"')
    ]
    assert "COUNT(" not in " ".join(own).upper()
