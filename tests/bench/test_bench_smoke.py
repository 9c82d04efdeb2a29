"""Smoke tests of the benchmark scripts (issue 17) on a tiny generated data set: the table's
shape, the floors, the saved JSON and the comparison, the sessions of the concurrent run, and
the generated access log's chain. No timing is asserted."""

from __future__ import annotations

import hmac
import json
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench import concurrent_pages, loaddata, page_run, pages
from bench.page_report import HEADER
from bench.page_run import BARE, LAYOUT
from cases.access_log import access_log_check
from cases.access_log.chain import entry_mac
from cases.access_log.keys import signing_key
from cases.models import AccessLog, Case
from tests.clock import LOAD_DATA_NOW

ROLES = {"caseworker", "residential therapist", "outpatient therapist", "manager"}
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the access log is generated with COPY"
)


@pytest.fixture
def load_data(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(LOAD_DATA_NOW, tick=False):
        call_command("generate_load_data", cases=120, seed=3, access_log=3000, stdout=StringIO())
        yield


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.REQUIRE_2FA = False


def test_layout_floor_renders_the_base_layout_with_an_empty_content_block(db, bench_urls):
    user = get_user_model().objects.create_user(username="bench_floor", password="x")
    client = Client()
    client.force_login(user)
    response = client.get("/bench/layout/", secure=True)
    assert response.status_code == 200
    assert "base.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert 'id="main-content"' in html
    assert html.split('id="main-content"')[1].split("</main>")[0].strip().endswith(">")
    assert client.get("/bench/bare/", secure=True).content == f"ok {user.pk}".encode()


def test_floors_need_a_login(db, bench_urls):
    assert Client().get("/bench/layout/", secure=True).status_code == 302
    assert Client().get("/bench/bare/", secure=True).status_code == 302


def test_floors_are_not_in_production_urls(db):
    assert Client().get("/bench/layout/", secure=True).status_code == 404


def test_pages_prints_the_table_and_saves_every_role_and_page(load_data, tmp_path, capsys):
    saved = tmp_path / "small.json"
    with time_machine.travel(LOAD_DATA_NOW, tick=False):
        pages.main(["--runs", "2", "--warmup", "0", "--save", str(saved)])
    out = capsys.readouterr().out
    assert HEADER in out
    data = json.loads(saved.read_text())
    rows = data["rows"]
    assert data["meta"]["cases"] == Case.objects.count()
    assert {r["role"] for r in rows} == ROLES
    for role in ROLES:
        names = {r["page"] for r in rows if r["role"] == role}
        assert {BARE, LAYOUT, "start page", "case list, open", "case list, page 40"} <= names
        assert {"inbox", "API cases", "API citizens", "API transitions"} <= names
    names = {r["page"] for r in rows if r["role"] == "manager"}
    assert {"managers' access log", "case page", "look-up extract (CSV)"} <= names
    floors = [r for r in rows if "floor" in r["page"]]
    assert len(floors) == 8
    assert all(r["status"] == 200 for r in floors)
    assert all(r["layout_ratio"] > 0 and r["bare_ratio"] > 0 for r in rows)
    assert set(rows[0]) >= {"median_ms", "p95_ms", "queries", "bare_ratio", "layout_ratio"}
    # Every row is one line of the table: page, user, then five numbers.
    table = out.split(HEADER)[1].strip().split("\n\n")[0].splitlines()
    assert len([line for line in table if not line.startswith("--")]) == len(rows)


@postgres_only
def test_explain_analyze_plans_each_pages_slowest_queries_and_writes_nothing(load_data, capsys):
    entries = AccessLog.objects.count()
    with time_machine.travel(LOAD_DATA_NOW, tick=False):
        assert (
            pages.main(
                ["--runs", "1", "--warmup", "0", "--only", "case page", "--explain", "--analyze"]
            )
            == 0
        )
    out = capsys.readouterr().out
    assert "Execution Time" in out
    assert "can't execute queries" not in out
    assert AccessLog.objects.count() == entries


def test_compare_puts_two_runs_side_by_side(tmp_path, capsys):
    row = {
        "role": "manager",
        "page": "start page",
        "median_ms": 10.0,
        "queries": 8,
        "layout_ratio": 2.0,
    }
    small, large = tmp_path / "a.json", tmp_path / "b.json"
    small.write_text(json.dumps({"meta": {"cases": 1000}, "rows": [row]}))
    large.write_text(json.dumps({"meta": {"cases": 100000}, "rows": [{**row, "median_ms": 12.5}]}))
    assert pages.main(["--compare", str(small), str(large)]) == 0
    line = capsys.readouterr().out.splitlines()[2]
    assert line.split()[-5:] == ["12.5", "1.25", "8/8", "2.0", "ok"]


def test_the_deep_page_follows_the_lists_next_links(load_data, bench_urls):
    """A keyset list has no page numbers: the 40th page is reached through its "next" links;
    a shorter list (120 cases here) gives its last page."""
    client = Client(HTTP_HOST="localhost")
    manager = loaddata.manager_of_largest_team()
    assert manager is not None
    client.force_login(manager)
    url = reverse("cases:list")
    query = page_run.deep_page_query(client, url, {"status": "all"})
    assert query["status"] == "all" and query["after"]
    content = client.get(url, query, secure=True).content.decode()
    assert 'rel="prev"' in content and 'rel="next"' not in content


def test_concurrent_sessions_are_logged_in_without_the_two_factor_step(load_data, settings):
    settings.REQUIRE_2FA = False
    user = loaddata.manager_of_largest_team()
    assert user is not None
    key = concurrent_pages.session_for(user)
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    for url in concurrent_pages.mix_for(user):
        assert client.get(url, secure=True).status_code == 200, url


@postgres_only
def test_generated_access_log_is_one_chain_that_verifies(load_data):
    entries = AccessLog.objects.order_by("pk")
    assert 2500 <= entries.count() <= 3000
    report = access_log_check()
    assert report.problems == []
    key = signing_key()
    for entry in entries[:50]:
        assert hmac.compare_digest(entry_mac(entry.previous_hash, entry, key), entry.entry_hash)
    assert {e.purpose for e in entries} <= set(AccessLog.Purpose.values)


@postgres_only
def test_reset_removes_the_generated_log_and_the_chain_still_verifies(load_data):
    with time_machine.travel(LOAD_DATA_NOW, tick=False):
        call_command("generate_load_data", reset_only=True, stdout=StringIO())
    assert not AccessLog.objects.exists()
    assert access_log_check().problems == []
