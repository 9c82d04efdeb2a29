"""The checks every case service makes: the actor's permission, an open case, today's date, and
the field errors that a form shows all at once. (Whether a user is a caseworker of a team is
an ownership rule: cases.access.is_caseworker_of.)"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import has_case_perm
from ..models import Case


class Errors:
    """Collects field errors so that a form shows all of them at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: str, code: str = "invalid") -> None:
        self.errors.setdefault(field, []).append(ValidationError(message, code=code))

    def add_all(self, field: str, messages: list[str], code: str = "invalid") -> None:
        for message in messages:
            self.add(field, message, code)

    def merge(self, exc: ValidationError) -> None:
        for field, messages in exc.message_dict.items():
            if field not in self.errors:  # our own, more specific message wins
                self.errors[field] = [ValidationError(m) for m in messages]

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def local_today() -> date:
    return timezone.localdate()


def require_perm(actor: User, perm: str, case: Case | None = None) -> None:
    allowed = actor.has_perm(perm) if case is None else has_case_perm(actor, perm, case)
    if not getattr(actor, "is_active", False) or not allowed:
        raise PermissionDenied(_("Du har ikke adgang til at foretage denne ændring."))


def require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(
            _("Sagen er afsluttet og kan ikke ændres. Opret en ny sag ved en ny henvendelse."),
            code="closed",
        )
