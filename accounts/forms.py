from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    AuthenticationForm,
    PasswordResetForm,
    UserChangeForm,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import USERNAME_TAKEN, User
from .roles import role_label


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


def username_taken(username: str, *, instance: User | None) -> bool:
    """Another user has `username`, whatever the case of its letters (the database's
    accounts_user_username_unique_ci says the same)."""
    others = User.objects.filter(username__iexact=username)
    if instance is not None and instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    return others.exists()


class UserAdminCreationForm(AdminUserCreationForm):
    """The admin's new-user form, with the case-insensitive username in Danish on the field."""

    def clean_username(self) -> str:
        username: str = self.cleaned_data.get("username") or ""
        if username and username_taken(username, instance=None):
            raise ValidationError(USERNAME_TAKEN, code="unique")
        return username


class UserAdminChangeForm(UserChangeForm):
    """The admin's user form: renaming `jonas` to `Lise` is refused when `lise` exists. The
    role groups are named in the reader's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = self.fields.get("groups")
        if isinstance(groups, forms.ModelMultipleChoiceField):
            groups.label_from_instance = lambda group: role_label(group.name)  # type: ignore[method-assign,assignment]

    def clean_username(self) -> str:
        username: str = self.cleaned_data.get("username") or ""
        if username and username_taken(username, instance=self.instance):
            raise ValidationError(USERNAME_TAKEN, code="unique")
        return username


class ColleagueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class DeputyshipForm(forms.Form):
    """Name a deputy for a period of absence (DESIGN §5.10)."""

    deputy = ColleagueChoiceField(label=_("Stedfortræder"), queryset=None)
    starts_on = forms.DateField(
        label=_("Fra"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Til og med"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["deputy"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates
