"""`python manage.py retention_run`: the nightly retention run, by hand (after a restore,
before users are let in: docs/retention.md §5 and §6)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rights.retention.run import retention_run


class Command(BaseCommand):
    help = "Slet det, hvis frist er udløbet, efter de bekræftede slettefrister (docs/retention.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = retention_run()
        self.stdout.write(json.dumps({"counts": run.counts, "unconfirmed": run.unconfirmed}))
        if run.problem:
            raise CommandError(run.problem)
