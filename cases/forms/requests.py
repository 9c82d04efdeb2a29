"""A further treatment request in an open case (renewed treatment, combination treatment)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import LegalBasis, TreatmentRequest
from ..text_limits import LIMITS
from .fields import DATE_WIDGET
from .text import LimitedCharField


class RequestCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Anmodningen gælder"),
        choices=[
            (TreatmentRequest.Kind.RENEWED.value, _("Fornyet behandling (tilbagefald, nyt behov)")),
            (
                TreatmentRequest.Kind.COMBINATION.value,
                _("Kombinationsbehandling (et andet lovgrundlag i samme forløb)"),
            ),
        ],
        widget=forms.RadioSelect,
    )
    legal_basis = forms.ChoiceField(label=_("Lovgrundlag"), choices=LegalBasis.choices)
    requested_on = forms.DateField(
        label=_("Anmodningsdato"),
        widget=DATE_WIDGET,
        help_text=_("Fristen på 14 dage regnes fra anmodningen."),
    )
    note = LimitedCharField(
        limit=LIMITS["cases.TreatmentRequest.note"],
        label=_("Anmodningen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    regional_dual_diagnosis = forms.BooleanField(
        label=_("Henvist til regional integreret behandling af dobbeltdiagnose (SUL § 82 c)"),
        required=False,
    )


class DoctorConsultationForm(forms.Form):
    offered_on = forms.DateField(label=_("Lægesamtale tilbudt"), required=False, widget=DATE_WIDGET)
    held_on = forms.DateField(label=_("Lægesamtale holdt"), required=False, widget=DATE_WIDGET)
    declined_on = forms.DateField(
        label=_("Lægesamtale afslået"), required=False, widget=DATE_WIDGET
    )
