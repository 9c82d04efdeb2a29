"""A large data set is written without the case tables' secondary indexes and foreign keys
(bench/loaddata/bulk.py): afterwards the schema is exactly as the migrations made it, and the
rebuilt keys check the rows that were written without them."""

from __future__ import annotations

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction

from bench import loaddata
from bench.loaddata import bulk
from bench.loaddata.writer import TABLES
from cases.models import Case
from tests.clock import LOAD_DATA_NOW
from transitions.models import CheckInSchedule

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="indexes are set aside on PostgreSQL only"
)


def _schema(tables: list[str]) -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE conrelid = ANY(%s::text[]::regclass[]) "
            "UNION ALL SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) "
            "FROM pg_index WHERE indrelid = ANY(%s::text[]::regclass[])",
            [tables, tables],
        )
        return set(cursor.fetchall())


def _writer_tables() -> list[str]:
    return [model._meta.db_table for model in TABLES]


@pytest.mark.django_db
def test_the_schema_is_the_same_after_a_set_written_without_its_indexes():
    tables = _writer_tables()
    before = _schema(tables)
    with time_machine.travel(LOAD_DATA_NOW, tick=False):
        logged: list[str] = []
        result = loaddata.generate(
            cases=40, seed=3, access_log_entries=0, rebuild_from=1, log=logged.append
        )
    assert result.cases == 40
    assert any("bygget igen" in line for line in logged)
    assert _schema(tables) == before
    assert Case.objects.filter(team__name__startswith=loaddata.UNIT_PREFIX).count() == 40


@pytest.mark.django_db
def test_a_rebuilt_foreign_key_checks_the_rows_written_without_it(case):
    statements = bulk.set_aside([CheckInSchedule])
    assert any("FOREIGN KEY" in s for s in statements)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {CheckInSchedule._meta.db_table} (case_id, weeks, version, updated_at) "
            "VALUES (%s, '[]', 1, now())",
            [case.pk + 1_000_000],
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.restore(statements, log=lambda _message: None)
