"""A consent and its withdrawal."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Consent, InformationKind, PartyKind
from ..text_limits import LIMITS
from .fields import DATE_WIDGET, local_today
from .text import LimitedCharField


class ConsentForm(forms.Form):
    """A specific consent (Retssikkerhedsloven § 11 a)."""

    party_kind = forms.ChoiceField(
        label=_("Part"), choices=[("", _("Vælg part")), *PartyKind.choices]
    )
    party_name = LimitedCharField(
        limit=LIMITS["cases.Consent.party_name"],
        label=_("Partens navn"),
        help_text=_("Fx arbejdsgiverens firmanavn eller den pårørendes navn."),
    )
    information_kinds = forms.MultipleChoiceField(
        label=_("Hvilke oplysninger må videregives?"),
        choices=InformationKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = LimitedCharField(
        limit=LIMITS["cases.Consent.purpose"],
        label=_("Formål"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    form = forms.ChoiceField(
        label=_("Samtykket er givet"), choices=Consent.Form.choices, widget=forms.RadioSelect
    )
    valid_from = forms.DateField(label=_("Gyldigt fra"), widget=DATE_WIDGET)
    valid_to = forms.DateField(
        label=_("Gyldigt til"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Lad feltet stå tomt, hvis samtykket gælder, til det trækkes tilbage."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_from", local_today())
            self.initial.setdefault("form", Consent.Form.WRITTEN)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        if data.get("party_kind") == PartyKind.EMPLOYER and data.get("form") == Consent.Form.ORAL:
            self.add_error(
                "form", _("Videregivelse til en arbejdsgiver kræver altid skriftligt samtykke.")
            )
        valid_from, valid_to = data.get("valid_from"), data.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("Slutdatoen kan ikke ligge før startdatoen."))
        return data


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Trukket tilbage den"), widget=DATE_WIDGET)
    reason = LimitedCharField(
        limit=LIMITS["cases.Consent.withdrawn_reason"],
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx »Borgeren har ringet og trukket samtykket tilbage«."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("withdrawn_on", local_today())

    def clean_withdrawn_on(self) -> date:
        value = self.cleaned_data["withdrawn_on"]
        if value > local_today():
            raise ValidationError(_("Datoen kan ikke ligge i fremtiden."))
        return value
