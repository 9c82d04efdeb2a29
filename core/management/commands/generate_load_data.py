"""`manage.py generate_load_data --cases 100000`: a large data set for the benchmarks in bench/.

The work is done by bench.loaddata; this command parses options and prints progress.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import loaddata


def cpu_seconds() -> tuple[float, float | None]:
    """The CPU time this process used, and that of its PostgreSQL server process when the
    server runs on this machine (read from /proc): on a shared machine the wall time says
    little, and the larger of the two bounds the run on two free cores."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    python = usage.ru_utime + usage.ru_stime
    if connection.vendor != "postgresql":
        return python, None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return python, None
    # utime and stime are the 14th and 15th fields, counted from the state (the 3rd).
    return python, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Command(BaseCommand):
    help = (
        "Opretter et stort, realistisk datasæt til belastningstest (enheder, brugere, tilbud, "
        "borgere, sager, forløb, overgange og adgange) med bulk-indsættelser. "
        f'Enheder hedder "{loaddata.UNIT_PREFIX}…", brugere "{loaddata.USERNAME_PREFIX}…" '
        f'(adgangskode "{loaddata.PASSWORD}").'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=100_000, help="Antal sager (100000).")
        parser.add_argument("--seed", type=int, default=1, help="Tilfældighedsfrø (1).")
        parser.add_argument(
            "--access-log",
            type=int,
            default=None,
            help="Antal adgangslog-poster (100 pr. sag, højst 10000000; kun PostgreSQL).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Slet tidligere genererede load-data først (demodata røres ikke).",
        )
        parser.add_argument(
            "--reset-only", action="store_true", help="Slet load-data og opret intet."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["reset"] or options["reset_only"]:
            try:
                deleted = loaddata.reset(log=self.stdout.write)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
            total = sum(deleted.values())
            self.stdout.write(
                f"Slettet {total} rækker ({time.monotonic() - started:.1f} s): "
                + ", ".join(f"{label} {count}" for label, count in sorted(deleted.items()))
            )
            if options["reset_only"]:
                return
        elif loaddata.has_load_data():
            raise CommandError("Der findes allerede load-data. Brug --reset for at lave dem om.")
        if options["cases"] < 1:
            raise CommandError("--cases skal være mindst 1.")
        self.stdout.write(f"Genererer {options['cases']} sager (frø {options['seed']}) …")
        try:
            result = loaddata.generate(
                cases=options["cases"],
                seed=options["seed"],
                access_log_entries=options["access_log"],
                log=self.stdout.write,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        python, database = cpu_seconds()
        memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        self.stdout.write(
            f"CPU-tid: Python {python:.1f} s, PostgreSQL-serverprocessen {database:.1f} s; "
            f"hukommelse højst {memory} MB"
            if database is not None
            else f"CPU-tid: Python {python:.1f} s; hukommelse højst {memory} MB"
        )
        for label, count in sorted(result.counts.items()):
            self.stdout.write(f"  {label:<40} {count:>9}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.cases} sager genereret på {time.monotonic() - started:.1f} s "
                f'(log ind som f.eks. "{loaddata.USERNAME_PREFIX}sagsbehandler0001", '
                f'adgangskode "{loaddata.PASSWORD}").'
            )
        )
