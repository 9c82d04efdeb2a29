"""The request's input: validated by a strict input serializer, and ids turned into
objects the user may see (an id the user may not see is the same 400 as one that does
not exist)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


def _not_found_field(field: str) -> ValidationError:
    # The same answer for an id that does not exist and one the user may not see.
    return ValidationError({field: [_("Findes ikke, eller du har ikke adgang.")]})


def pick(queryset: QuerySet[Any], pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise _not_found_field(field)
    return obj


def validated_input(
    serializer_class: type[serializers.Serializer],
    request: Request,
    *,
    stored: dict[str, Any] | None = None,
    **kw: Any,
) -> Any:
    """The validated input. `stored`: the texts of the record the input edits, field name ->
    stored value; one stored longer than its limit may be sent back unchanged
    (api.fields.LimitedTextField)."""
    if stored is not None:
        kw["context"] = {**kw.get("context", {}), "stored_texts": stored}
    serializer = serializer_class(data=request.data, **kw)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
