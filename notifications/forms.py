from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EmailPreferenceForm(forms.Form):
    wants_email = forms.BooleanField(
        label=_("Send mine påmindelser på e-mail"),
        required=False,
        help_text=_(
            "E-mailen siger kun, hvilken slags frist det drejer sig om, datoen og et link. "
            "Alle påmindelser står altid her i indbakken."
        ),
    )
