"""Making a data set: the three phases in one transaction."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from .citizens import assign_numbers, simulate_citizens
from .constants import BATCH_SIZE, CHUNK_CASES, Log
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
    log: Log = lambda _message: None,
) -> Result:
    """Create the data set with `cases` cases. Raises ValueError if load data already exists."""
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
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics, so that the planner knows the tables are large now.
            cursor.execute("ANALYZE")
    return Result(cases=done, seconds=time.monotonic() - started, counts=writer.counts)
