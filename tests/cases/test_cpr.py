"""CPR numbers: format, birth date with the CPR office's century rule, masking. Pure."""

from __future__ import annotations

from datetime import date

import pytest

from cases.cpr import birth_date_from_cpr, mask_cpr, parse_cpr

# --- format -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "0102031234",
        "010203-1234",
        " 010203-1234 ",
        "010203 1234",
        "01 02 03 - 12 34",
        "\t0102031234\n",
        "010203\u00a01234",  # a no-break space pasted from a document
    ],
)
def test_parse_cpr_normalises_to_ddmmyy_hyphen_ssss(value: str) -> None:
    assert parse_cpr(value) == "010203-1234"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "010203123",
        "01020312345",
        "010203-123",
        "01020-31234",
        "0102031-234",
        "010203--1234",
        "010203_1234",
        "010203/1234",
        "010203\u20131234",  # en dash
        "+010203-1234",
        "abcdef-ghij",
        "0102O3-1234",  # letter O
        "\u0660\u0661\u0660\u0662\u0660\u0663\u0661\u0662\u0663\u0664",  # Arabic-Indic digits
        "\uff10\uff11\uff10\uff12\uff10\uff13\uff11\uff12\uff13\uff14",  # full-width digits
    ],
)
def test_parse_cpr_refuses_a_wrong_format(value: str) -> None:
    with pytest.raises(ValueError, match=r"^Ugyldigt CPR-nummer: skal have formen DDMMÅÅ-SSSS"):
        parse_cpr(value)


@pytest.mark.parametrize("value", [None, 102031234, b"0102031234"])
def test_parse_cpr_refuses_values_that_are_not_text(value: object) -> None:
    with pytest.raises(ValueError, match=r"^Ugyldigt CPR-nummer"):
        parse_cpr(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "000103-1234",  # day 0
        "320103-1234",  # day 32
        "010003-1234",  # month 0
        "011303-1234",  # month 13
        "310403-1234",  # 31 April
        "300203-1234",  # 30 February
        "290203-1234",  # 29 February 1903, not a leap year
        "290200-1234",  # 29 February 1900: 1900 was not a leap year
        "290200-2234",
        "290200-3234",
        "290200-0234",
        "290201-4234",  # 29 February 2001
        "290258-5234",  # 29 February 1858
        "610190-1234",  # a replacement number (erstatningspersonnummer, day + 60)
    ],
)
def test_parse_cpr_refuses_a_birth_date_that_does_not_exist(value: str) -> None:
    with pytest.raises(ValueError, match=r"^Ugyldigt CPR-nummer: fødselsdatoen findes ikke$"):
        parse_cpr(value)


@pytest.mark.parametrize("seventh_digit", "456789")
def test_29_february_2000_is_valid_when_the_7th_digit_puts_it_in_2000(seventh_digit: str) -> None:
    cpr = f"290200-{seventh_digit}123"

    assert parse_cpr(cpr) == cpr
    assert birth_date_from_cpr(cpr) == date(2000, 2, 29)


def test_leap_days_of_each_century() -> None:
    assert birth_date_from_cpr("290296-1234") == date(1996, 2, 29)
    assert birth_date_from_cpr("290296-5234") == date(1896, 2, 29)
    assert birth_date_from_cpr("290224-4234") == date(2024, 2, 29)
    assert birth_date_from_cpr("290224-0234") == date(1924, 2, 29)


def test_error_messages_do_not_repeat_the_number() -> None:
    for bad in ("320103-9876", "3201039876", "32010-39876"):
        with pytest.raises(ValueError) as info:
            parse_cpr(bad)
        assert "9876" not in str(info.value)
        assert "3201" not in str(info.value)


def test_no_modulus_11_check() -> None:
    # Numbers issued since 2007 need not satisfy modulus 11; this one does not, and is valid.
    digits = [int(c) for c in "0102031234"]
    assert sum(d * w for d, w in zip(digits, (4, 3, 2, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11

    assert parse_cpr("0102031234") == "010203-1234"


# --- birth date and century ---------------------------------------------------------------------


def _expected_year(seventh: int, yy: int) -> int:
    if seventh <= 3:
        return 1900 + yy
    if seventh in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    return (2000 if yy <= 57 else 1800) + yy


@pytest.mark.parametrize(
    ("cpr", "born"),
    [
        # 0-3: always the 1900s
        ("150500-0123", date(1900, 5, 15)),
        ("150536-1123", date(1936, 5, 15)),
        ("150557-2123", date(1957, 5, 15)),
        ("150599-3123", date(1999, 5, 15)),
        # 4 and 9: 00-36 are 2000-2036, 37-99 are the 1900s
        ("150500-4123", date(2000, 5, 15)),
        ("150536-4123", date(2036, 5, 15)),
        ("150537-4123", date(1937, 5, 15)),
        ("150599-4123", date(1999, 5, 15)),
        ("150500-9123", date(2000, 5, 15)),
        ("150536-9123", date(2036, 5, 15)),
        ("150537-9123", date(1937, 5, 15)),
        ("150599-9123", date(1999, 5, 15)),
        # 5-8: 00-57 are 2000-2057, 58-99 are the 1800s
        ("150500-5123", date(2000, 5, 15)),
        ("150557-6123", date(2057, 5, 15)),
        ("150558-7123", date(1858, 5, 15)),
        ("150599-8123", date(1899, 5, 15)),
    ],
)
def test_birth_date_follows_the_century_rule(cpr: str, born: date) -> None:
    assert birth_date_from_cpr(cpr) == born
    assert birth_date_from_cpr(cpr.replace("-", "")) == born


@pytest.mark.parametrize("yy", [0, 1, 36, 37, 57, 58, 99])
@pytest.mark.parametrize("seventh", range(10))
def test_century_rule_for_every_seventh_digit_at_the_boundaries(seventh: int, yy: int) -> None:
    cpr = f"0101{yy:02d}-{seventh}000"

    assert birth_date_from_cpr(cpr) == date(_expected_year(seventh, yy), 1, 1)


def test_birth_date_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="skal have formen"):
        birth_date_from_cpr("1234")
    with pytest.raises(ValueError, match="fødselsdatoen findes ikke"):
        birth_date_from_cpr("290200-1234")


# --- masking ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("010203-1234", "010203-XXXX"),
        ("0102031234", "010203-XXXX"),
        (" 010203 1234 ", "010203-XXXX"),
        (None, ""),
        ("", ""),
        ("   ", ""),
        # not shaped like a CPR number: masked completely, never shown
        ("1234", "XXXXXX-XXXX"),
        ("secret-text", "XXXXXX-XXXX"),
        ("01020312345", "XXXXXX-XXXX"),
    ],
)
def test_mask_cpr(value: str | None, masked: str) -> None:
    assert mask_cpr(value) == masked


def test_mask_cpr_never_shows_the_serial() -> None:
    assert "5678" not in mask_cpr("010203-5678")


def test_mask_cpr_does_not_check_the_date() -> None:
    # A display helper: a stored number is masked even if its date is impossible.
    assert mask_cpr("320103-1234") == "320103-XXXX"
