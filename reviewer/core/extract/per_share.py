"""What makes an amount a price per share: the words after it ("per share", "per New Share", "a
share"), the words before it ("earnings per share were", "the closing price of the stock of",
"per share, which exclude ..., were"), the figures it is compared with or ranged with, and what
makes one no such price (a par or nominal value; a price per ounce or per square foot). Cents
written in figures are read here too ("49.5 cents per share"). Every pattern is read in a window
of bounded size before or after the amount."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reviewer.core.extract.base import Candidate, DocContext, matches_at
from reviewer.core.extract.tables import in_table
from reviewer.core.extract.normalize import decimal_str

PER_SHARE = re.compile(  # (on the next line of hard-wrapped text too: "$4.00\n      per share")
    r"[^\S\n]*+(?:\n[^\S\n]*+)?(?:per|a|for\s+each)\s+(?:(?:basic\s+and\s+diluted|basic|diluted|common|ordinary|outstanding|warrant|preferred|"
    # ("per New Share", "per Consideration Share", "per FT Share", "per equity share")
    r"class\s+[a-c]|new|placing|consideration|subscription|equity|flow[\s-]through|FT|offer|offered|registered|bearer|"
    r"depositary|public)\s+){0,2}"
    r"(?:share|unit|ADS|ordinary\s+share)(?![\w-])"
    # (a defined kind of share, or a company's: "per Charity FT Share", "per Acme share")
    r"|[^\S\n]*+per[^\S\n]+(?-i:(?:[A-Z][\w-]*[^\S\n]+){1,3}(?:Share|share|ADS))(?![\w-])",
    re.I,
)
# (a par value is also written "nominal value", as in Britain and Ireland)
# (or told as remaining: "the par value will remain unchanged at $0.0001 per share")
PAR_BEFORE = re.compile(r"(?:par|nominal|face)\s+value(?:\s+of)?\s*$|(?:par|nominal|face)\s+value\s+per\s+share\s*(?:of\s*)?$"
                        r"|(?:par|nominal|face)\s+value\s+(?:will\s+)?(?:remains?|stays?|is|was)\s+(?:unchanged\s+)?(?:at\s+)?$",
                        re.I)
PAR_AFTER = re.compile(r"^\s*(?:per\s+share\s+)?(?:par|nominal|face)\s+value", re.I)
PRICE_CONTEXT = re.compile(
    r"(?:price|prices|dividend|distribution|NAV|net\s+asset\s+value|EPS|earnings)\s+"
    r"(?:per\s+share\s+)?(?:(?:is\s+|are\s+)?(?:expected\s+|anticipated\s+|estimated\s+)?to\s+be\s+)?"
    r"(?:of|at|was|is|by|equal\s+to|ranging\s+from|between|in\s+the\s+range\s+of)\s*(?:(?:approximately|about|around|roughly)\s+)?$"
    # "the closing price of Acme's common stock of $4.52"
    r"|(?:closing|market|trading|last\s+reported\s+sale)\s+price\s+of\s+[^$.;]{0,40}?\b(?:stock|shares?|ADSs?)\s+"
    r"(?:[^$.;]{0,80}?\s)?(?:of|was|at)\s*$"  # ("… of Acme Shares on the NYSE on May 2, 2031 of $63.44")
    # a merger's consideration for each share ("each share ... converted into the right to receive (i) $14.00")
    r"|\bshares?\b[^.;$]{0,100}?\bright\s+to\s+receive\s+(?:\(i\)\s+)?(?:an\s+amount\s+in\s+cash\s+equal\s+to\s+)?$"
    # "if the closing price of the stock equals or exceeds $12.50"
    r"|price\s+of\s+[^$.;]{0,60}?\b(?:stock|shares?)\b(?:[^$.;]{0,80}?\s)?(?:equals\s+or\s+exceeds|equals|exceeds|reaches|"
    r"is\s+at\s+least|is\s+(?:equal\s+to\s+or\s+)?(?:greater|more|higher)\s+than(?:\s+or\s+equal\s+to)?)\s*$"
    # an option's or a warrant's price ("options exercisable at $0.21 each", "exercisable into one share at C$0.08")
    r"|\bexercisable\s+(?:into\s+[^$.;]{0,40}?\s)?at\s+(?:a\s+price\s+of\s+)?$"
    # "15.3 million shares at an average cost of $339.81"
    r"|average\s+(?:cost|price)(?:\s+per\s+share)?\s+of\s*$"
    # "the offering price for each Share and accompanying Warrant is $2.00"
    r"|price\s+(?:for|of)\s+each\s+(?:[\w-]+\s+){0,6}?(?:is|was|will\s+be)\s*$"
    # the parts of a price per share, in brackets after it ("¥86 per share (interim ¥43, year-end ¥43)")
    r"|(?<=\d\s)per\s+share\s+\([^()\n]{0,30}?\b(?:interim|final|year-end|half-year|first[\s-]half|second[\s-]half|"
    r"quarterly|special|regular|ordinary|previously|prior\s+year|last\s+year|(?:FY\s?)?(?:19|20)\d\d(?=:))\b[^()\n]{0,12}$"
    # and its change ("$1.12 per share, up $0.04 or 3.7%")
    r"|(?<=\d\s)per\s+share,?\s+(?:(?:an?\s+)?(?:increase|decrease|rise)\s+of|(?:up|down)(?:\s+by)?)\s*$"
    r"|(?:price|dividend|EPS|earnings)s?\s+(?:per\s+(?:diluted\s+)?share\s+)?"
    r"(?:(?:is\s+|are\s+)?(?:expected\s+|anticipated\s+|estimated\s+)?to\s+be\s+)?"
    r"(?:of\s+|between\s+|from\s+|ranging\s+from\s+)?(?:\$[\d.,]+\s+)?(?:to|and)\s*$"
    # "net loss per common share was $0.30 and $0.43", "earnings per diluted share of $1.10"
    r"|per\s+(?:(?:basic|diluted|common|ordinary)\s+){0,2}(?:share|ADS)\*{0,2}\s+(?:\((?:[A-Z]{2,5}|non-GAAP)\)\s+)?"  # ("per share* of")
    # ("book value per share excluding accumulated other comprehensive loss was")
    r"(?:(?:excluding|including|before|after)\s+[^$.;,()]{0,60}?\s)?"
    r"(?:was|were|of|is|are|totaled|totalled|(?:in\s+)?the\s+range\s+of|(?:of\s+)?between|ranging\s+from)\s*"
    r"(?:approximately\s+)?(?:\$[\d.,]+\s+(?:and|compared\s+(?:to|with)|versus|vs\.?)\s*)?$"
    # "loss per share improved significantly from $(1.80) to $(0.42)"
    r"|per\s+(?:(?:basic|diluted|common|ordinary)\s+){0,2}share\s+(?:\([A-Z]{2,5}\)\s+)?(?:\w+ly\s+)?"
    r"(?:improved|increased|decreased|declined|narrowed|widened|rose|fell|grew)\s+(?:\w+ly\s+)?"
    r"(?:(?:by\s+)?[\d.]+%\s+(?:(?:during|in|for|over)\s+(?:the\s+)?\w+\s+)?)?"  # "increased by 20.4% during the year to"
    r"(?:from\s*(?:\$\(?[\d.,]+\)?\s+to\s*)?|to\s*)$",
    re.I,
)

# the other end of a range of amounts ("to $0.05", "and $(0.10)")
# a per-share amount, then figures it is compared with in the same sentence: gaps hold no
# sentence end, no other amount and no scale, so a comparison of totals is no match
_AMOUNT = r"(?:[A-Z]{0,3}\$|€|£|¥)\s?\(?\d[\d,]*(?:\.\d+)?\)?"
# (or a currency's code, after the verb that states it: "per share were CHF 5.87")
_STATED = r"(?:[A-Z]{0,3}\$|€|£|¥|(?:CHF|EUR|GBP|USD|CAD|AUD|SEK|NOK|DKK|JPY|RMB|NIS|INR|KRW)[^\S\n]?)\s?\(?\d[\d,]*(?:\.\d+)?\)?"
_GAP = r"(?:(?!million|billion|thousand)(?:[^$.;:\n]|(?<=\d)\.(?=\d))){0,80}?"  # (a decimal point: "up 6.3% from")
# a clause between "per share" and its verb ("per share, which exclude amortization, were $1.38")
_CLAUSE = r"(?:,\s+(?:which|excluding|including|before|after|as\s+adjusted)\b[^$;]{0,160}?,)?"
PER_SHARE_CLAUSE = re.compile(
    rf"\bper\s+(?:(?:basic|diluted|common|ordinary)\s+){{0,2}}share,\s+(?:which|excluding|including|before|after|"
    rf"as\s+adjusted)\b[^;]{{0,200}}?,\s+(?:was|were|of|is|are|totaled|totalled|(?:in\s+)?the\s+range\s+of|"
    rf"(?:is\s+|are\s+)?(?:expected\s+)?to\s+be(?:\s+between|\s+in\s+the\s+range\s+of)?|between)\s*"
    rf"(?:approximately\s+)?$", re.I)
PER_SHARE_COMPARED = re.compile(
    rf"(?:\bper\s+(?:(?:basic|diluted|common|ordinary)\s+){{0,2}}(?:share|ADS){_CLAUSE}\s+(?:\([A-Z]{{2,5}}\)\s+)?(?:was|were|of|is|are|totaled|"
    rf"totalled|(?:rose|increased|grew|fell|declined|decreased|improved)\s+(?:\d+%\s+)?to)\s*{_STATED}"
    rf"|{_AMOUNT}\s+per\s+(?:(?:basic|diluted|common|ordinary)\s+){{0,2}}share\b"
    rf"|\bEPS\s+(?:[\w-]+\s+){{0,3}}?(?:was|were|of|is|are|in\s+the\s+range\s+of)\s*{_AMOUNT})"  # ("adjusted EPS was $0.58")
    rf"(?:{_GAP}{_AMOUNT}){{0,4}}{_GAP}(?<![\w-])(?:compared\s+(?:with|to)|versus|vs\.?|and(?:\s+(?:was|were))?|"
    rf"(?:(?:up|down)\s+)?from(?:\s+(?:its|the|our)\s+(?:[\w-]+\s+){{0,3}}?(?:of|at))?|(?:compared\s+(?:with|to)|versus)\s+(?:(?:its|the|our)\s+)?(?:[\w-]+\s+){{0,3}}?(?:of|at)|"
    # the year before in brackets ("€0.93 per share (2023: €1.07)", "$1.52 (previously $1.45)")
    rf"\((?:previously|prior\s+year:?|last\s+year:?|(?:FY\s?)?(?:19|20)\d\d:))\s+$",
    re.I)
RANGE_BEFORE = re.compile(r"(?:[A-Z]{0,2}\$|€|£)\(?\d*\.?\d+\)?[^\S\n]*(?:to|and|-|–)[^\S\n]*$")
RANGE_END = re.compile(r"[^\S\n]*(?:to|and|-|–)[^\S\n]*(?:[A-Z]{0,2}\$|€|£)\(?(?:\d[\d,]*(?:\.\d+)?|\.\d+)\)?")


# cents written in figures ("49.5 cents per share", "35¢ a share", "earnings per share were 97 cents")
# (grouped, and with the country of the cent: "1,184 cents", "340 SA cents", "1.182 Singapore cents", "HK58.1 cents")
_CENTS = re.compile(r"(?<![\w.,$/])(?P<pre>HK|US|S)?(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d{1,5})?)\s*"
                    r"(?:(?P<country>SA|US|Singapore|S|Australian|A|NZ|HK)\s+)?(?:cents?(?!\w)|¢)", re.I)
_CENT_CURRENCY = {"sa": "ZAR", "singapore": "SGD", "s": "SGD", "australian": "AUD", "a": "AUD", "nz": "NZD",
                  "hk": "HKD"}


# a per-share figure in cents, then the one it is compared with ("were 97 cents, up from 90 cents"); the
# gap holds no digit, so the pattern never backtracks over the figures
_CENTS_COMPARED = re.compile(
    r"\bper\s+(?:(?:basic|diluted|common|ordinary)\s+){0,2}share\s+(?:\([A-Z]{2,5}\)\s+)?(?:was|were|of|is|are|rose\s+to|"
    r"fell\s+to)\s*\d{1,3}(?:,\d{3})*(?:\.\d+)?\s?(?:(?:SA|US|Singapore|S|Australian|A|NZ|HK)\s+)?(?:cents?\b|¢)"
    r"[^$.;:\n\d]{0,60}?(?:compared\s+(?:with|to)|versus|vs\.?|"
    r"(?:up|down)(?:\s+\d{1,3}(?:\.\d+)?%)?\s+from|from|and|\((?:FY\s?)?(?:19|20)\d\d:)\s+$", re.I)


def numeric_cents(ctx: DocContext, text: str) -> Iterator[Candidate]:
    anchors = sorted(ctx.find_all("cent", lower=True) + ctx.find_all("¢"))
    for m in matches_at(text, _CENTS, anchors, 24, 6):
        start, end = m.start(), m.end()
        if in_table(ctx, start) or PAR_BEFORE.search(text, max(0, start - 40), start) \
                or PAR_AFTER.match(text[end : end + 40]):
            continue
        country = (m.group("country") or m.group("pre") or "").lower()  # ("HK58.1 cents")
        value = {"amount": decimal_str(Decimal(m.group("num").replace(",", "")) / 100),
                 "currency": _CENT_CURRENCY.get(country, "USD")}
        per = PER_SHARE.match(text, end)
        if per:
            yield Candidate("per_share_price", start, per.end(), value, 0.9, "rules.per_share.cents")
        elif per_share_context(text, start) or _CENTS_COMPARED.search(text, max(0, start - 160), start):
            yield Candidate("per_share_price", start, end, value, 0.7, "rules.per_share.cents_context")
        else:
            yield Candidate("money", start, end, value, 0.7, "rules.money.cents")


# what follows a figure that is a share's part of a total ("a $0.47 decrease in book value per common share",
# "$0.36 of dividends declared per common share")
_PER_SHARE_AFTER = re.compile(
    r"\s+(?:(?:increase|decrease|decline|rise|reduction)\s+in\s+(?:[\w-]+\s+){0,3}?|of\s+(?:dividends?|distributions?)\s+"
    r"(?:declared\s+|paid\s+)?)per\s+(?:(?:basic|diluted|common|ordinary)\s+)?share\b")


def per_share_context(text: str, start: int, end: int | None = None) -> bool:
    """Words before ``start`` that make the amount there per share ("EPS of", "per share were",
    "per share, which exclude ..., were"), or the price it is defined as after it, at ``end``
    ("$0.25 (the “Floor Price”)")."""
    return bool(PRICE_CONTEXT.search(text, max(0, start - 70), start)
                # (a closing price's or a merger's long words before the figure, looked for further back only
                # when "price" or "share" stands there)
                or _far_cue(text[max(0, start - 130):max(0, start - 20)].lower())
                and PRICE_CONTEXT.search(text, max(0, start - 130), start)
                or PER_SHARE_CLAUSE.search(text, max(0, start - 280), start)
                or end is not None and (_PRICE_TERM_AFTER.match(text, end) or _PER_SHARE_AFTER.match(text, end)))


def _far_cue(words: str) -> bool:
    return "price" in words or "share" in words


_PRICE_TERM_AFTER = re.compile(
    r"\s*\((?:the\s+|each,?\s+(?:an?\s+)?)?[\"“](?:[A-Z][\w-]*\s+){0,2}(?:Exercise|Conversion|Floor|Offering|Issue|"
    r"Subscription|Strike|Reset|Purchase|Placing|Redemption|Offer)\s+Price[\"”]\)")



PER_OTHER = re.compile(
    r"[^\S\n]*(?:per|a|/)[^\S\n]*(?:(?:troy|6E|4E|3E|PGM|gold|equivalent)[^\S\n]+)?(?:ounce|oz|pound|lb|barrel|bbl|boe|ton|tonne|gallon|MMBtu|mcf|"
    r"square[^\S\n]+(?:foot|feet|meter|metre)|sq\.?[^\S\n]*ft|kilogram|kg|carat|kWh|MWh|megawatt[^\S\n]+hour|"
    r"device|patient|test|kit|dose|subscriber|seat|vehicle|right)s?\b",  # (a list price: "$249 per device")
    re.I)
PRICE_AFTER = re.compile(
    r"\s+(?:closing|last\s+reported\s+sale|opening|market|trading)\s+price\b"
    r"|\s+in\s+cash\b(?:[^.;$]|(?<=\d)\.(?=\d)){0,60}?\s(?:for|per)\s+each\s+(?:issued\s+and\s+outstanding\s+|outstanding\s+)?(?:[A-Z][\w&-]*\s+)?share\b",
    re.I)


def same_price_elsewhere(money: list, prices: list) -> tuple[list, list]:
    """(money, prices) with each bare amount that the document states per share elsewhere
    moved to the prices ("$28.75 in cash" beside "$28.75 per share": each amount goes in one
    label). Amounts with a scale word are never prices."""
    stated = {(p.value.get("amount"), p.value.get("currency")) for p in prices if isinstance(p.value, dict)}
    if not stated:
        return money, prices
    kept, moved = [], []
    for c in money:
        v = c.value
        if isinstance(v, dict) and (v.get("amount"), v.get("currency")) in stated and _below(v.get("amount"), 10_000):
            moved.append(Candidate("per_share_price", c.start, c.end, v, min(c.confidence, 0.65),
                                   "rules.per_share.same_price"))
        else:
            kept.append(c)
    return kept, prices + moved


def converted_prices(text: str, money: list, prices: list) -> tuple[list, list]:
    """(money, prices) with an amount in brackets right after a price per share moved to the
    prices: the same price in another currency ("RMB1.62 (US$0.22) per diluted ADS")."""
    if not prices or not money:
        return money, prices
    by_end = {p.end: p for p in prices}
    kept, moved = [], []
    for c in money:
        opening = text.rfind("(", max(0, c.start - 3), c.start)
        price = next((by_end[e] for e in range(opening - 2, opening + 1) if e in by_end), None) if opening >= 0 else None
        # (never a total beside the price: "$5.00 per share ($50 million)")
        if price is not None and text[c.end:c.end + 1] == ")" and not _SCALED.search(text, c.start, c.end) \
                and isinstance(c.value, dict) and isinstance(price.value, dict) \
                and c.value.get("currency") != price.value.get("currency"):
            moved.append(Candidate("per_share_price", c.start, c.end, c.value, min(c.confidence, 0.7),
                                   "rules.per_share.converted"))
        else:
            kept.append(c)
    return kept, prices + moved


_SCALED = re.compile(r"(?i:thousand|million|billion|trillion|mln|bn)|\d[ ]?[MBK]\b")
# an exchange rate ("at the rate of RMB7.2672 to US$1.00", "NIS 3.627 = US$1.00", "US$1.00 = HK$7.8109")
RATE_AFTER = re.compile(r"[^\S\n]*(?:to|=|per|:)[^\S\n]*(?:US\$|U\.S\.\$|\$)[^\S\n]?1(?:\.0+)?(?!\d|[.,]\d)")
RATE_BEFORE = re.compile(r"(?:US\$|U\.S\.\$|\$)[^\S\n]?1(?:\.0+)?[^\S\n]*(?:=|to|:)[^\S\n]*$")
# a price then the same in another currency, in brackets, then "per share" ("RMB1.62 (US$0.22) per ADS")
CONVERTED_AFTER = re.compile(r"[^\S\n]*\((?:[A-Z]{0,3}\$|€|£|¥|RMB|NIS|INR|KRW)[^\S\n]?[\d.,]+\)")


def _below(amount, limit: float) -> bool:
    try:
        return abs(float(amount)) < limit
    except (TypeError, ValueError):
        return False
