"""Opening a case after an inquiry."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit, User

from ..access import case_default_caseworker, case_default_team
from ..models import LegalBasis, Substance
from ..text_limits import LIMITS
from .fields import DATE_WIDGET, UserChoiceField, caseworker_queryset, local_today, team_queryset
from .text import LimitedCharField


class CaseCreateForm(forms.Form):
    legal_basis = forms.ChoiceField(
        label=_("Lovgrundlag"), choices=[("", _("Vælg lovgrundlag")), *LegalBasis.choices]
    )
    inquiry_date = forms.DateField(
        label=_("Henvendelsesdato"),
        widget=DATE_WIDGET,
        help_text=_(
            "Dagen for borgerens første anmodning om behandling, mundtlig eller skriftlig. "
            "Behandlingsgarantiens 14 dage regnes herfra."
        ),
    )
    substances = forms.MultipleChoiceField(
        label=_("Rusmidler"),
        required=False,
        choices=Substance.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Unit.objects.none())
    caseworker = UserChoiceField(
        label=_("Sagsbehandler"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Ingen endnu"),
    )
    inquiry_note = LimitedCharField(
        limit=LIMITS["cases.Case.inquiry_note"],
        label=_("Henvendelsen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvem henvendte sig, hvordan, og hvad drejer det sig om?"),
    )
    regional_dual_diagnosis = forms.BooleanField(
        label=_("Henvist til regional integreret behandling af dobbeltdiagnose (SUL § 82 c)"),
        required=False,
        help_text=_("Sådanne sager er ikke omfattet af den kommunale behandlingsgaranti."),
    )

    def __init__(self, *args: Any, citizen: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.citizen = citizen
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = team_queryset()
        cast(forms.ModelChoiceField, self.fields["caseworker"]).queryset = caseworker_queryset()
        if not self.is_bound:
            self.initial.setdefault("inquiry_date", local_today())
            team = case_default_team(user)
            if team is not None:
                self.initial.setdefault("team", team.pk)
            caseworker = case_default_caseworker(user, team)
            if caseworker is not None:
                self.initial.setdefault("caseworker", caseworker.pk)
            if citizen.is_anonymous:
                self.initial.setdefault("legal_basis", LegalBasis.SEL101A)

    def clean_inquiry_date(self) -> date:
        value = self.cleaned_data["inquiry_date"]
        if value > local_today():
            raise ValidationError(_("Henvendelsesdatoen kan ikke ligge i fremtiden."))
        return value

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "legal_basis": data["legal_basis"],
            "inquiry_date": data["inquiry_date"],
            "team": data["team"],
            "caseworker": data["caseworker"],
            "substances": tuple(data["substances"]),
            "inquiry_note": data["inquiry_note"],
            "regional_dual_diagnosis": data["regional_dual_diagnosis"],
        }
