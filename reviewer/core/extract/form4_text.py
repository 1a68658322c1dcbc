"""The fields of a Form 4 typed as text before the XML forms (to 2003). Its
tables are drawn with pipes or laid out in tab-separated cells, and each row of a security
("Common Stock | 05/14/01 | S | 5,000 | D | $24.50 | 48,200 | D") holds the amount of the
transaction and the amount owned after it as bare numbers; the issuer's symbol follows its name
in box 2 ("Acme Corp. (ACME)"), and the month of the statement may be written "11/2031". Prices
are read by the money rule (a Form 4's prices are per share), other dates by the date rule."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.normalize import collapse, decimal_str, integer_value, money_value

# a row of a table drawn with pipes or tabs whose first cell names a security
_ROW = re.compile(r"^[^\S\n]*\|?[^\S\n]*(?P<title>[A-Z][A-Za-z .,'&()-]{2,40}?)[^\S\n]*(?:\||\t)(?P<rest>[^\n]*)$", re.M)
_SECURITY = re.compile(r"\b(?:stock|shares|options?|warrants?|units|rights|securities)\b", re.I)
# a count, with a footnote mark after it or not ("5,000(1)"); never a year alone ("2005")
_COUNT_CELL = re.compile(r"(?P<count>\d{1,3}(?:,\d{3})+|(?!(?:19|20)\d\d(?!\d))\d{3,9})(?:\s*\(\d{1,2}\))?")


def typed(ctx: DocContext) -> bool:
    """Whether the document is a Form 4 typed as text (not the XML form)."""
    return ctx.doc_type == "4" and "ownershipDocument" not in ctx.text and "transactionShares" not in ctx.text


def text_quantities(ctx: DocContext) -> Iterator[Candidate]:
    if not typed(ctx):
        return
    text = ctx.text
    for row in _ROW.finditer(text):
        # the security's title, or its first word over the rest of it on the next line ("Common" / "Stock")
        if not _SECURITY.search(row.group("title")) and not _SECURITY.match(_next_first_cell(text, row.end())):
            continue
        rest = row.group("rest")
        if rest.count("|") + rest.count("\t") < 2:
            continue  # a line of prose with one bar in it, not a table's row
        for cell in re.finditer(r"[^|\t]+", rest):
            value = cell.group().strip()
            m = _COUNT_CELL.fullmatch(value)
            start = row.start("rest") + cell.start() + cell.group().index(value) if value else 0
            if m:
                count = m.group("count")
                yield Candidate("share_count", start, start + len(count), integer_value(count), 0.8,
                                "rules.shares.form4_text")
                continue
            price = _PRICE_CELL.fullmatch(value)
            if price:  # a price written without "$" ("24.875", "24 7/8"): the money rule never sees it
                yield Candidate("per_share_price", start, start + len(price.group("price")),
                                _price_value(price.group("price")), 0.75, "rules.per_share.form4_text")


# a price in a row's cell, with decimals or a fraction and no "$" ("24.50", "24 7/8", "24-7/8")
_PRICE_CELL = re.compile(r"(?P<price>\d{1,4}(?:\.\d{1,6}|[ -]\d{1,2}/\d{1,2}))(?:\s*\(\d{1,2}\))?")


def _price_value(written: str) -> dict | None:
    """The amount of a price cell in dollars ("24 7/8" is 24.875)."""
    whole, _, frac = written.replace("-", " ").partition(" ")
    if not frac:
        return money_value(whole)
    num, den = frac.split("/")
    if not int(den):
        return None
    return {"amount": decimal_str(Decimal(whole) + Decimal(num) / Decimal(den)), "currency": "USD"}


def _next_first_cell(text: str, end: int) -> str:
    """The first cell of the line after the one ending at ``end`` (at most 80 characters read)."""
    line = text[end + 1 : end + 81].split("\n", 1)[0]
    return line.strip().lstrip("|").split("|", 1)[0].split("\t", 1)[0].strip()


# box 2's caption and the line under it: the issuer's name, before its symbol or the box's edge
_ISSUER_BOX = r"Issuer\s+Name\s+and\s+Ticker\s+or\s+Trading\s+Symbol[^\n]*\n(?:[ \t|]*\n)?"
_ISSUER_NAME = re.compile(
    _ISSUER_BOX + r"[ \t|]*(?P<name>[A-Z][^\n|(\t]*?)(?=[ \t]*(?:\(|\||\t|[ ]{2}|\n|$))", re.I)
_ISSUER_SYMBOL = re.compile(
    _ISSUER_BOX + r"[^\n(]{3,80}?"
    r"(?:\(\s*(?P<a>[A-Z]{1,5}(?:\.[A-Z])?)\s*\)|[ \t]{2,}(?P<b>[A-Z]{1,5})(?=[ \t]*(?:\||$)))", re.I | re.M)
_MONTH_YEAR = re.compile(r"(?<![\w/.])(?:0?[1-9]|1[0-2])/(?:19|20)\d\d(?![\w/])")


def issuer_name(ctx: DocContext) -> Candidate | None:
    """The issuer's name in box 2 of a Form 4 ("2. Issuer Name and Ticker or Trading Symbol")."""
    m = _ISSUER_NAME.search(ctx.text, 0, 20000) if ctx.doc_type == "4" else None
    if not m:
        return None
    return Candidate("company", m.start("name"), m.end("name"), collapse(m.group("name")), 0.9,
                     "rules.company.form4")


def text_marks(ctx: DocContext) -> Iterator[Candidate]:
    """The issuer's trading symbol and the dates written "11/2031" of a Form 4 typed as text."""
    if not typed(ctx):
        return
    text = ctx.text
    m = _ISSUER_SYMBOL.search(text, 0, 20000)
    if m:
        group = "a" if m.group("a") else "b"
        if m.group(group).isupper():
            yield Candidate("ticker", m.start(group), m.end(group), m.group(group), 0.85, "rules.ticker.form4")
    for d in _MONTH_YEAR.finditer(text):
        month, year = d.group().split("/")
        yield Candidate("date", d.start(), d.end(), f"{year}-{int(month):02d}", 0.8, "rules.date.form4")
