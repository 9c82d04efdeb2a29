from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Consent

from .formatting import da_month
from .models import ReportJob
from .register_codes import Register
from .selectors import Period, month_period

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The register extract is checked before reporting by the 15th of the following month; two
# years back covers corrections of last year's figures.
REGISTER_MONTHS_BACK = 24


def default_period(today: date) -> Period:
    """The six calendar months up to and including the current one."""
    start = today.replace(day=1)
    for _month in range(5):
        start = (start - timedelta(days=1)).replace(day=1)
    return Period(start, today)


class ManagerReportForm(forms.Form):
    period_start = forms.DateField(label=_("Fra og med"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Til og med"), widget=DATE_WIDGET)
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=ReportJob.Format.choices,
        initial=ReportJob.Format.PDF,
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Slutdatoen ligger før startdatoen."))
        if start and start > timezone.localdate():
            self.add_error("period_start", _("Perioden kan ikke begynde i fremtiden."))
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["period_start"], self.cleaned_data["period_end"])


def _month_choices(today: date) -> list[tuple[str, str]]:
    month = today.replace(day=1)
    choices = []
    for _index in range(REGISTER_MONTHS_BACK):
        choices.append((month.strftime("%Y-%m"), da_month(month).capitalize()))
        month = (month - timedelta(days=1)).replace(day=1)
    return choices


REGISTER_CHOICES = [
    (
        Register.DRUG_SOCIAL.value,
        _("Stofmisbrugsdatabasen: social behandling (SEL § 101, BL § 33)"),
    ),
    (Register.DRUG_MEDICAL.value, _("Stofmisbrugsdatabasen: medicinsk behandling (SUL § 142)")),
    (Register.ALCOHOL.value, _("Alkoholbehandlingsregistret (SUL § 141)")),
]


class RegisterMonthForm(forms.Form):
    """A month of the register reporting: the check list's and the extracts'."""

    maaned = forms.ChoiceField(label=_("Måned"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        cast(forms.ChoiceField, self.fields["maaned"]).choices = _month_choices(today)
        # Default: last month, the one due for reporting by the 15th of this month.
        self.fields["maaned"].initial = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")

    @property
    def period(self) -> Period:
        year, month = self.cleaned_data["maaned"].split("-")
        return month_period(date(int(year), int(month), 1))


class RegisterExtractForm(RegisterMonthForm):
    register = forms.ChoiceField(
        label=_("Register"), choices=REGISTER_CHOICES, initial=Register.DRUG_SOCIAL.value
    )

    @property
    def chosen_register(self) -> Register:
        return Register(self.cleaned_data["register"])


class CaseReportForm(forms.Form):
    fuldt_cpr = forms.BooleanField(label=_("Vis fuldt CPR-nummer"), required=False)


class ExternalCaseReportForm(forms.Form):
    samtykke = forms.ModelChoiceField(
        label=_("Modtager (efter samtykke)"), queryset=Consent.objects.none()
    )
    fuldt_cpr = forms.BooleanField(label=_("Vis fuldt CPR-nummer"), required=False)

    def __init__(
        self, *args: Any, case: Case, consents: list[Consent] | None = None, **kwargs: Any
    ) -> None:
        """`consents`: the case's consents where the page has read them; the unbound form's
        choices are then built from them instead of a query."""
        super().__init__(*args, **kwargs)
        # Only the case's own consents can be chosen; validity is checked by the service.
        field = cast(forms.ModelChoiceField, self.fields["samtykke"])
        field.queryset = Consent.objects.filter(case=case)
        if consents is not None:
            choice = field.iterator(field).choice
            empty = [] if field.empty_label is None else [("", field.empty_label)]
            field.choices = [*empty, *(choice(row) for row in consents)]
