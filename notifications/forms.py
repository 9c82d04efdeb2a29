from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.fields import DATE_WIDGET

from .models import FollowUp


class EmailPreferenceForm(forms.Form):
    wants_email = forms.BooleanField(
        label=_("Send mine påmindelser på e-mail"),
        required=False,
        help_text=_(
            "E-mailen siger kun, hvilken slags frist det drejer sig om, datoen og et link. "
            "Alle påmindelser står altid her i indbakken."
        ),
    )


class FollowUpOutcomeForm(forms.Form):
    """The outcome of a 1- or 6-month follow-up (BEK 1477/2019 § 4) and what was found."""

    outcome = forms.ChoiceField(
        label=_("Resultat"), choices=FollowUp.Outcome.choices, widget=forms.RadioSelect
    )
    done_on = forms.DateField(label=_("Dato for opfølgningen"), widget=DATE_WIDGET)
    use = forms.ChoiceField(
        label=_("Forbrug"),
        choices=[("", _("Vælg")), *FollowUp.Use.choices],
        required=False,
        help_text=_("Det, der blev fundet, registreres kun ved en holdt opfølgning."),
    )
    housing = forms.CharField(label=_("Bolig"), max_length=500, required=False)
    work = forms.CharField(label=_("Arbejde og uddannelse"), max_length=500, required=False)
    network = forms.CharField(label=_("Netværk"), max_length=500, required=False)
    needs_new_treatment = forms.BooleanField(
        label=_("Borgeren har behov for ny behandling"),
        required=False,
        help_text=_(
            "På en åben sag opretter det en anmodning om fornyet behandling med ny frist. "
            "En afsluttet sag kræver en ny sag."
        ),
    )


class FollowUpAttemptForm(forms.Form):
    """One dated attempt to reach the citizen."""

    attempted_on = forms.DateField(label=_("Dato for forsøget"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
