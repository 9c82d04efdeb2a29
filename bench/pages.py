"""Server time and query count of the busiest pages at the generated size (issue 3).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/overgang_bench \\
        .venv/bin/python manage.py generate_load_data --cases 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/overgang_bench .venv/bin/python bench/pages.py

Requests go through django.test.Client (the whole middleware stack, the view and the template,
no network), logged in with force_login as the load caseworker with the most open cases and as
the manager of the load team with the most cases, with DEBUG off. Each page is requested
`--warmup` times unmeasured, then `--runs` times; the table shows the median and the 95th
percentile in milliseconds and the number of SQL queries of one more, separately captured,
request (capturing slows a request down, so it is not timed).

Everything runs inside one transaction that is rolled back at the end: the access-log entries
the case pages write and the sessions of force_login do not stay behind. Savepoint statements
that the rollback transaction adds are left out of the query counts.

--explain prints the slowest queries of each page; with --analyze also their EXPLAIN ANALYZE
plans (PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    # Production-like settings: DEBUG off (no SQL logging, cached templates). The test client
    # talks plain HTTP to "localhost", and no collectstatic manifest is needed to render.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-pages-only-not-a-secret-0123456789abcdefghijklmnop")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if str(Path(__file__).resolve().parent.parent) not in sys.path:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    # Set Django up before the models load.
    import django

    django.setup()

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench import loaddata
from cases.models import Case, CaseStatus
from cases.views import SEARCH_SESSION_KEY


@dataclass
class Row:
    page: str
    user: str
    status: int
    median_ms: float
    p95_ms: float
    queries: int
    slowest: list[tuple[float, str]]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _is_savepoint(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))


def measure(
    name: str,
    who: str,
    request: Callable[[], Any],
    *,
    runs: int,
    warmup: int,
) -> Row:
    status = 0
    for _ in range(warmup):
        status = request().status_code
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = request()
        times.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    with CaptureQueriesContext(connection) as captured:
        request()
    queries = [q for q in captured.captured_queries if not _is_savepoint(q["sql"])]
    slowest = sorted(((float(q["time"]) * 1000, q["sql"]) for q in queries), reverse=True)[:3]
    return Row(name, who, status, statistics.median(times), p95(times), len(queries), slowest)


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--explain", action="store_true", help="show the slowest queries")
    parser.add_argument("--analyze", action="store_true", help="with --explain: EXPLAIN ANALYZE")
    parser.add_argument(
        "--no-jit",
        action="store_true",
        help="PostgreSQL: SET jit = off for the session (see bench/README.md)",
    )
    args = parser.parse_args(argv)

    if not loaddata.has_load_data():
        print(
            "No load data in this database. Run first:\n"
            "  .venv/bin/python manage.py generate_load_data --cases 100000",
            file=sys.stderr,
        )
        return 2
    caseworker = loaddata.busiest_caseworker()
    manager = loaddata.manager_of_largest_team()
    if caseworker is None or manager is None:
        print("The load data has no caseworker or manager; regenerate it.", file=sys.stderr)
        return 2

    if args.no_jit and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
    jit = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            jit = f", jit {cursor.fetchone()[0]}"
    total = Case.objects.count()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}, {total} cases; "
        f"{args.runs} runs after {args.warmup} warm-ups; DEBUG off{jit}"
    )
    rows: list[Row] = []
    with transaction.atomic():
        for label, user in (("caseworker", caseworker), ("manager", manager)):
            client = Client(HTTP_HOST="localhost")
            client.force_login(user)
            mine = Case.objects.filter(caseworker=user) if label == "caseworker" else None
            visible = mine if mine is not None else Case.objects.filter(team_id=user.unit_id)
            open_cases = visible.exclude(status=CaseStatus.CLOSED)
            # A case page with a long history: an open case with a handover if there is one.
            case = (
                open_cases.filter(transitions__isnull=False).order_by("pk").first()
                or open_cases.order_by("pk").first()
            )
            # Search for the surname of one of the user's citizens, as a caseworker would.
            surname = (
                open_cases.exclude(citizen__last_name="")
                .values_list("citizen__last_name", flat=True)
                .order_by("pk")
                .first()
            ) or "Hansen"
            counts = {
                "visible": visible.count(),
                "open": open_cases.count(),
            }
            who = f"{label} ({user.username}: {counts['open']} open / {counts['visible']})"
            list_url = reverse("cases:list")

            def get(
                url: str = list_url, data: dict[str, str] | None = None, c: Client = client
            ) -> Any:
                return c.get(url, data or {}, secure=True)

            def set_search(term: str, c: Client = client) -> None:
                session = c.session
                if term:
                    session[SEARCH_SESSION_KEY] = term
                else:
                    session.pop(SEARCH_SESSION_KEY, None)
                session.save()

            pages: list[tuple[str, Callable[..., Any]]] = [
                ("start page (core:home)", lambda g=get: g(reverse("core:home"))),
                ("case list, default (open)", lambda g=get: g()),
                ("case list, all incl. closed", lambda g=get: g(data={"status": "all"})),
                ("case list, status=referred", lambda g=get: g(data={"status": "referred"})),
                (
                    "case list, guarantee=breached",
                    lambda g=get: g(data={"status": "all", "guarantee": "breached"}),
                ),
                # The search term lives in the session (set before, cleared after).
                ("case list, searched by surname", lambda g=get: g()),
            ]
            if case is not None:
                detail = reverse("cases:detail", kwargs={"case_id": case.pk})
                pages.append(("case page (cases:detail)", lambda g=get, url=detail: g(url)))
            # The search is POSTed (post/redirect/get, never in the URL): time the POST too.
            pages.append(
                (
                    "case list, search POST + redirect",
                    lambda c=client, t=surname, url=list_url: c.post(
                        url, {"q": t}, secure=True, follow=True
                    ),
                )
            )
            for name, request in pages:
                searching = "search" in name
                if searching:
                    set_search(surname)
                row = measure(name, who, request, runs=args.runs, warmup=args.warmup)
                if searching:
                    set_search("")
                rows.append(row)
                print(
                    f"  {row.page:<38} {label:<10} {row.median_ms:8.1f} {row.p95_ms:8.1f} "
                    f"{row.queries:4d}  HTTP {row.status}",
                    flush=True,
                )
        transaction.set_rollback(True)

        print()
        print(f"{'page':<38} {'user':<60} {'median ms':>9} {'p95 ms':>8} {'queries':>7}")
        for row in rows:
            flag = "" if row.status == 200 else f"  (HTTP {row.status})"
            print(
                f"{row.page:<38} {row.user:<60} {row.median_ms:9.1f} {row.p95_ms:8.1f} "
                f"{row.queries:7d}{flag}"
            )
        if args.explain:
            for row in rows:
                print(f"\n== {row.page} / {row.user}")
                for ms, sql in row.slowest:
                    print(f"-- {ms:.1f} ms\n{sql[:2000]}")
                    if args.analyze and connection.vendor == "postgresql":
                        print(explain(sql))
    return 0 if all(row.status == 200 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
