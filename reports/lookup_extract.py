"""The citizen's look-up extract (DESIGN §10): the period form, the PDF and the CSV.

No user is named anywhere in it, not even the one who prints it ("Udskrevet af" names the
printer's unit): the citizen learns when, by which unit and for what purpose their data was
looked up, not by whom (Datatilsynet 2024, following the CJEU's C-579/21).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from cases.access_log import access_log_record
from cases.models import AccessLog, Citizen

from .csv_export import csv_bytes
from .pdf import render_pdf
from .selectors.lookups import Lookup, citizen_lookups
from .selectors.periods import Period

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FORMATS = (("pdf", "PDF"), ("csv", "CSV"))


def default_period(today: date) -> Period:
    """The last twelve months up to today."""
    return Period(today - timedelta(days=365), today)


class LookupExtractForm(forms.Form):
    fra = forms.DateField(label=_lazy("Fra og med"), widget=DATE_WIDGET)
    til = forms.DateField(label=_lazy("Til og med"), widget=DATE_WIDGET)
    format = forms.ChoiceField(
        label=_lazy("Format"), choices=FORMATS, initial="pdf", widget=forms.RadioSelect
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        start, end = data.get("fra"), data.get("til")
        if start and end and end < start:
            self.add_error("til", _("Slutdatoen ligger før startdatoen."))
        if start and start > timezone.localdate():
            self.add_error("fra", _("Perioden kan ikke begynde i fremtiden."))
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["fra"], self.cleaned_data["til"])


def lookup_extract_context(*, citizen: Citizen, period: Period, user: User) -> dict[str, Any]:
    now = timezone.localtime()
    unit = getattr(user, "unit", None)
    return {
        "document_title": _("Opslag i dine oplysninger"),
        "citizen": citizen,
        "period": period,
        "lookups": citizen_lookups(citizen=citizen, period=period),
        "issuing_unit": unit,
        # The printer's unit, never the printer (see the module's docstring).
        "issued_by": unit.name if unit else _("Overgang"),
        "issued_at": now,
        "issued_on": now.date(),
    }


def lookup_extract_pdf(*, citizen: Citizen, period: Period, user: User) -> bytes:
    with translation.override("da"):  # the context's texts are Danish as the PDF (reports.pdf)
        context = lookup_extract_context(citizen=citizen, period=period, user=user)
    return render_pdf("reports/print/lookup_extract.html", context)


def _rows(lookups: list[Lookup]) -> list[list[object]]:
    header: list[object] = [
        _("Dato"),
        _("Klokken"),
        _("Enhed"),
        _("Formål"),
        _("Handling"),
        _("Sag"),
    ]
    return [header] + [
        [
            row.at.date(),
            row.at.strftime("%H:%M"),
            row.unit,
            row.purpose_label,
            row.action_label,
            row.case_number,
        ]
        for row in lookups
    ]


def lookup_extract_csv(*, citizen: Citizen, period: Period) -> bytes:
    """The same rows as the PDF; every text cell through reports.csv_export (formula_safe)."""
    with translation.override("da"):
        return csv_bytes(_rows(citizen_lookups(citizen=citizen, period=period)))


def lookup_extract_filename(citizen: Citizen, period: Period, file_format: str) -> str:
    # No names or CPR in file names: they end up in download folders and e-mail attachments.
    return f"opslag-borger-{citizen.pk}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{file_format}"


def lookup_extract_log(*, user: User, citizen: Citizen) -> None:
    """Making the extract is a read of the citizen's data, for the citizen's own request."""
    access_log_record(
        user=user,
        object_type="citizen_lookup_extract",
        object_id=citizen.pk,
        unit_id=getattr(user, "unit_id", None),
        action=AccessLog.Action.EXPORT,
        purpose=AccessLog.Purpose.CITIZEN_REQUEST,
    )


def lookup_extract_make(
    *, user: User, citizen: Citizen, period: Period, file_format: str
) -> tuple[bytes, str, str]:
    """The file, its name and content type; logged."""
    lookup_extract_log(user=user, citizen=citizen)
    name = lookup_extract_filename(citizen, period, file_format)
    if file_format == "csv":
        return lookup_extract_csv(citizen=citizen, period=period), name, "text/csv; charset=utf-8"
    return lookup_extract_pdf(citizen=citizen, period=period, user=user), name, "application/pdf"
