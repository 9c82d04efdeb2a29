"""Every PostgreSQL connection is set up for the planner as docs/operations.md says: no JIT,
and an index look-up priced for SSD storage (DATABASE_RANDOM_PAGE_COST)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL settings"),
]


def _show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return str(cursor.fetchone()[0])


def test_a_connection_prices_random_reads_for_ssd_storage_and_compiles_nothing() -> None:
    assert _show("random_page_cost") == "1.1"
    assert _show("jit") == "off"
