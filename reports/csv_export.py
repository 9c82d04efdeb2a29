"""CSV files that Danish Excel opens correctly: UTF-8 with a byte-order mark (without it Excel
guesses Windows-1252 and garbles æ, ø, å), `;` as separator (Danish Excel uses the comma as
its decimal sign), decimal commas, dd-mm-yyyy dates and CRLF line ends."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from .formatting import csv_date, da_number

BOM = "\ufeff"
# A cell starting with one of these is run as a formula by Excel ("CSV injection"); user text
# such as a provider's name could start with one, so such text cells get a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, date):
        return csv_date(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return da_number(value, 1).replace(".", "")
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """The rows as a Danish-Excel CSV file."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")
