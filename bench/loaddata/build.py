"""Making a data set: the three phases in one transaction."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from . import bulk
from .access_log import write_access_log
from .citizens import assign_numbers, simulate_citizens
from .constants import ACCESS_LOG_MAX_DEFAULT, BATCH_SIZE, CHUNK_CASES, Log
from .organisation import make_organisation
from .plans import CitizenPlan
from .queries import has_load_data
from .writer import Writer


@dataclass
class Result:
    cases: int
    seconds: float
    counts: dict[str, int]


def generate(
    *,
    cases: int,
    seed: int = 1,
    today: date | None = None,
    batch_size: int = BATCH_SIZE,
    access_log_entries: int | None = None,
    rebuild_from: int = bulk.REBUILD_FROM,
    log: Log = lambda _message: None,
) -> Result:
    """Create the data set with `cases` cases and `access_log_entries` access-log entries
    (default: 100 a case up to 10 million, PostgreSQL only). Raises ValueError if load data
    already exists. From `rebuild_from` cases on, the case tables are written without their
    secondary indexes and foreign keys, which are made again afterwards."""
    if access_log_entries is None:
        access_log_entries = default_access_log_entries(cases)
    if cases < 1:
        raise ValueError("cases must be at least 1")
    started = time.monotonic()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    # Logging every SQL statement (settings.DEBUG) would format and keep megabytes per insert.
    with override_settings(DEBUG=False), translation.override("da"), transaction.atomic():
        if has_load_data():
            raise ValueError("Der findes allerede belastningsdata; brug --reset.")
        org = make_organisation(rng, cases=cases, log=log)
        log(f"Organisation oprettet ({time.monotonic() - started:.1f} s)")
        citizens = simulate_citizens(rng, org, cases=cases, today=today)
        assign_numbers(citizens)
        log(f"{cases} forløb simuleret ({time.monotonic() - started:.1f} s)")
        writer = Writer(org=org, rng=rng, today=today, batch_size=batch_size)
        # A large set is written without the tables' secondary indexes and foreign keys;
        # they are built again, the same, before the access log (see bulk).
        rebuild = bulk.set_aside(list(writer.tables)) if cases >= rebuild_from else []
        chunk: list[CitizenPlan] = []
        in_chunk = done = 0
        for citizen in citizens:
            chunk.append(citizen)
            in_chunk += len(citizen.cases)
            if in_chunk >= CHUNK_CASES:
                writer.write(chunk)
                done += in_chunk
                log(f"  {done}/{cases} sager skrevet ({time.monotonic() - started:.1f} s)")
                chunk, in_chunk = [], 0
        if chunk:
            writer.write(chunk)
            done += in_chunk
            log(f"  {done}/{cases} sager skrevet ({time.monotonic() - started:.1f} s)")
        bulk.restore(rebuild, log)
        logged = write_access_log(
            writer.access_log, entries=access_log_entries, rng=rng, today=today, log=log
        )
        if logged:
            log(f"  {logged} adgangslog-poster skrevet ({time.monotonic() - started:.1f} s)")
    log(f"Gemt (commit) ({time.monotonic() - started:.1f} s)")
    counts = {**writer.counts, "cases.AccessLog": logged}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics, so that the planner knows the tables are large now.
            cursor.execute("ANALYZE")
        log(f"Statistik opdateret (ANALYZE) ({time.monotonic() - started:.1f} s)")
    return Result(cases=done, seconds=time.monotonic() - started, counts=counts)


def default_access_log_entries(cases: int) -> int:
    """100 entries a case (10 million at 100,000 cases: a few years of a large unit's
    reads), at most 10 million: at 1,000,000 cases 100 million entries would be some 40 GB
    and most of the time, so the national set keeps the 100k set's log unless asked."""
    return min(100 * cases, ACCESS_LOG_MAX_DEFAULT)
