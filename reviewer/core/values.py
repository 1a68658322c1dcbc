"""Field values as text and back: what the window shows and what a reviewer types."""

from __future__ import annotations

import json
import re
from typing import Any

from decimal import Decimal

from reviewer.core.extract.normalize import (
    NUMBER_WORDS,
    collapse,
    decimal_str,
    integer_value,
    iso_date,
    month_number,
    parse_number,
    percentage_value,
    phone_value,
    words_to_number,
)

_SCALE_TEXT = r"thousand|million|billion|trillion|mln|mm|bn|[kmb]"
_MONEY_TEXT = re.compile(
    r"^(?:(?P<cur>[A-Z]{3})\s*)?(?P<pre>U\.S\.|US|CDN|CA|C|AU|A|NZ|HK|SG|S|R|MX|NT)?\\?(?P<sym>[$€£¥])?\s*"
    r"(?P<neg>[-(])?\s*(?P<num>[\d,]*\.?\d+)\)?\s*(?P<scale>" + _SCALE_TEXT + r")?\.?"
    r"\s*(?P<cur2>[A-Z]{3}|dollars?|euros?|pounds?)?\s*(?:per\s+share)?$",
    re.I,
)
_SPELLED_MONEY_TEXT = re.compile(r"^(?P<words>[a-z\s-]+?)\s+(?:U\.S\.\s+)?(?P<unit>dollars?|cents?)(?:\s+per\s+share)?$",
                                 re.I)
_WORD_CURRENCY = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP"}
_SYMBOL_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_PREFIX_CURRENCY = {
    "us": "USD", "u.s.": "USD", "c": "CAD", "ca": "CAD", "cdn": "CAD", "a": "AUD", "au": "AUD",
    "nz": "NZD", "hk": "HKD", "s": "SGD", "sg": "SGD", "r": "BRL", "mx": "MXN", "nt": "TWD",
}
_INTEGER_TEXT = re.compile(
    r"^(?P<neg>-)?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?:\s*(?P<scale>million|billion|thousand))?"
    r"(?:\s+[a-z][\w\s-]*)?$",
    re.I,
)
_DECIMAL_TEXT = re.compile(r"^(-?[\d,]*\.?\d+)\s*(%|percent|per\s+cent)?$", re.I)
_SPELLED_PERCENT = re.compile(r"^(?P<words>[a-z\s-]+?)\s*(?:percent|per\s+cent|%)$", re.I)


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
        return _parse_money(text)
    if value_type == "integer":
        return _parse_integer(text)
    if value_type == "decimal":
        return _parse_decimal(text)
    if value_type == "date":
        return _parse_date(text)
    if value_type == "phone":
        value = phone_value(text)
        if value is None:
            raise ValueError(f"not a phone number: {text!r} (e.g. (781) 466-6444 or +44 20 7946 0958)")
        return value
    if value_type == "email":
        return text.lower()
    if value_type == "defined_name":
        return _parse_defined_name(text)
    if value_type == "item":
        m = re.search(r"\d{1,2}(?:\.\d{2})?", text)
        if not m:
            raise ValueError(f"not an 8-K item number: {text!r} (e.g. 1.02)")
        return m.group()
    return text


def stored_shape(value_type: str, value: Any) -> Any:
    """A stored value in the shape its type gives today: an agreement stored as its text
    alone (before the type defined_name) becomes {"name"} or {"name", "alias"}."""
    if value_type == "defined_name" and isinstance(value, str) and value.strip():
        return _parse_defined_name(collapse(value))
    return value


# 'Supply Agreement (the “Agreement”)', or as format_value writes it, 'Supply Agreement
# (Agreement)': a name and the term defined for it
_DEFINED_NAME = re.compile(
    r"^(?P<name>.*?\S)\s*\((?:the\s+|an?\s+)?[“\"'‘]?(?P<alias>[^()“”\"'‘’]*[^()“”\"'‘’\s])[”\"'’]?\)$", re.I)


def _parse_defined_name(text: str) -> dict:
    """{"name"} or {"name", "alias"}: the shape extraction gives, so that one label holds one
    type of value whoever wrote it."""
    if not text:
        raise ValueError("a name is needed")
    m = _DEFINED_NAME.match(text)
    if m:
        return {"name": m.group("name"), "alias": m.group("alias").strip()}
    return {"name": text}


def _parse_money(text: str) -> dict:
    from reviewer.core.extract.normalize import money_value

    m = _MONEY_TEXT.match(text)
    if m:
        cur2 = (m.group("cur2") or "").lower()
        if m.group("cur"):
            currency = m.group("cur").upper()
        elif m.group("pre"):
            currency = _PREFIX_CURRENCY[m.group("pre").lower()]
        elif m.group("sym"):
            currency = _SYMBOL_CURRENCY[m.group("sym")]
        elif cur2:
            currency = _WORD_CURRENCY.get(cur2, cur2.upper())
        else:
            currency = "USD"
        scale = m.group("scale")
        scale = {"k": "thousand", "m": "million", "b": "billion"}.get(scale.lower(), scale) if scale else None
        value = money_value(m.group("num"), scale, currency, -1 if m.group("neg") else 1)
        if value is not None:
            return value
    m = _SPELLED_MONEY_TEXT.match(text)
    if m:
        number = words_to_number(m.group("words"))
        if number is not None:
            if m.group("unit").lower().startswith("cent"):
                return {"amount": decimal_str(Decimal(number) / 100), "currency": "USD"}
            return {"amount": str(number), "currency": "USD"}
    raise ValueError(f"not an amount of money: {text!r} (e.g. 4300000 USD, $4.3 million, C$5 million, €3 million)")


def _parse_integer(text: str) -> int:
    m = _INTEGER_TEXT.match(text)
    if m:
        value = integer_value(m.group("num") + (m.group("dec") or ""), m.group("scale"))
        if value is not None:
            return -value if m.group("neg") else value
    number = _leading_number_words(text)
    if number is not None:
        return number
    raise ValueError(f"not a whole number: {text!r} (e.g. 212750, 1.5 million, ten million shares)")


def _leading_number_words(text: str) -> int | None:
    """ "ten million shares" -> 10000000: the number words the text begins with."""
    words = re.split(r"[\s-]+", text.strip())
    n = 0
    while n < len(words) and (words[n].lower() in NUMBER_WORDS or words[n].lower() == "and" and n):
        n += 1
    while n and words[n - 1].lower() == "and":
        n -= 1
    return words_to_number(" ".join(words[:n])) if n else None


def _parse_decimal(text: str) -> str:
    m = _DECIMAL_TEXT.match(text)
    if m:
        if m.group(2):
            value = percentage_value(m.group(1))
        else:
            number = parse_number(m.group(1))
            value = format(number.normalize(), "f") if number is not None else None
        if value is not None:
            return value
    m = _SPELLED_PERCENT.match(text)
    if m:
        number = words_to_number(m.group("words"))
        if number is not None:
            return decimal_str(Decimal(number) / 100)
    raise ValueError(f"not a number: {text!r} (e.g. 0.032, 3.2%, forty percent)")


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
    raise ValueError(f"not a date: {text!r} (e.g. 2013-12-03, Dec. 3, 2013 or 3 December 2013)")
