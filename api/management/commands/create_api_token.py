"""`manage.py create_api_token <username> <name>`: make an API token and print the key once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.services import api_token_create


class Command(BaseCommand):
    help = "Opret en API-nøgle til en bruger og vis nøglen én gang. / Create an API token."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="Hvilket system bruger nøglen / what uses the key")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Ingen bruger med brugernavnet {username!r}.")
        if not user.is_active:
            raise CommandError(f"Brugeren {username!r} er ikke aktiv.")
        new = api_token_create(user=user, name=name)
        self.stderr.write(
            f"API-nøgle {new.token.name!r} oprettet for {username} "
            f"(præfiks {new.token.prefix}). Nøglen vises kun nu:"
        )
        # The key alone on stdout, so that a script can capture it.
        self.stdout.write(new.key)
