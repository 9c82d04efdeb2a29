"""Moving all of a leaving caseworker's cases to others of the team (DESIGN §5.10)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit

from .. import text_limits
from .fields import UserChoiceField, caseworker_queryset
from .text import LimitedCharField


class ColleagueMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class CaseloadMoveForm(forms.Form):
    from_caseworker = UserChoiceField(label=_("Sagsbehandler, der stopper"), queryset=None)
    to_caseworkers = ColleagueMultipleChoiceField(
        label=_("Overtages af"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vælg én, der overtager alle sager, eller flere, der får dem på skift."),
    )
    reason = LimitedCharField(
        limit=text_limits.CASELOAD_MOVE_REASON,
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Står på hver sag."),
        error_messages={"required": _("Skriv en begrundelse. Den står på hver sag.")},
    )

    def __init__(self, *args: Any, team: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        colleagues = caseworker_queryset().filter(unit=team)
        cast(forms.ModelChoiceField, self.fields["from_caseworker"]).queryset = colleagues
        cast(forms.ModelMultipleChoiceField, self.fields["to_caseworkers"]).queryset = colleagues
