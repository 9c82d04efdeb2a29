"""A move through the case's lifecycle."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CaseMoveForm(forms.Form):
    action = forms.CharField(max_length=40)
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
