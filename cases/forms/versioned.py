"""Edit forms based on a version of the case (optimistic concurrency)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .text import StoredTextsMixin

STALE_VERSION_MESSAGE = _(
    "Sagen er ændret af en anden, siden du åbnede den. Dine indtastninger er bevaret herunder: "
    "se sagens aktuelle oplysninger, og gem igen, hvis dine ændringer stadig skal med."
)


class VersionedForm(StoredTextsMixin, forms.Form):
    """An edit form based on a version of the case (optimistic concurrency). Its `initial`
    is the stored record: a stored text over its limit may be sent back unchanged."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
