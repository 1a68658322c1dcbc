"""Field values as text and back: what the window shows and what a reviewer types."""

from __future__ import annotations

import json
import re
from typing import Any

from reviewer.core.extract.normalize import (
    collapse,
    integer_value,
    iso_date,
    month_number,
    parse_number,
    percentage_value,
    phone_value,
)

_MONEY_TEXT = re.compile(
    r"^\s*(?:(?P<cur>[A-Z]{3})\s*)?\\?\$?\s*(?P<num>-?[\d,]*\.?\d+)\s*(?P<scale>thousand|million|billion|trillion|[kmb])?"
    r"\s*(?P<cur2>[A-Z]{3})?\s*(?:per\s+share)?\s*$",
    re.I,
)


def format_value(value: Any) -> str:
    """A value as one line of text: 4300000 USD, 2013-12-03, 212750, 0.032."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "amount" in value:
            return f"{value['amount']} {value.get('currency', '')}".strip()
        if "name" in value:
            alias = value.get("alias")
            return f"{value['name']} ({alias})" if alias else str(value["name"])
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list):
        return "; ".join(format_value(v) for v in value)
    return str(value)


def parse_value(value_type: str, text: str) -> Any:
    """What a reviewer typed (or selected), as a value of the label's type.

    Raises ValueError with a message the window can show when the text is not of the type.
    """
    text = collapse(text)
    if value_type == "money":
        m = _MONEY_TEXT.match(text)
        if not m:
            raise ValueError(f"not an amount of money: {text!r} (e.g. 4300000 USD, $4.3 million)")
        from reviewer.core.extract.normalize import money_value

        currency = (m.group("cur") or m.group("cur2") or "USD").upper()
        scale = m.group("scale")
        scale = {"k": "thousand", "m": "million", "b": "billion"}.get(scale.lower(), scale) if scale else None
        value = money_value(m.group("num"), scale, currency)
        if value is None:
            raise ValueError(f"not an amount of money: {text!r}")
        return value
    if value_type == "integer":
        m = re.match(r"^\s*(-?[\d,]+)(?:\s+(million|billion))?", text, re.I)
        if not m:
            raise ValueError(f"not a whole number: {text!r}")
        return integer_value(m.group(1), m.group(2))
    if value_type == "decimal":
        m = re.match(r"^\s*(-?[\d,]*\.?\d+)\s*(%|percent|per cent)?\s*$", text, re.I)
        if not m:
            raise ValueError(f"not a number: {text!r}")
        if m.group(2):
            return percentage_value(m.group(1))
        number = parse_number(m.group(1))
        return format(number.normalize(), "f")
    if value_type == "date":
        return _parse_date(text)
    if value_type == "phone":
        return phone_value(text) or text
    if value_type == "email":
        return text.lower()
    if value_type == "item":
        m = re.search(r"\d{1,2}(?:\.\d{2})?", text)
        if not m:
            raise ValueError(f"not an 8-K item number: {text!r} (e.g. 1.02)")
        return m.group()
    return text


def _parse_date(text: str) -> str:
    from reviewer.core.extract.dates import DATE, _value

    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if m:
        value = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        if value:
            return value
    m = DATE.search(text)
    if m:
        value = _value(m)
        if value:
            return value
    m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", text)
    if m and month_number(m.group(1)):
        return iso_date(int(m.group(2)), month_number(m.group(1)), None)
    raise ValueError(f"not a date: {text!r} (e.g. 2013-12-03 or Dec. 3, 2013)")
