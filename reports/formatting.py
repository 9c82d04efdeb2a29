"""Danish formatting of dates and numbers for the printed reports and the CSV files.

The documents are always Danish ("23.11.2026", "87,5 %", "10.000"), whatever language
the user has chosen on screen: they go to Danish authorities, citizens and Danish Excel.
Dates and date-times use the product's one Danish date style from config/formats/da (the
screens use the same), read for Danish explicitly. Callers render inside
`translation.override("da")` (reports.pdf does), so month names come from Django's Danish locale.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import dateformat, timezone
from django.utils.formats import get_format

# An en dash, as Danish typography writes "nothing" in a table.
NO_VALUE = "\u2013"


def da_date(value: date | datetime | None) -> str:
    """ "23.11.2026" (DATE_FORMAT); a datetime in local time."""
    if value is None:
        return NO_VALUE
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return dateformat.format(value, get_format("DATE_FORMAT", lang="da"))


def da_datetime(value: datetime | None) -> str:
    """ "23.11.2026 kl. 14:30" (DATETIME_FORMAT), in local time."""
    if value is None:
        return NO_VALUE
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return dateformat.format(local, get_format("DATETIME_FORMAT", lang="da"))


def da_month(value: date | None) -> str:
    """ "november 2026"."""
    if value is None:
        return NO_VALUE
    return dateformat.format(value, "F Y")


def da_short_month(value: date) -> str:
    """ "nov" (chart labels)."""
    return dateformat.format(value, "M").lower()


def da_number(value: float | int | None, decimals: int = 0) -> str:
    """ "10.000", "3,5": full stop for thousands, comma for decimals."""
    if value is None:
        return NO_VALUE
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def da_percent(value: float | None) -> str:
    """ "87,5 %" (Danish style: a space before the sign); a dash when there is nothing to
    divide."""
    if value is None:
        return NO_VALUE
    return f"{da_number(value, 1)}\u00a0%"


def csv_date(value: date | None) -> str:
    """ "23-11-2026": Danish Excel reads it as a date."""
    return "" if value is None else f"{value:%d-%m-%Y}"
