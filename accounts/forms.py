from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Brugernavn eller e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "Forkert brugernavn, e-mail eller adgangskode. Bemærk at der skelnes mellem store "
            "og små bogstaver i adgangskoden."
        ),
        "inactive": _("Denne konto er deaktiveret."),
    }


class ResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Indtast din registrerede e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
