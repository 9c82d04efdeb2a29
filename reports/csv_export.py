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
# CSV injection (OWASP): a cell starting with one of these is run as a formula by Excel,
# LibreOffice or Google Sheets. Spreadsheets skip blanks and line breaks before they decide, so
# " =1+1" and "\n@SUM(A1)" are formulas too. A tab or carriage return first is refused as such.
FORMULA_SIGNS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r")


def formula_safe(text: str) -> str:
    """The text, with a leading apostrophe when a spreadsheet could run it as a formula: the
    one guard for every text cell of every CSV file the product writes (through `cell`)."""
    if text.startswith(CONTROL_STARTS) or text.lstrip().startswith(FORMULA_SIGNS):
        return "'" + text
    return text


def cell(value: object) -> str:
    """One CSV cell: numbers, dates and booleans formatted for Danish Excel; everything else is
    text and goes through `formula_safe`."""
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
    return formula_safe(str(value))


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """The rows as a Danish-Excel CSV file."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")
