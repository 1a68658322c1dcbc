"""Money, per-share prices, share counts and percentages."""

from __future__ import annotations

import re
from decimal import Decimal
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext, finditer_near, matches_at
from reviewer.core.extract.per_share import (
    CONVERTED_AFTER, PAR_AFTER, PAR_BEFORE, PER_OTHER, PER_SHARE, PER_SHARE_COMPARED, PRICE_AFTER, RANGE_BEFORE,
    RANGE_END, RATE_AFTER, RATE_BEFORE,
    numeric_cents, per_share_context,
)
from reviewer.core.extract.tables import in_table, pipe_row
from reviewer.core.extract.words_numbers import cents, spelled_percentages, spelled_share_counts
from reviewer.core.extract.wrapped import flat_text
from reviewer.core.extract.normalize import (
    NUMBER_WORDS,
    integer_value,
    money_value,
    percentage_value,
    words_to_number,
)

# atomic and possessive: a long run of digits is read once, never again digit by digit (no
# shorter reading of the digits could match where the longest one fails)
# (a decimal comma before a scale word: "€3,5 million")
_NUM = r"\d{1,3},\d{1,2}(?=[^\S\n]?(?:thousand|million|billion|trillion|mln|bn)\b)|(?>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d++)?|\.\d++"
_SCALE = r"(?:thousand|million|billion|trillion|mln|mm|bn|MM|crores?|lakhs?|[MBK](?![\w$€£]))"
# a range written in one piece before its scale word ("DKK 610-660 million", "$1.2–1.4 billion"):
# one amount, valued at its low end (and "$1.10-1.20 per share")
_RANGE_TAIL = rf"(?:[-–](?:{_NUM})(?=[^\S\n]?(?:{_SCALE}|per\s)))?"
# "$4.3 million", "US$1.2 billion", "C$5 million", "€3 million", "£2.5m", "$(1,250)" (negative);
# the prefix letters name the dollar ("C$" Canadian); a markdown escape ("C\\$") may sit between
MONEY = re.compile(
    rf"(?<![\w.,$€£¥₹])(?:(?P<pre>U\.S\.|US|CDN|CA|C|AU|A|NZ|HK|SG|S|R|MX|NT)(?=\\?\$)\\?)?"
    rf"(?P<sym>[$€£¥₹])[^\S\n]?(?P<neg>\()?(?P<num>{_NUM})(?(neg)\)|{_RANGE_TAIL})"
    # the scale word may be indented on the next line of hard-wrapped text ("$16\n      billion")
    # (a footnote mark may be glued to the scale word: "$335 billion4")
    rf"(?:[^\S\n]*+\n?[^\S\n]*+(?P<scale>{_SCALE}))?(?(scale)|(?![\d,]*\d))",
    re.I,
)
_CODES = ("USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|CNY|RMB|HKD|SGD|SEK|NOK|DKK|INR|ILS|NIS|MXN|BRL|ZAR|KRW|TWD|NTD|THB|IDR|"
          "MYR|PLN|CZK|HUF|AED|CLP|ARS|NGN|KES|EGP|Rs\\.?")  # ("Rs 4,120 crore")
