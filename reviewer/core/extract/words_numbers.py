"""Numbers written in words: "forty percent", "ten million shares", "one fourth of one cent".

Each rule starts from a cheap literal anchor ("percent", "shares", "cent") and reads a bounded
window before it, so a long run of number words is read a bounded number of times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, localcontext

from reviewer.core.extract.base import Candidate, DocContext, matches_at
from reviewer.core.extract.normalize import NUMBER_WORDS, decimal_str, words_to_number
from reviewer.core.extract.per_share import PER_SHARE
from reviewer.core.extract.wrapped import flat_text

_WORD_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# up to nine number words: "two hundred fifty thousand", "forty-five", "one hundred and ten"
WORDS = rf"(?:(?:{_WORD_NUM})(?:[^\S\n]*-[^\S\n]*|[^\S\n]+(?:and[^\S\n]+)?)){{0,8}}(?:{_WORD_NUM})(?![\w-])"
_HALF = r"(?:[^\S\n]+and[^\S\n]+(?:a|one)[\s-]+(?P<half>half|quarter))?"

SPELLED_PERCENT = re.compile(
    rf"(?<![\w-])(?P<words>{WORDS}){_HALF}[\s-]+(?:percent|per[^\S\n]+cent)(?!\w)",
    re.I,
)
_MID = (r"(?:(?:restricted|unregistered|registered|newly\s+issued|additional|outstanding|issued|"
        r"common|ordinary|preferred|class\s+[a-c]|series\s+[a-z0-9]+|treasury)\s+){0,3}")
SPELLED_SHARES = re.compile(
    rf"(?<![\w-])(?P<words>{WORDS})(?:[^\S\n]*\((?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)\))?\s+{_MID}"
    r"(?:shares|ADSs|American\s+Depositary\s+Shares)\b",
    re.I,
)
_FRACTIONS = {
    "half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "hundredth": 100, "thousandth": 1000,
}
_FRACTION = "|".join(_FRACTIONS)
CENTS = re.compile(
    rf"(?<![\w-])(?:(?P<fnum>one|a|an|two|three|{_WORD_NUM})[\s-]+(?P<frac>{_FRACTION})s?[\s-]+of[\s-]+"
    rf"(?:a|one)[\s-]+cent"
    rf"|(?P<words>{WORDS})[\s-]+cents?)(?!\w)",
    re.I,
)
PAR_NEAR = re.compile(r"par[^\S\n]+value", re.I)


def _number(words: str, half: str | None = None) -> Decimal | None:
    n = words_to_number(words)
    if n is None:
        return None
    value = Decimal(n)
    if half:
        value += Decimal(1) / (2 if half.lower() == "half" else 4)
    return value


def spelled_percentages(ctx: DocContext) -> Iterator[Candidate]:
    text = flat_text(ctx)
    for m in matches_at(text, SPELLED_PERCENT, _anchors(ctx, "percent", "per cent"), 120, 12):
        value = _number(m.group("words"), m.group("half"))
        if value is None or value > 1000:
            continue
        with localcontext(prec=40):
            yield Candidate("percentage", m.start(), m.end(), decimal_str(value / 100), 0.85,
                            "rules.percent.words")


def spelled_share_counts(ctx: DocContext) -> Iterator[Candidate]:
    text = flat_text(ctx)
    for m in matches_at(text, SPELLED_SHARES, _anchors(ctx, "shares", "adss", "depositary shares"), 160, 18):
        if ctx.in_table_cell(m.start()):
            continue
        value = words_to_number(m.group("words"))
        if value is None or value < 2:
            continue  # "one share" is not a count the gold lists; "zero shares" neither
        yield Candidate("share_count", m.start(), m.end(), value, 0.85, "rules.shares.words")


def cents(ctx: DocContext) -> Iterator[Candidate]:
    """ "five cents per share", "one fourth of one cent": per-share prices (or money), in USD."""
    text = flat_text(ctx)
    for m in matches_at(text, CENTS, _cent_anchors(ctx), 120, 12):
        if m.group("frac"):
            num = words_to_number(m.group("fnum")) if m.group("fnum").lower() not in ("a", "an") else 1
            if not num:
                continue
            with localcontext(prec=40):
                amount = Decimal(num) / _FRACTIONS[m.group("frac").lower()] / 100
        else:
            n = words_to_number(m.group("words"))
            if n is None or n == 0:
                continue
            with localcontext(prec=40):
                amount = Decimal(n) / 100
        lo = max(0, m.start() - 40)
        if PAR_NEAR.search(text, lo, min(len(text), m.end() + 40)):
            continue  # par values are not labelled
        value = {"amount": decimal_str(amount), "currency": "USD"}
        per = PER_SHARE.match(text, m.end())
        if per:
            yield Candidate("per_share_price", m.start(), per.end(), value, 0.85, "rules.per_share.words")
        else:
            yield Candidate("money", m.start(), m.end(), value, 0.7, "rules.money.cents")


def _anchors(ctx: DocContext, *needles: str) -> list[int]:
    return ctx.find_all(*needles, lower=True)


def _cent_anchors(ctx: DocContext) -> list[int]:
    """Offsets of "cent" as a word of its own (not inside "percent", "cents" counts)."""
    lower = ctx.lower
    out = []
    for i in ctx.find_all("cent", lower=True):
        before = lower[i - 1 : i] if i else ""
        if before.isalpha():
            continue  # "percent", "decent", "recent"
        if lower[max(0, i - 4) : i].rstrip() == "per":
            continue  # "per cent"
        out.append(i)
    return out
