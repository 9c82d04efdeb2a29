"""bench/pages.py reaches its deep page by the list's own "next" links (the keyset list ignores
a page number)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bench.page_run import deep_page_query
from tests.cases.test_query_counts import make_cases

pytestmark = pytest.mark.usefixtures("clock")


def test_the_deep_page_follows_the_next_links_to_the_last_page(client, caseworker, team_nord):
    make_cases(60, team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    url = reverse("cases:list")
    params = deep_page_query(client, url, {"status": "all"})
    assert params["status"] == "all" and params["after"]
    page = client.get(url, params, secure=True).context["page_obj"]
    # 60 rows: page 3 is the last of 25 rows a page.
    assert (page.start_index, page.end_index, page.has_next) == (51, 60, False)