MONEY_CODE = re.compile(
    # (digits grouped in the Indian way after rupees: "INR 1,20,00,000")
    rf"(?<![\w.])(?P<cur>{_CODES})[^\S\n]?(?P<num>\d{{1,2}}(?:,\d\d)+,\d{{3}}(?!\d|,\d)|{_NUM}){_RANGE_TAIL}(?:\s?(?P<scale>{_SCALE}))?(?![\d,]*\d)"
)
DOLLARS = re.compile(r"\b(?:dollars|DOLLARS|Dollars|euros?|EUROS?|Euros?)\b")
NUMBER_DOLLARS = re.compile(
    rf"(?<![\w.,$])(?P<num>{_NUM})\s?(?P<scale>million|billion|thousand)?\s(?:U\.S\.\s)?$", re.I
)
_WORD_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
SPELLED_MONEY = re.compile(
    rf"\b(?P<words>(?:(?:{_WORD_NUM})(?:[\s-]+|\s+and\s+)){{0,8}}(?:{_WORD_NUM}))\s+(?:U\.S\.\s+)?$",
    re.I,
)
SHARES = re.compile(
    # (digits grouped in the Indian way too: "1,25,00,000 equity shares")
    r"(?=\d)(?<![\w.,$])(?P<num>(?:\d{1,2}(?:,\d\d){1,4},\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?:\s(?P<scale>million|billion))?"
    r"(?P<mid>\s+(?:of\s+(?:its|our|their|the\s+(?:Company|Corporation)['’]s)\s+)?"
    r"(?:(?:restricted|unregistered|registered|newly\s+issued|additional|outstanding|issued|"
    r"common|ordinary|preferred|equivalent|class\s+[a-c]|series\s+[a-z0-9]+|treasury|new|placing|"
    r"subscription|consideration|fully\s+paid|equity|flow[\s-]through|FT|public|"
    r"(?-i:[A-Z][\w-]+(?=(?:\s+[A-Z][\w-]+){0,2}\s+Shares\b|\s+(?:ordinary|common)\s+shares\b)))\s+){0,4})"
    r"(?P<word>shares|ADSs|American\s+Depositary\s+Shares|units)\b",
    re.I,
)
# units count as shares when they are securities sold: a unit of a share and a warrant, a price per unit
_UNIT_CONTEXT = re.compile(r"per\s+unit|each\s+unit|units?\s+(?:consist|compris)|warrants?|private\s+placement|"
                           r"offering|subscri\w+|tranche", re.I)
PERCENT = re.compile(
    # (a fall in brackets: "(1.2)%")
    # (and eighths, as old filings write rates: "7 3/4% Senior Notes")
    r"(?=[\d.(])(?<![\w.,])(?P<open>\()?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:[ -](?P<frac>[1357]/8|[13]/4|1/2))?(?(open)\))"
    r"\s?(?:%|percentage\s+points?\b|percent\b|per\s+cent\b)",
    re.I,
)
SCALE_NOTE = re.compile(r"\(?\b(?:amounts\s+|dollars\s+|\$\s*)?in\s+(thousands|millions)\b", re.I)
_CURRENCY = {
    "us": "USD", "u.s.": "USD", "c": "CAD", "ca": "CAD", "cdn": "CAD", "a": "AUD", "au": "AUD",
    "nz": "NZD", "hk": "HKD", "s": "SGD", "sg": "SGD", "r": "BRL", "mx": "MXN", "nt": "TWD",
}
_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
# rand, written "R" before the figure ("R1.2 billion", "R31,850"): with a scale word or thousands
# grouped, or a price per share ("R3.40 per share"), never a bare "R2" (a model, a region)
RAND = re.compile(rf"(?<![\w.,$€£¥₹])R(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,])"
                  rf"|\d+(?:\.\d+)?(?=[^\S\n]?(?:thousand|million|billion|trillion|bn|m)\b|\s+per\s+(?:\w+\s+)?share\b))"
                  rf"(?:[^\S\n]?(?P<scale>thousand|million|billion|trillion|bn|m)\b)?")


_CODE = re.compile(_CODES)


def _symbols(text: str) -> list[int]:
    """Sorted offsets of the currency symbols MONEY reads."""
    out = []
    for sym in "$€£¥₹":
        i = text.find(sym)
        while i >= 0:
            out.append(i)
            i = text.find(sym, i + 1)
    out.sort()
    return out


def _scale_multiplier(ctx: DocContext, pos: int) -> int:
    """1000 (1,000,000) when the amount's own line says its amounts are "in thousands"
    ("in millions"), as the caption of a table row or a note beside a figure does."""
    return ctx.per_line(SCALE_NOTE, pos, lambda start, end: _scale_of(ctx.text, start, end))


