"""Serializer building blocks: strict input (unknown fields rejected), bounded text."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Upper bounds on text input: a long free-text field (a plan section, minutes) and a short one.
LONG_TEXT = 20_000
SHORT_TEXT = 300


class StrictSerializer(serializers.Serializer):
    """Rejects fields it does not know with a 400 instead of silently ignoring them: a client
    that misspells a field must hear about it, not lose the data."""

    default_error_messages = {"unknown_field": _("Ukendt felt.")}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(key) for key in data if key not in writable)
            if unknown:
                raise serializers.ValidationError(
                    {key[:100]: [self.error_messages["unknown_field"]] for key in unknown}
                )
        return super().to_internal_value(data)


def text_field(max_length: int = LONG_TEXT, **kwargs: Any) -> serializers.CharField:
    """A text input that may be empty, bounded, without NUL bytes (DRF's CharField already
    refuses "\\x00", which PostgreSQL cannot store, and lone surrogates)."""
    kwargs.setdefault("allow_blank", True)
    kwargs.setdefault("required", False)
    return serializers.CharField(max_length=max_length, **kwargs)
