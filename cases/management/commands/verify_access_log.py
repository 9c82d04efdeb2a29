"""`python manage.py verify_access_log`: check the access log's hash chain (DESIGN §1)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cases.access_log import access_log_verify
from cases.models import AccessLog


class Command(BaseCommand):
    help = "Kontrollér at ingen poster i adgangsloggen er slettet eller ændret."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = access_log_verify()
        if problems:
            for problem in problems:
                where = f"post {problem.entry_id}" if problem.entry_id else "nyeste post"
                self.stderr.write(f"{where}: {problem.message}")
            raise CommandError(f"Adgangsloggen er ikke intakt: {len(problems)} problem(er) fundet.")
        count = AccessLog.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Adgangsloggen er intakt ({count} poster)"))
