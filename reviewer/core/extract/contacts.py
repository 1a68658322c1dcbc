"""Emails, phone numbers, URLs and ticker symbols."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.normalize import phone_value

_EMAIL_LOCAL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
PHONE = re.compile(
    r"(?=[\d(+])(?<![\w+-])(?:\+?1[\s.-])?(?:\(\s{0,3}\d{3}\s{0,3}\)\s{0,3}|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\w-])"
)
URL = re.compile(r"(?=[hHwW])(?<![\w])(?:https?://|www\.)[^\s<>\"'“”)\]]+", re.I)
EXCHANGES = (
    r"NYSE\s+American|NYSE\s+Arca|NYSE\s+MKT|NYSE|NASDAQ|Nasdaq(?:GS|GM|CM)?|Nasdaq\s+Global\s+Select|"
    r"OTCQX|OTCQB|OTC\s+Markets|OTC|TSX-?V|TSX|AMEX|CSE|LSE|ASX|Cboe\s+BZX"
)
TICKER = re.compile(rf"(?=[NAOTCLS])\b(?P<ex>{EXCHANGES})\s*:\s*(?P<sym>[A-Z]{{1,5}}(?:\.[A-Z])?)\b")
_SYMBOL = re.compile(r"^[A-Z]{1,5}(?:[.-]?[A-Z0-9]{1,4})?$")
_SYMBOL_HEADER = re.compile(r"trading\s+symbol", re.I)
_NOT_SYMBOL = frozenset({"N/A", "NA", "NONE", "LLC", "INC", "THE"})


def emails(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    at = text.find("@")
    while at >= 0:
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if local and domain:
            email = text[local.start() : domain.end()]
            yield Candidate("email", local.start(), domain.end(), email.lower(), 0.99, "rules.email")
        at = text.find("@", at + 1)


def phones(ctx: DocContext) -> Iterator[Candidate]:
    for m in PHONE.finditer(ctx.text):
        before = ctx.text[max(0, m.start() - 30) : m.start()].lower()
        if re.search(r"(?:file|commission|cusip|i\.r\.s\.|identification)\s*(?:no\.?|number)?[\s:]*$", before):
            continue
        yield Candidate("phone", m.start(), m.end(), phone_value(m.group()), 0.95, "rules.phone")


def urls(ctx: DocContext) -> Iterator[Candidate]:
    seen = -1
    for anchor in ctx.find_all("http", "www.", lower=True):
        if anchor < seen:
            continue
        m = URL.match(ctx.text, anchor)
        if not m:
            continue
        seen = m.end()
        end = m.end()
        while end > m.start() and ctx.text[end - 1] in ".,;:!?":
            end -= 1
        url = ctx.text[m.start() : end]
        value = url if url.lower().startswith("http") else "http://" + url
        yield Candidate("url", m.start(), end, value, 0.95, "rules.url")


def tickers(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    for colon in ctx.find_all(":"):
        m = TICKER.search(text, max(0, colon - 40), colon + 14)
        if not m or m.end("ex") > colon or text[m.end("ex"):colon].strip():
            continue
        yield Candidate("ticker", m.start(), m.end(), f"{_exchange(m.group('ex'))}:{m.group('sym')}",
                        0.95, "rules.ticker")
    yield from _cover_table_symbols(ctx)
    for m in re.finditer(r"^(?:issuerTradingSymbol|tradingSymbol):\s*(\S+)", text, re.M):
        yield Candidate("ticker", m.start(1), m.end(1), m.group(1), 0.95, "rules.ticker.xml")


def _exchange(name: str) -> str:
    return re.sub(r"\s+", " ", name).upper()


def _cover_table_symbols(ctx: DocContext) -> Iterator[Candidate]:
    """The 'Trading Symbol(s)' column of the cover page's Section 12(b) table."""
    text = ctx.text
    for header in _SYMBOL_HEADER.finditer(text[:20000]):
        s, e = ctx.line_span(header.start())
        pos = e + 1
        for _ in range(8):
            if pos >= len(text):
                break
            ls, le = ctx.line_span(pos)
            line = text[ls:le]
            if not line.strip():
                if pos > e + 1:
                    break
                pos = le + 1
                continue
            if "\t" not in line:
                break
            cursor = ls
            for i, cell in enumerate(line.split("\t")):
                sym = cell.strip()
                if i and sym and _SYMBOL.match(sym) and sym.upper() not in _NOT_SYMBOL:
                    start = cursor + cell.index(sym)
                    yield Candidate("ticker", start, start + len(sym), sym, 0.9, "rules.ticker.cover")
                cursor += len(cell) + 1
            pos = le + 1
        break
