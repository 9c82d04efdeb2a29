"""Server time and query count of the key pages against two floors, in one interleaved run
(issues 3 and 17).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/overgang_bench \\
        .venv/bin/python manage.py generate_load_data --cases 100000
    DATABASE_URL=… .venv/bin/python bench/pages.py --save var/bench-100k.json
    .venv/bin/python bench/pages.py --compare var/bench-1k.json var/bench-100k.json

Requests go through django.test.Client (the whole middleware stack, the view and the template,
no network) with DEBUG off, logged in with force_login as the load caseworker with the most open
cases, the residential and the outpatient therapist named on the most open handovers, and the
manager of the largest load team. Every page is measured against two floors of the same user
in the same run (bench/floors.py, reachable only through the bench URLconf `bench.urls`):

- bare: an authenticated view that answers a few bytes (the middleware alone);
- layout: the real base layout with an empty content block.

The run is interleaved: after `--warmup` unmeasured rounds, each of `--runs` rounds requests
every (user, page) once, in an order shuffled per round, so that the floors and the pages see
the same machine (the machine is shared). The table shows the median and the 95th percentile
in ms, the SQL queries of one separately captured request, and the median over each floor.

Everything runs inside one transaction that is rolled back at the end: the access-log entries
the pages write and the sessions of force_login do not stay behind. Savepoint statements that
the rollback transaction adds are left out of the query counts.

--save writes the rows as JSON; --compare A B prints B's medians over A's per row (a 1k and a
100k run side by side, or a 100k and a 1M run) and marks every row that misses the goal
(bench/page_goals.py: the ratio, 1.3 against a 1k run and 1.5 against a 100k run, and B's
own x layout and query count); it exits with 1 when a row misses it. The single run's table
marks its rows the same way (x layout, queries; for the layout floor its queries and x bare).
--explain prints the slowest queries of each page; with --analyze also
their EXPLAIN ANALYZE plans (PostgreSQL).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __name__ == "__main__" and str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_env import bench_setup

if __name__ == "__main__":
    bench_setup()  # DEBUG off, REQUIRE_2FA=0 (see bench/bench_env.py)

from django.db import connection, transaction
from django.test.utils import override_settings

from bench import loaddata
from bench.page_report import compare, print_table, rows_save
from bench.page_run import explain, run
from cases.models import Case


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--save", metavar="FILE", help="write the rows as JSON")
    parser.add_argument(
        "--compare", nargs=2, metavar=("SMALL", "LARGE"), help="compare two saved runs"
    )
    parser.add_argument(
        "--growth-limit",
        type=float,
        metavar="X",
        help="with --compare: the largest LARGE/SMALL median ratio (default 1.3, or 1.5 when "
        "SMALL has 50,000 cases or more)",
    )
    parser.add_argument("--only", metavar="TEXT", help="only pages whose name contains TEXT")
    parser.add_argument("--explain", action="store_true", help="show the slowest queries")
    parser.add_argument("--analyze", action="store_true", help="with --explain: EXPLAIN ANALYZE")
    parser.add_argument(
        "--no-jit",
        action="store_true",
        help="PostgreSQL: SET jit = off for the session (see bench/README.md)",
    )
    args = parser.parse_args(argv)
    if args.compare:
        missed = compare(Path(args.compare[0]), Path(args.compare[1]), args.growth_limit)
        return 1 if missed else 0

    if not loaddata.has_load_data():
        print(
            "No load data in this database. Run first:\n"
            "  .venv/bin/python manage.py generate_load_data --cases 100000",
            file=sys.stderr,
        )
        return 2
    if args.no_jit and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
    jit = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            jit = f", jit {cursor.fetchone()[0]}"
            cursor.execute("SHOW random_page_cost")
            jit += f", random_page_cost {cursor.fetchone()[0]}"
    meta = {
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "cases": Case.objects.count(),
        "runs": args.runs,
        "warmup": args.warmup,
    }
    print(
        f"database: {meta['database']}, {meta['cases']} cases; "
        f"{args.runs} interleaved runs after {args.warmup} warm-ups; DEBUG off{jit}",
        flush=True,
    )
    with override_settings(ROOT_URLCONF="bench.urls"), transaction.atomic():
        rows = run(runs=args.runs, warmup=args.warmup, only=args.only)
        print_table(rows)
        if args.explain:
            for row in rows:
                print(f"\n== {row.page} / {row.role}")
                for ms, sql in row.slowest:
                    print(f"-- {ms:.1f} ms\n{sql[:2000]}")
                    if args.analyze and connection.vendor == "postgresql":
                        print(explain(sql))
        # Everything the run wrote (sessions, access-log entries, EXPLAIN ANALYZE's rows) goes;
        # marked only now, since a transaction marked for rollback takes no further query.
        transaction.set_rollback(True)
    if args.save:
        rows_save(Path(args.save), rows, meta)
        print(f"\nsaved to {args.save}")
    return 0 if all(row.status == 200 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