def _scale_of(text: str, start: int, end: int) -> int:
    m = SCALE_NOTE.search(text, start, end)
    if not m:
        return 1
    return 1000 if m.group(1).lower() == "thousands" else 1_000_000


def money_and_prices(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    flat = flat_text(ctx)  # "$5\nbillion" in hard-wrapped text: same offsets
    # MONEY.finditer(flat), tried only just before each currency symbol (a prefix such as
    # "U.S.\\" is at most five characters): each match holds exactly one symbol
    for m in finditer_near(MONEY, flat, _symbols(flat), 5):
        pre = m.group("pre")
        currency = _CURRENCY[pre.lower()] if pre else _SYMBOL[m.group("sym")]
        yield from _amount(ctx, m.start(), m.end(), m.group("num"), m.group("scale"), currency,
                           negative=bool(m.group("neg")))
    # pence are the price of a share in a London release ("at a price of 412 pence per share"),
    # unless they are the shares' nominal value ("ordinary shares of 5 pence each")
    # (and "14p" in a release that writes pounds or pence elsewhere)
    pence = ctx.find_all("pence", lower=True)
    if pence or "£" in flat:
        pence = sorted(pence + [m.end() - 1 for m in _FIGURE_P.finditer(flat)])
    for m in matches_at(flat, _PENCE, pence, 20, 6):
        if _EACH.match(flat, m.end()) or in_table(ctx, m.start()) or PAR_AFTER.match(flat[m.end() : m.end() + 40]) \
                or PAR_BEFORE.search(flat, max(0, m.start() - 30), m.start()):
            continue
        per = PER_SHARE.match(flat, m.end())
        end = per.end() if per else m.end()
        value = money_value(m.group("num"), None, "GBP")
        value = {**value, "amount": str(Decimal(value["amount"]) / 100)} if value else None
        yield Candidate("per_share_price", m.start(), end, value, 0.8, "rules.per_share.pence")
    # MONEY_CODE.finditer(flat), tried only where a code begins (a code inside another one has
    # a letter before it, which the pattern refuses)
    for m in finditer_near(MONEY_CODE, flat, [c.start() for c in _CODE.finditer(flat)], 0):
        cur = m.group("cur").upper()
        yield from _amount(ctx, m.start(), m.end(), m.group("num"), m.group("scale"),
                           {"RMB": "CNY", "NIS": "ILS", "NTD": "TWD", "RS": "INR", "RS.": "INR"}.get(cur, cur))
    for m in finditer_near(RAND, flat, [i for i in ctx.find_all("R") if flat[i + 1 : i + 2].isdigit()], 0):
        yield from _amount(ctx, m.start(), m.end(), m.group("num"), m.group("scale"), "ZAR")
    yield from cents(ctx)
    yield from numeric_cents(ctx, flat)
    # DOLLARS.finditer(text), from the literal's offsets in the lower-case text
    for d in filter(None, (DOLLARS.match(text, i) for i in ctx.find_all("dollars", "euro", lower=True))):
        # "5 million dollars", "Ten Million Dollars", "175 million Euro": read back from the word
        currency = "EUR" if d.group().lower().startswith("euro") else "USD"
        lo = max(0, d.start() - 120)
        m = NUMBER_DOLLARS.search(text, lo, d.start())
        if m:
            yield from _amount(ctx, m.start(), d.end(), m.group("num"), m.group("scale"), currency)
            continue
        m = SPELLED_MONEY.search(text, lo, d.start())  # ("Ten Million Dollars", "three million euros")
        if not m:
            continue
        number = words_to_number(m.group("words"))
        if number is None or not m.group("words")[:1].isupper() and number < 1000:
            continue
        if in_table(ctx, m.start()):
            continue
        yield Candidate("money", m.start(), d.end(), {"amount": str(number), "currency": currency},
                        0.8, "rules.money.spelled")


def _amount(ctx: DocContext, start: int, end: int, num: str, scale: str | None, currency: str,
            negative: bool = False):
    text = flat_text(ctx)
    if in_table(ctx, start) and ctx.doc_type != "4":
        return  # figures in financial, compensation and vote tables are not labelled
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    if PAR_BEFORE.search(before) or PAR_AFTER.match(after):
        return  # par values are not labelled
    rate = currency != "USD" and (RATE_AFTER.match(text, end) or RATE_BEFORE.search(text, max(0, start - 16), start))
    if not scale and rate and not PER_SHARE.match(text, rate.end() if rate.re is RATE_AFTER else end):
        yield Candidate("money", start, end, money_value(num, None, currency), 0.9, "rules.money.rate")
        return  # an exchange rate, however many its decimals ("RMB7.2672 to US$1.00")
    per_share = PER_SHARE.match(text, end)
    converted = None if per_share else CONVERTED_AFTER.match(text, end)
    if converted and PER_SHARE.match(text, converted.end()):
        # "RMB1.62 (US$0.22) per diluted ADS": the price, then the same in another currency
        yield Candidate("per_share_price", start, end, money_value(num, scale, currency), 0.85, "rules.per_share.converted")
        return
    decimals = len(num.split(".")[1]) if "." in num else 0
    if not per_share and PER_OTHER.match(text, end):
        # a price of a commodity or a space ("US$2,400 per ounce", "$31 per square foot"): money
        value = money_value(num, scale, currency, -1 if negative else 1)
        yield Candidate("money", start, end, value, 0.85, "rules.money.unit_price")
        return
    sign = -1 if negative else 1  # "$(0.05) per diluted share": a loss
    if per_share:
        value = money_value(num, scale, currency, sign)
        yield Candidate("per_share_price", start, per_share.end(), value, 0.95, "rules.per_share")
        return
    if not scale and _small(num):
        other = RANGE_END.match(text, end, end + 30)
        if other and PER_SHARE.match(text, other.end()):  # "$0.03 to $0.05 per share": both per share
            yield Candidate("per_share_price", start, end, money_value(num, None, currency, sign), 0.8,
                            "rules.per_share.range")
            return
    if not scale and _small(num) and (decimals >= 3 or per_share_context(text, start, end) or (
            (first := RANGE_BEFORE.search(text, max(0, start - 30), start))
            and (per_share_context(text, first.start())
                 or PER_SHARE_COMPARED.search(text, max(0, first.start() - 400), first.start())))):
        # (and the end of a range whose start is: "EPS by $0.08 to $0.10")
        yield Candidate("per_share_price", start, end, money_value(num, None, currency, sign), 0.7,
                        "rules.per_share.context")
        return
    if not scale and _small(num) and ctx.doc_type == "4" and (
            in_table(ctx, start) or pipe_row(text, start) or _FORM4_PRICE.search(text, max(0, start - 40), start)):
        # a Form 4's prices are per share (the price of a transaction, an option's exercise price),
        # in its tables or after a price's label; a footnote's sum ("proceeds of $61,250") is money
        yield Candidate("per_share_price", start, end, money_value(num, None, currency, sign), 0.8,
                        "rules.per_share.form4")
        return
    if not scale and _small(num) and PRICE_AFTER.match(text, end, end + 100):
        # "the $7.12 closing price of its stock", "$31.40 in cash or 0.8 shares ... for each share"
        yield Candidate("per_share_price", start, end, money_value(num, None, currency, sign), 0.7,
                        "rules.per_share.after")
        return
    if not scale and _small(num) and PER_SHARE_COMPARED.search(text, max(0, start - 400), start):
        # "earnings per share were $1.07, compared with $0.95 in 2020 and $1.30 in the third quarter"
        yield Candidate("per_share_price", start, end, money_value(num, None, currency, sign), 0.7,
                        "rules.per_share.compared")
        return
    if not scale and _small(num) and _RECEIVE_BEFORE.search(text, max(0, start - 40), start) \
            and ctx.sentence_has(_EACH_SHARE, start):
        # a merger's consideration: "each share ... converted into the right to receive $41.75 in cash"
        yield Candidate("per_share_price", start, end, money_value(num, None, currency, sign), 0.7,
                        "rules.per_share.consideration")
        return
    if not scale:
        shared = _RANGE_SCALE.match(text, end, end + 40)
        scale = shared.group("scale") if shared else None  # "$1.2 to $1.5 billion": both billions
    multiplier = 1 if scale else _scale_multiplier(ctx, start)
    value = money_value(num, scale, currency, -multiplier if negative else multiplier)
    if value is None:
        return
    yield Candidate("money", start, end, value, 0.95 if num[0].isdigit() else 0.8, "rules.money")


_RECEIVE_BEFORE = re.compile(r"\bright\s+to\s+receive\s+(?:an\s+amount\s+in\s+cash\s+equal\s+to\s+)?$", re.I)
_EACH_SHARE = re.compile(r"\beach\s+(?:issued\s+and\s+outstanding\s+|outstanding\s+)?share\b", re.I)
# the other end of a range, with the scale word both ends share
_RANGE_SCALE = re.compile(
    r"[^\S\n]*(?:to|and|-|–)[^\S\n]*(?:[A-Z]{0,2}\$|€|£)?\d[\d,]*(?:\.\d+)?[^\S\n]+(?P<scale>million|billion|thousand)\b"
    r"(?![^\S\n]+(?:of[^\S\n]+)?(?:\w+[^\S\n]+)?(?:shares|units|ADSs?|warrants)\b)",
    re.I,
)


_FORM4_PRICE = re.compile(r"\b(?:price|exercise|conversion)\b[^$\n]{0,30}$", re.I)


def _small(num: str) -> bool:
    value = num.replace(",", "")
    try:
        return float(value) < 100000
    except ValueError:
        return False


_PRICE_BEFORE = re.compile(r"(?:\$|per|of\s+\$)\s*$|\b(?:Tranche|Phase|Stage|Series|Class|No\.)[^\S\n]$")  # ("Tranche 1 New Shares")


def share_counts(ctx: DocContext) -> Iterator[Candidate]:
    text = flat_text(ctx)
    units_defined = None  # whether the release defines its securities as "Units": read once, when asked
    for m in matches_at(text, SHARES, ctx.find_all("shares", "adss", "depositary shares", "units", lower=True),
                        90, 18):
        if in_table(ctx, m.start()):
            continue
        if m.group("word").lower() == "units" and _PER_PERIOD.match(text, m.end()):
            continue  # "120 units per month": output, not securities
        if m.group("word").lower() == "units" and not _UNIT_CONTEXT.search(
                text, max(0, m.start() - 150), min(len(text), m.end() + 150)):
            # "10 units" of equipment are not securities; the release's defined "Units" are
            if m.group("word") != "Units":
                continue
            if units_defined is None:
                units_defined = _UNITS_TERM.search(text) is not None
            if not units_defined:
                continue
        if _PRICE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        mid = m.group("mid")
        if _YEAR_LIKE.fullmatch(m.group("num")) and (m.group("word")[0].isupper() and "\n" in ctx.text[m.end("num"):m.start("word")]
                                                     or any(w[:1].isupper() for w in mid.split())):
            continue  # a year closing a line ("... 2025" / "Shares trade ex dividend") or before a name ("2024 Acme Shares")
        # "212,750 shares" ends at "shares"; the words between stay in the span
        value = integer_value(m.group("num"), m.group("scale"))
        if value is None:
            continue
        confidence = 0.95 if not mid.strip() else 0.85
        yield Candidate("share_count", m.start(), m.end(), value, confidence, "rules.shares")
        # "10,544,139 and 10,543,675 shares", "between 1 and 2 million shares": the count before
        # shares the word (and the scale) of the one after
        other = _COUNT_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if other and not _PRICE_BEFORE.search(text, max(0, other.start() - 12), other.start()) \
                and not _YEAR_LIKE.fullmatch(other.group("count")) \
                and not ("." in other.group("count") and not (other.group("scale") or m.group("scale"))):
            # (a figure with decimals and no scale counts no shares: "under Listing Rule 7.1 and 47,000,000 shares")
            first = integer_value(re.match(r"[\d,.]+", other.group("count")).group(), other.group("scale") or m.group("scale"))
            if first is not None:
                yield Candidate("share_count", other.start(), other.end("count"), first, 0.8, "rules.shares.pair")
    yield from spelled_share_counts(ctx)


# a release's definition of its securities as "Units" ("units of the Company (“Units”)")
_UNITS_TERM = re.compile(r"[(\s][\"“]Units[\"”]")


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_COUNT_BEFORE = re.compile(
    r"(?<![\w.,$])(?P<count>(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[^\S\n](?P<scale>million|billion))?)"
    r"[^\S\n]+(?:and|or|to|-|–)[^\S\n]+$",
    re.I,
)


# Ownership reports (Forms 3, 4, 5) as XML: "transactionShares: 1500", "...PricePerShare: 66.903"
_XML_NUMBER = re.compile(r"^(?P<name>[a-z]\w*):[ ]*(?P<num>\d[\d,]*(?:\.\d+)?)[ ]*$", re.M)


def xml_quantities(ctx: DocContext) -> Iterator[Candidate]:
    if ctx.doc_type != "4" and "ownershipDocument" not in ctx.text[:200] and "transactionShares" not in ctx.text:
        return
    for m in _XML_NUMBER.finditer(ctx.text):
        name = m.group("name").lower()
        num = m.group("num")
        if "price" in name:
            yield Candidate("per_share_price", m.start("num"), m.end("num"), money_value(num), 0.9,
                            "rules.per_share.xml")
        elif "shares" in name or "amount" in name and "securit" in name:
            value = integer_value(num.split(".")[0])
            yield Candidate("share_count", m.start("num"), m.end("num"), value, 0.9, "rules.shares.xml")


_PENCE = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?:[^\S\n]?pence\b|p(?![\w]))", re.I)
_FIGURE_P = re.compile(r"\dp(?![\w])")
_EACH = re.compile(r"\s+each\b", re.I)
_PER_PERIOD = re.compile(r"\s+(?:per|a|each)\s+(?:day|week|month|quarter|year|hour)\b", re.I)
_OWNER_BOX = re.compile(r"\s*(?:Owner|Holder)\b", re.I)
_CELL_WORD = re.compile(r"[A-Za-z]{2,}")


