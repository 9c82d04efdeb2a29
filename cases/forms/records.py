"""Consent to treatment under 18 (Barnets lov § 33) and the notification of concern
(Barnets lov § 133)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..records import ConsentForm, TreatmentConsent
from .fields import DATE_WIDGET, local_today

CUSTODY_CHOICES = [
    ("", _("Uændret")),
    ("sole", _("Én forældremyndighedsindehaver")),
    ("joint", _("Fælles forældremyndighed (to)")),
]


class TreatmentConsentForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    role = forms.ChoiceField(
        label=_("Hvem giver samtykke?"),
        choices=TreatmentConsent.Role.choices,
        widget=forms.RadioSelect,
    )
    given_on = forms.DateField(label=_("Givet den"), widget=DATE_WIDGET)
    form = forms.ChoiceField(
        label=_("Samtykket er givet"), choices=ConsentForm.choices, widget=forms.RadioSelect
    )
    custody = forms.ChoiceField(
        label=_("Forældremyndighed"),
        choices=CUSTODY_CHOICES,
        required=False,
        help_text=_("Ved fælles forældremyndighed skal begge give samtykke."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("given_on", local_today())
            self.initial.setdefault("form", ConsentForm.WRITTEN)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        custody = data.pop("custody", "")
        data["joint_custody"] = {"sole": False, "joint": True}.get(custody)
        return data


class ConcernNotificationForm(forms.Form):
    notified_on = forms.DateField(label=_("Underrettet den"), widget=DATE_WIDGET)
    recipient = forms.CharField(
        label=_("Modtager (kommune)"),
        max_length=200,
        help_text=_("Den kommune, hvor barnet bor."),
    )
    reason = forms.CharField(
        label=_("Årsag"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvad giver anledning til bekymring for barnet?"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("notified_on", local_today())
