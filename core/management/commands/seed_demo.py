"""Load the Danish demo data set. Idempotent: running it again changes nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, USERS
from core.demo import seed_all


class Command(BaseCommand):
    help = "Opretter demodata: enheder, brugere, tilbud, sager og overgange."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Kør også når DEBUG er slået fra.")
        parser.add_argument("--list-logins", action="store_true", help="Vis demo-logins og afslut.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list_logins"]:
            for user in USERS:
                unit = user.unit or "-"
                self.stdout.write(f"  {user.username:<8} {user.role.label:<20} {unit}")
            return
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Demodata indlæses kun med DEBUG slået til (brug --force for at tvinge det)."
            )
        with transaction.atomic():
            created = seed_all()
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Demodata oprettet. Adgangskode: {DEMO_PASSWORD}")
            )
        else:
            self.stdout.write("Demodata findes allerede; intet ændret.")