def _bare_cell(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] stands in its cell without words beside it (cells
    end at tabs, runs of blanks and line ends; a few characters either side are enough)."""
    before = re.split(r"\t| {2,}|\n", text[max(0, start - 40) : start])[-1]
    after = re.split(r"\t| {2,}|\n", text[end : end + 40])[0]
    return not _CELL_WORD.search(before) and not _CELL_WORD.search(after)


def percentages(ctx: DocContext) -> Iterator[Candidate]:
    text = flat_text(ctx)
    # ("cent" finds "percent", "per cent" and "9.7 per\n  cent" wrapped, which the flat text reads as one)
    for m in matches_at(text, PERCENT, ctx.find_all("%", "cent", lower=True), 40, 20):
        value = percentage_value(m.group("num"))
        if value is not None and m.group("frac"):
            top, bottom = m.group("frac").split("/")
            value = percentage_value(str(Decimal(m.group("num").replace(",", "")) + Decimal(top) / Decimal(bottom)))
        if value is not None and m.group("open") and value != "0":
            value = "-" + value
        if value is None or in_table(ctx, m.start()) and _bare_cell(text, m.start(), m.end()):
            continue  # a table's figures are not labelled; a security's name in a cell is ("1.250% Notes")
        if ctx.doc_type == "4" and _OWNER_BOX.match(text, m.end()):
            continue  # the form's "10% Owner" box
        yield Candidate("percentage", m.start(), m.end(), value, 0.95, "rules.percent")
    yield from spelled_percentages(ctx)
