"""A citizen's details."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import cpr as cpr_rules
from .fields import DATE_WIDGET


class CitizenForm(forms.Form):
    is_anonymous = forms.BooleanField(
        label=_("Anonym borger (ingen CPR-nummer)"),
        required=False,
        help_text=_(
            "Kun ved anonym ambulant stofbehandling (SEL § 101 a) og anonym alkoholbehandling "
            "(SUL § 141, stk. 7). Brug et alias i stedet for navn og CPR-nummer."
        ),
    )
    alias = forms.CharField(label=_("Alias"), max_length=100, required=False)
    first_name = forms.CharField(
        label=_("Fornavn"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = forms.CharField(
        label=_("Efternavn"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    cpr = forms.CharField(
        label=_("CPR-nummer"),
        max_length=11,
        required=False,
        help_text=_("DDMMÅÅ-XXXX. Fødselsdatoen udfyldes ud fra CPR-nummeret."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    birth_date = forms.DateField(label=_("Fødselsdato"), required=False, widget=DATE_WIDGET)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postal_code = forms.CharField(
        label=_("Postnummer"),
        max_length=4,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    city = forms.CharField(label=_("By"), max_length=100, required=False)
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean_cpr(self) -> str:
        value = (self.cleaned_data.get("cpr") or "").strip()
        if not value:
            return ""
        try:
            return cpr_rules.parse_cpr(value)
        except ValueError as exc:
            # The rule's message never repeats the number itself.
            raise ValidationError(str(exc)) from exc

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        anonymous = bool(data["is_anonymous"])
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            # Passed on even for an anonymous citizen, so the service refuses the mix loudly.
            "cpr": data["cpr"] or None,
            "birth_date": data["birth_date"],
            "is_anonymous": anonymous,
            "alias": data["alias"],
            "address": data["address"],
            "postal_code": data["postal_code"],
            "city": data["city"],
            "phone": data["phone"],
            "email": data["email"],
        }

    @classmethod
    def initial_for(cls, citizen: Any) -> dict[str, Any]:
        return {name: getattr(citizen, name) for name in cls.base_fields} | {
            "cpr": citizen.cpr or ""
        }
