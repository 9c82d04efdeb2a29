"""The holistic needs assessment, the doctor's consultation and the children in the home."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Case
from .fields import DATE_WIDGET, local_today
from .versioned import VersionedForm


class AssessmentForm(VersionedForm):
    """The holistic needs assessment, BEK 1477/2019 § 1 stk. 2: six topics."""

    substance_use = forms.CharField(
        label=_("Brug af rusmidler"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    social = forms.CharField(
        label=_("Sociale forhold, netværk og familie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    health = forms.CharField(
        label=_("Fysisk og psykisk helbred"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    work = forms.CharField(
        label=_("Arbejde og uddannelse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    has_job = forms.NullBooleanField(
        label=_("Har borgeren et arbejde?"),
        required=False,
        help_text=_(
            "Ja: overgangen foreslår at invitere arbejdsgiveren til det første statusmøde."
        ),
    )
    housing = forms.CharField(
        label=_("Bolig"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    other = forms.CharField(
        label=_("Andre relevante forhold"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    completed_on = forms.DateField(
        label=_("Afdækningen afsluttet"), required=False, widget=DATE_WIDGET
    )
    doctor_consultation_on = forms.DateField(
        label=_("Lægesamtale"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Ved medicinsk behandling (SUL § 142) skal lægesamtalen ligge før behandlingen."
        ),
    )
    children_in_home = forms.IntegerField(
        label=_("Antal børn under 18 i hjemmet"),
        required=False,
        min_value=0,
        max_value=20,
        help_text=_("Tomt: ikke oplyst. 0: ingen børn i hjemmet."),
    )
    children_ages = forms.CharField(
        label=_("Børnenes alder"),
        max_length=100,
        required=False,
        help_text=_("Fx »3 og 7 år«."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        for name in ("completed_on", "doctor_consultation_on"):
            day = data.get(name)
            if day and day > local_today():
                self.add_error(name, _("Datoen kan ikke ligge i fremtiden."))
        return data

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {
            "version": case.version,
            "substance_use": case.assessment_substance_use,
            "social": case.assessment_social,
            "health": case.assessment_health,
            "work": case.assessment_work,
            "has_job": case.has_job,
            "housing": case.assessment_housing,
            "other": case.assessment_other,
            "completed_on": case.assessment_completed_on,
            "doctor_consultation_on": case.doctor_consultation_on,
            "children_in_home": case.children_in_home,
            "children_ages": case.children_ages,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {"expected_version": data.pop("version"), **data}
