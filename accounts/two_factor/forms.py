"""The code forms of the two-factor pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode fra godkendelsesappen"),
        help_text=_("De 6 cifre, som appen viser lige nu."),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        help_text=_(
            "De 6 cifre fra din godkendelsesapp. Har du ikke telefonen, kan du bruge en af "
            "dine gendannelseskoder."
        ),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )
