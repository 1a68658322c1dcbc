"""The cells of the analyst's workbook: typed where the value has a type a spreadsheet
computes with, text otherwise, and never a formula.

- Text is always a string cell (data type "s", written inline): openpyxl would make a
  formula of a text starting with "=" and an error value of "#N/A", so such a text goes
  in as a cell whose type is set to "s" (any other, as it is: openpyxl types it "s");
  no apostrophe is added (a string cell needs none).
  CIK, accession, phone numbers (E.164, "+1...") and 8-K items stay text, leading
  zeros and plus signs kept.
- Amounts are numbers with a currency format ("$"#,##0.00 for USD, #,##0.00 "EUR"
  for another currency, more decimals when the amount has them); share counts and
  other whole numbers numbers with a thousands separator; decimals numbers, shown as a
  percentage when the field's text is one (the value is then the fraction, 0.032 for
  3.2%). A number with more than 15 significant digits, more than a double holds,
  stays text, so no digit is lost.
- Full dates (2013-12-03) are dates; partial ones (2020-03), and any before 1900 (which
  Excel cannot show), stay text. Times of
  decisions are date-times in UTC.
- Excel's limits: a cell holds at most 32,767 characters (UTF-16 units): a longer text
  is cut, with a warning; characters XML cannot carry (C0 controls but tab, newline
  and carriage return) become U+FFFD, with one warning per sheet.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

MAX_CELL = 32_767  # characters in one cell (UTF-16 code units)
MAX_WIDTH = 60
_NUMBER = re.compile(r"-?([0-9]+)(?:\.([0-9]+))?")
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PERCENT = re.compile(r"%|percent|per\s*cent", re.I)
_CODE = re.compile(r"[A-Z]{3}")
_SIGNIFICANT = 15  # decimal digits a double keeps exactly
INTEGER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0##%"
_GUESSED = "=#"  # first characters that make openpyxl guess a formula (=) or an error value (#N/A)


def _number(text: str) -> int | float | None:
    """A plain decimal number (4307075, -0.5, 0.032) as int or float, when a double holds it exactly."""
    m = _NUMBER.fullmatch(text)
    if not m:
        return None
    whole, fraction = m.group(1), m.group(2) or ""
    if len((whole + fraction).lstrip("0")) > _SIGNIFICANT:
        return None
    return float(text) if fraction else int(text)


def money_format(amount: str, currency: str | None) -> str:
    """The number format of an amount: "$"#,##0.00 for USD, #,##0.00 "EUR" for another
    currency, with as many decimals as the amount has when it has more than two."""
    m = _NUMBER.fullmatch(amount)
    decimals = len(m.group(2) or "") if m else 0
    number = "#,##0.00" + "#" * min(max(decimals - 2, 0), 10)
    if currency == "USD":
        return f'"$"{number}'
    if currency and _CODE.fullmatch(currency):
        return f'{number} "{currency}"'
    return number


def stamp(text: str | None) -> datetime | None:
    """A stored time (ISO 8601 with an offset) as a naive date-time in UTC; None when not one."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Cells:
    """Makes the cells of one sheet and notes, in ``warnings``, what Excel's limits changed.
    ``row`` is the sheet row being made (for the warnings)."""

    def __init__(self, ws, title: str, warnings: list[str]):
        self.ws = ws
        self.title = title
        self.warnings = warnings
        self.row = 1
        self.replaced = 0  # texts whose control characters became U+FFFD
        self._formats: dict[tuple[int, str | None], str] = {}  # (decimals, currency): format

    def text(self, value):
        """A string cell (never a formula, never an error value); None for no text. The
        text itself when openpyxl makes it a string cell (saves making a cell object: a
        third of the export's time), else a new cell typed "s" (a new one each time:
        openpyxl's write-only rows reuse the cells they are given)."""
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            value = str(value)
        if len(value) > MAX_CELL // 2 and _utf16_length(value) > MAX_CELL:
            value = self._cut(value)
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
            if not self.replaced:
                self.warnings.append(f"{self.title} sheet, row {self.row}: control characters an xlsx file "
                                     "cannot hold were written as \ufffd (here and in any later cell)")
            self.replaced += 1
        if value[0] not in _GUESSED:
            return value  # openpyxl types it "s": only a first "=" or "#" makes it guess otherwise
        cell = WriteOnlyCell(self.ws, value)  # openpyxl guesses a formula or an error value...
        cell.data_type = "s"  # ...it is text, always
        return cell

    def _cut(self, value: str) -> str:
        units = _utf16_length(value)
        cut = value[:MAX_CELL]
        while _utf16_length(cut) > MAX_CELL:  # characters beyond the BMP take two units
            cut = cut[:MAX_CELL - (_utf16_length(cut) - len(cut))]
        self.warnings.append(f"{self.title} sheet, row {self.row}: a text of {units:,} characters cut to "
                             f"{MAX_CELL:,} (Excel's limit for a cell)")
        return cut

    def formatted(self, value, number_format: str):
        cell = WriteOnlyCell(self.ws, value)
        cell.number_format = number_format
        return cell

    def header(self, name: str):
        cell = WriteOnlyCell(self.ws, name)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        return cell

    def stamp(self, text: str | None):
        """A stored time as a date-time in UTC (openpyxl gives it a date-time format); text
        when it does not parse."""
        moment = stamp(text)
        return self.text(text) if moment is None else moment

    def value(self, kind: str, value: str, currency: str | None = None, text: str = ""):
        """The cell of one value of a label of type ``kind`` (its value text; an amount for
        money, with its ``currency``; ``text``: the field's text, which says whether a
        decimal is a percentage). Typed when its shape allows, else text."""
        if kind == "money":
            number = _number(value)
            if number is not None:
                key = (len(value) - value.index(".") - 1 if "." in value else 0, currency)
                fmt = self._formats.get(key)
                if fmt is None:
                    fmt = self._formats[key] = money_format(value, currency)
                return self.formatted(number, fmt)
        elif kind == "integer":
            number = _number(value)
            if isinstance(number, int):
                return self.formatted(number, INTEGER_FORMAT)
        elif kind == "decimal":
            number = _number(value)
            if number is not None:
                return self.formatted(number, PERCENT_FORMAT) if _PERCENT.search(text) else number
        elif kind == "date" and _FULL_DATE.fullmatch(value):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                day = None
            if day is not None and day.year >= 1900:
                return day  # openpyxl gives it a date format
        return self.text(value)


def width(value) -> int:
    """About how many characters ``value`` (a cell or a plain value) shows."""
    if value is None:
        return 0
    value = getattr(value, "value", value)
    if isinstance(value, str):
        return len(value.split("\n", 1)[0])
    if isinstance(value, datetime):
        return 19
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}") + 2
    if isinstance(value, int):
        return len(f"{value:,}") + 2
    return len(str(value))
