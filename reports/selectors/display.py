"""How the reports show a share and a person."""

from __future__ import annotations

from django.utils.translation import gettext as _


def share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def person(first_name: str | None, last_name: str | None) -> str:
    name = f"{first_name or ''} {last_name or ''}".strip()
    return name or _("Ikke tildelt")
