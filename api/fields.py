"""Serializer building blocks: strict input (unknown fields rejected, JSON types as the schema
says), bounded text."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases import text_limits
from cases.forms.text import TextLimitValidator
from cases.text_limits import is_unchanged

# Upper bounds on text input, from the one table of limits (cases.text_limits): a long
# free-text field (a plan section, minutes) and a one-line one.
LONG_TEXT = text_limits.LONG
SHORT_TEXT = text_limits.LINE


# The JSON type the schema documents for each kind of DRF field (drf-spectacular maps the
# subclasses the same way: EmailField and URLField are strings, ...). DRF itself coerces: a
# CharField takes 0 as "0", a BooleanField takes 1 and "yes", an IntegerField takes "7" and
# 7.0. A client that sends a number where the schema says text has a bug it must hear about.
_JSON_TYPES: tuple[tuple[type[serializers.Field], tuple[type, ...]], ...] = (
    (serializers.BooleanField, (bool,)),
    (serializers.IntegerField, (int,)),
    (serializers.FloatField, (int, float)),
    (serializers.CharField, (str,)),
)


def json_type_errors(fields: Any, data: dict[Any, Any]) -> dict[str, Any]:
    """Field errors for the values in `data` whose JSON type is not the one the field's schema
    documents (null is left to the field: allow_null decides)."""
    errors: dict[str, Any] = {}
    for name, field in fields.items():
        if field.read_only or name not in data or data[name] is None:
            continue
        value = data[name]
        for field_class, types in _JSON_TYPES:
            if isinstance(field, field_class):
                # bool is an int in Python, never in JSON.
                if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
                    message = field.error_messages.get("invalid", _("Forkert type."))
                    errors[name] = [str(message)]
                break
    return errors


class StrictInputMixin:
    """Input as the schema says, or a 400:

    - a field the serializer does not know is refused instead of silently ignored (a client
      that misspells a field must hear about it, not lose the data);
    - a value of another JSON type than the field's is refused instead of coerced
      (`"agenda": 0`, `"held": 1`, `"version": "3"`).

    For every input serializer of the API (StrictSerializer, StrictModelSerializer), so that a
    new endpoint's input is strict without saying so."""

    fields: Any

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(key) for key in data if key not in writable)
            if unknown:
                raise serializers.ValidationError(
                    {key[:100]: [_("Ukendt felt.")] for key in unknown}
                )
            errors = json_type_errors(self.fields, data)
            if errors:
                # Together with the other fields' errors, as DRF reports them all at once.
                rest = {key: value for key, value in data.items() if key not in errors}
                try:
                    super().to_internal_value(rest)  # type: ignore[misc]
                except serializers.ValidationError as exc:
                    if isinstance(exc.detail, dict):
                        errors = {
                            **{str(key): value for key, value in exc.detail.items()},
                            **errors,
                        }
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)  # type: ignore[misc]


class StrictSerializer(StrictInputMixin, serializers.Serializer):
    """The base of every input serializer (see StrictInputMixin)."""


class StrictModelSerializer(StrictInputMixin, serializers.ModelSerializer):
    """The base of an input serializer built from a model (see StrictInputMixin): the fields
    the model generates are held to their JSON types like declared ones."""


def text_field(max_length: int = LONG_TEXT, **kwargs: Any) -> serializers.CharField:
    """A text input that may be empty, bounded, without NUL bytes (DRF's CharField already
    refuses "\\x00", which PostgreSQL cannot store, and lone surrogates). The bound is
    published as the schema's `maxLength`; take it from cases.text_limits."""
    kwargs.setdefault("allow_blank", True)
    kwargs.setdefault("required", False)
    return LimitedTextField(max_length=max_length, **kwargs)


class LimitedTextField(serializers.CharField):
    """A CharField whose limit is the schema's maxLength (with the forms' Danish message,
    cases.forms.text.TextLimitValidator) and that lets a text already stored over the limit
    be sent back unchanged: the view passes the stored texts as `stored_texts` in the
    serializer's context (validated_input(stored=...)). A changed text must fit."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        assert self.max_length is not None
        self.validators = [
            TextLimitValidator(self.max_length) if isinstance(v, MaxLengthValidator) else v
            for v in self.validators
        ]

    def _stored(self) -> str | None:
        root = self.root
        stored = (getattr(root, "context", None) or {}).get("stored_texts") or {}
        value = stored.get(self.field_name)
        return value if isinstance(value, str) else None

    def run_validators(self, value: Any) -> None:
        if isinstance(value, str) and is_unchanged(value, self._stored()):
            kept = self.validators
            self.validators = [v for v in kept if not isinstance(v, MaxLengthValidator)]
            try:
                super().run_validators(value)
            finally:
                self.validators = kept
            return
        super().run_validators(value)
