"""Free-text form fields with a limit from cases.text_limits: the limit said under the field
("Højst 2.000 tegn."), a Danish error that says how much was written, and a text already
stored over its limit accepted back unchanged (see text_limits.accepts_text)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..text_limits import LIMITS, accepts_text, text_length


def grouped(number: int) -> str:
    """2000 as the reader writes it: "2.000" in Danish, "2,000" in English."""
    return number_format(number, force_grouping=True)


TOO_LONG = _("Højst %(limit)s tegn (du har skrevet %(count)s).")


class TextLimitValidator(MaxLengthValidator):
    """Django's MaxLengthValidator (so the API schema publishes `maxLength`) that says both
    numbers as the reader writes them. It counts characters as JSON Schema's maxLength does:
    an API client's "\r\n" is two (a form's field counts a browser's line break once)."""

    message = TOO_LONG

    def __call__(self, value: Any) -> None:
        count = self.clean(value)
        if count > self.limit_value:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit": grouped(self.limit_value), "count": grouped(count)},
            )


class LimitedCharField(forms.CharField):
    """A text field limited to `limit` characters (a line break counts as one).

    No `maxlength` on the control: a browser would silently cut a pasted text at the limit,
    and the writer would not know what was lost. The server says how much was written instead,
    and the form keeps all of it."""

    default_error_messages = {"max_length": TOO_LONG}

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.limit = limit
        # The stored text this form edits, accepted back unchanged even when over the limit;
        # set by StoredTextsMixin from the form's initial data.
        self.stored: str | None = None

    @property
    def limit_text(self) -> str:
        """The limit as the hint under the field says it, in the active language."""
        return gettext("Højst %(limit)s tegn.") % {"limit": grouped(self.limit)}

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not accepts_text(value, self.limit, self.stored):
            raise ValidationError(
                self.error_messages["max_length"],
                code="max_length",
                params={"limit": grouped(self.limit), "count": grouped(text_length(value))},
            )


class StoredTextsMixin:
    """For an edit form: a text already stored longer than its limit (the form's initial
    value) may be saved again unchanged; changed, it must fit. The view passes the stored
    values as `initial` on POST too."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, LimitedCharField):
                stored = self.get_initial_for_field(field, name)  # type: ignore[attr-defined]
                field.stored = stored if isinstance(stored, str) else None


def limited_text_area(
    limit_key: str, *, label: Any, rows: int, required: bool = False, **kwargs: Any
) -> LimitedCharField:
    """A multi-line text field with the limit of `limit_key` in cases.text_limits.LIMITS (the
    model field it is stored in, "app.Model.field")."""
    return LimitedCharField(
        limit=LIMITS[limit_key],
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )
