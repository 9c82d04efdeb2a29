"""The case row locked for a change, at the version the form saw (optimistic concurrency)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Case


class ConcurrentEditError(ValidationError):
    """Someone else saved the case after the form was opened (optimistic concurrency)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _("Sagen er ændret af en anden, siden du åbnede den. Genindlæs og prøv igen."),
            code="concurrent_edit",
        )


def lock_case(case: Case | int, *, expected_version: int | None = None) -> Case:
    """The case row, locked for the rest of the transaction, at the version the form saw."""
    pk = case.pk if isinstance(case, Case) else case
    locked = Case.objects.select_for_update().get(pk=pk)
    if expected_version is not None and int(expected_version) != locked.version:
        raise ConcurrentEditError
    return locked
