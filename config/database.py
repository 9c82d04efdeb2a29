"""The database settings (config/settings.py's DATABASES["default"]): from DATABASE_URL, with
the session options PostgreSQL and SQLite need here (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import environ


def database_settings(env: environ.Env, base_dir: Path) -> dict[str, Any]:
    """DATABASES["default"]: DATABASE_URL (SQLite in the project folder by default)."""
    database: dict[str, Any] = env.db(
        "DATABASE_URL", default=f"sqlite:///{base_dir / 'db.sqlite3'}"
    )
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    database["ATOMIC_REQUESTS"] = False
    # A persistent connection is checked before a request reuses it: after a database restart
    # the first request gets a fresh connection instead of an error.
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.postgresql":
        # The access filter's cost estimate at 100,000 cases crosses PostgreSQL's JIT
        # thresholds, and compiling the query then costs ~2.8 s of a 3.2 s page (bench/pages.py,
        # EXPLAIN).
        #
        # PostgreSQL's default random_page_cost (4) prices an index look-up for a spinning disk.
        # On SSD storage with the working set in memory (every hit in EXPLAIN (BUFFERS) at
        # 100,000 cases) it makes the planner hash whole tables for a list page of 25 rows:
        # 38 ms instead of 16 for a filtered case list. 1.1 is the usual value for SSDs
        # (docs/operations.md).
        database.setdefault("OPTIONS", {})["options"] = (
            f"-c jit=off -c random_page_cost={env.float('DATABASE_RANDOM_PAGE_COST', default=1.1)}"
        )
        # A database that does not answer fails the connection within seconds (the 503 page),
        # instead of holding the request for the operating system's TCP timeout.
        database["OPTIONS"].setdefault(
            "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
        )
    elif database["ENGINE"] == "django.db.backends.sqlite3":
        # The embedded default runs web, worker and beat on one file at once. WAL lets readers
        # go on while one writes; IMMEDIATE takes the write lock when a transaction starts, so
        # a writer waits (up to `timeout` seconds) instead of failing with "database is
        # locked" when it upgrades a read lock half-way through a transaction.
        database.setdefault("OPTIONS", {}).update(
            {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": env.int("SQLITE_TIMEOUT_SECONDS", default=20),
            }
        )
    return database
