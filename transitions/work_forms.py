"""The work agreement's form (DESIGN §5.12). It parses input; the service checks the consent
and the version and saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import WorkAgreement


class WorkAgreementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    work_functions = forms.CharField(
        label=_("Arbejdsfunktioner"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvad borgeren laver på arbejdet."),
    )
    accommodations = forms.CharField(
        label=_("Skånebehov"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fx nedsat tid de første uger, ingen nattevagter, fri til samtaler."),
    )
    starts_on = forms.DateField(
        label=_("Tilbage på arbejde"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    contact_name = forms.CharField(label=_("Kontaktperson hos arbejdsgiveren"), max_length=200)
    contact_phone = forms.CharField(
        label=_("Kontaktpersonens telefon"), max_length=40, required=False
    )
    contact_email = forms.EmailField(label=_("Kontaktpersonens e-mail"), required=False)
    notes = forms.CharField(
        label=_("Bemærkninger"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_for(cls, agreement: WorkAgreement | None) -> dict[str, Any]:
        if agreement is None:
            return {"version": 0}
        return {
            "version": agreement.version,
            "work_functions": agreement.work_functions,
            "accommodations": agreement.accommodations,
            "starts_on": agreement.starts_on,
            "contact_name": agreement.contact_name,
            "contact_phone": agreement.contact_phone,
            "contact_email": agreement.contact_email,
            "notes": agreement.notes,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["based_on_version"] = data.pop("version")
        return data
