"""Giving the case to another caseworker (and team)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit, User

from .. import text_limits
from .fields import UserChoiceField, caseworker_queryset, team_queryset
from .text import LimitedCharField


class ReassignForm(forms.Form):
    caseworker = UserChoiceField(label=_("Ny sagsbehandler"), queryset=User.objects.none())
    team = forms.ModelChoiceField(
        label=_("Team"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("Uændret"),
        help_text=_("Vælg kun et team, hvis sagen skal flytte team."),
    )

    reason = LimitedCharField(
        limit=text_limits.REASSIGN_REASON,
        label=_("Begrundelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skal udfyldes, når sagen flytter til et andet team."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["caseworker"]).queryset = caseworker_queryset()
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = team_queryset()
