"""The holistic needs assessment, the doctor's consultation and the children in the home."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Case, HousingSituation, RouteOfUse, Substance, SubstitutionMedicine
from ..text_limits import LIMITS
from .fields import DATE_WIDGET, local_today
from .text import LimitedCharField
from .versioned import VersionedForm


class AssessmentForm(VersionedForm):
    """The holistic needs assessment, BEK 1477/2019 § 1 stk. 2: six topics."""

    substance_use = LimitedCharField(
        limit=LIMITS["cases.Case.assessment_substance_use"],
        label=_("Brug af rusmidler"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    social = LimitedCharField(
        limit=LIMITS["cases.Case.assessment_social"],
        label=_("Sociale forhold, netværk og familie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    health = LimitedCharField(
        limit=LIMITS["cases.Case.assessment_health"],
        label=_("Fysisk og psykisk helbred"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    work = LimitedCharField(
        limit=LIMITS["cases.Case.assessment_work"],
        label=_("Arbejde og uddannelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    has_job = forms.NullBooleanField(
        label=_("Har borgeren et arbejde?"),
        required=False,
        help_text=_(
            "Ja: overgangen foreslår at invitere arbejdsgiveren til det første statusmøde."
        ),
    )
    housing = LimitedCharField(
        limit=LIMITS["cases.Case.assessment_housing"],
        label=_("Bolig"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    other = LimitedCharField(
        limit=LIMITS["cases.Case.assessment_other"],
        label=_("Andre relevante forhold"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
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
    children_ages = LimitedCharField(
        limit=LIMITS["cases.Case.children_ages"],
        label=_("Børnenes alder"),
        required=False,
        help_text=_("Fx »3 og 7 år«."),
    )

    # The enrolment content the registers ask for (docs/registers.md §4.2); blank: not asked yet.
    primary_substance = forms.ChoiceField(
        label=_("Primært rusmiddel"),
        required=False,
        choices=[("", _("Ikke oplyst")), *Substance.choices],
        help_text=_("Det rusmiddel, borgeren først og fremmest søger behandling for."),
    )
    route_of_use = forms.ChoiceField(
        label=_("Indtagelsesmåde"),
        required=False,
        choices=[("", _("Ikke oplyst")), *RouteOfUse.choices],
        help_text=_("Hvordan det primære rusmiddel indtages."),
    )
    housing_situation = forms.ChoiceField(
        label=_("Boligsituation"),
        required=False,
        choices=[("", _("Ikke oplyst")), *HousingSituation.choices],
    )
    substitution_medicine = forms.ChoiceField(
        label=_("Substitutionsmedicin"),
        required=False,
        choices=[("", _("Ikke oplyst")), *SubstitutionMedicine.choices],
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
            "primary_substance": case.primary_substance,
            "route_of_use": case.route_of_use,
            "housing_situation": case.housing_situation,
            "substitution_medicine": case.substitution_medicine,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {"expected_version": data.pop("version"), **data}
