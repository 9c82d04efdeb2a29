"""Danish CPR numbers (personnummer): normalising, birth date and masking.

Pure rules: standard library only, no Django.

Error messages never repeat the number itself: a form error or a log line must not become a copy
of a citizen's CPR number.

There is deliberately no modulus-11 check. Since 1 October 2007 the CPR office issues numbers that
do not satisfy it, because some birth dates ran out of serial numbers that did; a modulus-11 check
would reject real citizens' valid numbers.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

# ASCII only: in Python's re, \d also matches digits of other scripts ("٠١٢").
_CPR_RE: Final = re.compile(r"([0-9]{6})-?([0-9]{4})")
_DATE_PART_RE: Final = re.compile(r"([0-9]{6})-?")

MASKED_SERIAL: Final = "XXXX"
FULLY_MASKED: Final = "XXXXXX-XXXX"


def parse_cpr(value: str) -> str:
    """Normalise "DDMMYYSSSS" or "DDMMYY-SSSS" (spaces allowed) to "DDMMYY-SSSS".

    Raises ValueError with a Danish message for a wrong format or a birth date that does not
    exist (by the century rule of `birth_date_from_cpr`). Replacement numbers
    (erstatningspersonnumre, day + 60) are not CPR numbers and are refused.
    """
    date_part, serial = _split(value)
    _birth_date(date_part, serial)
    return f"{date_part}-{serial}"


def birth_date_from_cpr(cpr: str) -> date:
    """The birth date of a CPR number, with or without the hyphen.

    The number holds a two-digit year; the CPR office's rule takes the century from the 7th digit
    (the first of the serial number):
    - 0-3: 1900-1999;
    - 4 or 9: year 00-36 is 2000-2036, 37-99 is 1937-1999;
    - 5-8: year 00-57 is 2000-2057, 58-99 is 1858-1899.
    """
    date_part, serial = _split(cpr)
    return _birth_date(date_part, serial)


def cpr_date_part(value: str) -> str | None:
    """The "DDMMYY" of a search for the date part of a CPR number ("150390" or "150390-"), or
    None when the text is not six digits forming a day and month that exist in some century.

    A masked number shows exactly this part, so it is what a user copies from a list or reads
    off a letter; the century needs the serial, so 29 February is allowed in any year ending
    in 00 (1900 was no leap year, 2000 was)."""
    match = _DATE_PART_RE.fullmatch("".join(value.split()))
    if match is None:
        return None
    date_part = match.group(1)
    day, month, year = int(date_part[0:2]), int(date_part[2:4]), int(date_part[4:6])
    for century in (1800, 1900, 2000):
        try:
            date(century + year, month, day)
        except ValueError:
            continue
        return date_part
    return None


def mask_cpr(cpr: str | None) -> str:
    """ "DDMMYY-XXXX" for showing a CPR number where the full number is not needed.

    "" for None or an empty value. A value that is not shaped like a CPR number is masked
    completely rather than shown, so a bad row never leaks through a display helper.
    """
    if cpr is None:
        return ""
    if not isinstance(cpr, str):
        return FULLY_MASKED
    if not "".join(cpr.split()):
        return ""
    try:
        date_part, _serial = _split(cpr)
    except ValueError:
        return FULLY_MASKED
    return f"{date_part}-{MASKED_SERIAL}"


def _split(value: object) -> tuple[str, str]:
    if not isinstance(value, str):
        raise ValueError("Ugyldigt CPR-nummer: skal være tekst")
    match = _CPR_RE.fullmatch("".join(value.split()))
    if match is None:
        raise ValueError("Ugyldigt CPR-nummer: skal have formen DDMMÅÅ-SSSS (10 cifre)")
    return match.group(1), match.group(2)


def _birth_date(date_part: str, serial: str) -> date:
    day, month, year = int(date_part[0:2]), int(date_part[2:4]), int(date_part[4:6])
    try:
        return date(_century(year, int(serial[0])) + year, month, day)
    except ValueError:
        raise ValueError("Ugyldigt CPR-nummer: fødselsdatoen findes ikke") from None


def _century(two_digit_year: int, seventh_digit: int) -> int:
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if two_digit_year <= 36 else 1900
    # 5, 6, 7, 8
    return 2000 if two_digit_year <= 57 else 1800
