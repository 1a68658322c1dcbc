"""Normalized values: money, numbers, dates, percentages, phones, emails.

Decimal amounts are kept as strings ("4300000", "66.835") so that no value is
rounded by a float on its way to the database or an export.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

import phonenumbers

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mm": 10**6, "m": 10**6, "mil": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
    "crore": 10**7, "crores": 10**7, "lakh": 10**5, "lakhs": 10**5,
}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_BIG = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
NUMBER_WORDS = frozenset(_SMALL) | frozenset(_BIG)


def decimal_str(value: Decimal) -> str:
    """A plain decimal string without exponent or trailing zeros: 4300000, 66.835."""
    return format(value.normalize(), "f")


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def parse_number(text: str) -> Decimal | None:
    if _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")  # "€3,5 million": a comma before one or two digits is a decimal one
    cleaned = re.sub(r"[,\s]", "", text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def words_to_number(text: str) -> int | None:
    """'Ten Million' -> 10000000; 'two hundred fifty thousand' -> 250000."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    for w in words:
        if w in _SMALL:
            current += _SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _BIG:
            total += (current or 1) * _BIG[w]
            current = 0
        else:
            return None
    return total + current


def money_value(number: str, scale: str | None = None, currency: str = "USD",
                multiplier: int = 1) -> dict | None:
    amount = parse_number(number)
    if amount is None:
        return None
    with localcontext(prec=80):
        if scale:
            amount *= SCALES.get(scale.lower().rstrip("."), 1)
        amount *= multiplier
        return {"amount": decimal_str(amount), "currency": currency}


def integer_value(number: str, scale: str | None = None) -> int | None:
    value = parse_number(number)
    if value is None:
        return None
    if scale:
        value *= SCALES.get(scale.lower(), 1)
    return int(value)


def percentage_value(number: str) -> str | None:
    value = parse_number(number)
    if value is None:
        return None
    with localcontext(prec=80):
        return decimal_str(value / 100)


def month_number(name: str) -> int | None:
    return MONTHS.get(name[:3].lower())


def iso_date(year: int | None, month: int, day: int | None) -> str | None:
    import datetime

    if day is None:
        return f"{year:04d}-{month:02d}" if year else None
    try:
        if year:
            return datetime.date(year, month, day).isoformat()
        datetime.date(2000, month, day)  # validate (2000 is a leap year)
        return f"--{month:02d}-{day:02d}"
    except ValueError:
        return None


def phone_value(text: str, region: str = "US") -> str | None:
    """E.164 where parseable (numbers without a country code read as ``region``'s), else None."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
