"""Secondary indexes and constraints set aside while a large data set is written, and built
again, the same, before the transaction ends (PostgreSQL only).

Measured at 20,000 cases on the shared 2-core machine: of 96 s, 18.5 s was the commit, which
ran every row's deferred foreign-key check one at a time (about a dozen per case), and much of
the COPY time was spent inserting into some forty B-trees a row at a time. Built once, sorted,
an index costs a fraction of that, and a foreign key added to a full table is checked in one
join. The definitions are read from the catalogue (`pg_get_constraintdef`,
`pg_get_indexdef`) and replayed as they were, so the data set ends with exactly the schema
the migrations made: unique indexes and unique constraints check every row when they are
built, foreign keys when they are added.

Kept while writing: primary keys (children refer to them), check and NOT NULL constraints
(cheap, per row), and unique constraints a foreign key depends on.
"""

from __future__ import annotations

import time

from django.db import connection, models

from .constants import Log

# From this many cases the tables are written without their secondary indexes.
REBUILD_FROM = 20_000


def set_aside(tables: list[type[models.Model]]) -> list[str]:
    """Drop the secondary indexes, unique constraints and foreign keys of the models' tables;
    return the statements that make them again, indexes first, foreign keys last."""
    if connection.vendor != "postgresql":
        return []
    names = [model._meta.db_table for model in tables]
    with connection.cursor() as cursor:
        # The deferred foreign-key checks of rows written so far run now: a table with
        # pending trigger events cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) "
            "FROM pg_constraint c WHERE c.conrelid = ANY(%s::text[]::regclass[]) "
            "AND (c.contype = 'f' OR (c.contype = 'u' AND NOT EXISTS ("
            "  SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)))"
            " ORDER BY c.conrelid::regclass::text, c.conname",
            [names],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::text[]::regclass[]) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            "ORDER BY 1",
            [names],
        )
        indexes = cursor.fetchall()
        for table, name, _kind, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    unique = [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, kind, definition in constraints
        if kind == "u"
    ]
    foreign = [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, kind, definition in constraints
        if kind == "f"
    ]
    return [definition for _name, definition in indexes] + unique + foreign


def restore(statements: list[str], log: Log) -> None:
    """Run what `set_aside` returned; each statement's time goes to the log."""
    if not statements:
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        # Pending deferred checks (the organisation's rows) run first: a table they are
        # queued on cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in statements:
            begun = time.monotonic()
            cursor.execute(statement)
            if time.monotonic() - begun >= 5:
                log(f"    {time.monotonic() - begun:5.1f} s  {statement[:90]}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    log(f"  {len(statements)} indeks og nøgler bygget igen ({time.monotonic() - started:.1f} s)")
