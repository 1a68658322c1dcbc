"""Financing facts and the cross-field checks that tie them together.

shares_sold × offering_price ≈ gross_proceeds; gross_proceeds − commission ≈
net_proceeds; the report date is not after the signature date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from decimal import Decimal

from reviewer.core.extract.base import Candidate, DocContext

_SALE = re.compile(
    r"\b(?:sold|sells?|sale|issued|issue|offering|placement|raised?|raising|purchase[sd]?|subscri\w+)\b", re.I
)
_GROSS = re.compile(r"gross\s+proceeds|aggregate\s+(?:purchase\s+price\s+)?(?:of|amount\s+of)|total\s+proceeds", re.I)
_NET = re.compile(r"net\s+(?:proceeds|raise|amount)", re.I)
_COMMISSION = re.compile(
    r"commissions?|placement\s+(?:agent\s+)?fees?|underwriting\s+(?:discounts?|fees?)|finder'?s?\s+fees?", re.I
)


def financing(ctx: DocContext, money: list[Candidate], shares: list[Candidate],
              prices: list[Candidate]) -> Iterator[Candidate]:
    text = ctx.text
    for c in money:
        before = text[max(ctx.sentence_span(c.start)[0], c.start - 60) : c.start]
        if _COMMISSION.search(before[-35:]):
            yield _copy(c, "commission", 0.75)
        elif _NET.search(before[-40:]):
            yield _copy(c, "net_proceeds", 0.75)
        elif _GROSS.search(before) and (ctx.sentence_has(_SALE, c.start) or "proceeds" in before.lower()):
            yield _copy(c, "gross_proceeds", 0.7)
    for c in shares:
        if ctx.sentence_has(_SALE, c.start):
            yield _copy(c, "shares_sold", 0.6)
    for c in prices:
        before = text[max(0, c.start - 40) : c.start].lower()
        if _PRICE_LEAD.search(before) and ctx.sentence_has(_SALE, c.start):
            yield _copy(c, "offering_price", 0.7)


_PRICE_LEAD = re.compile(r"\b(?:at|price\s+of|for)\s*(?:a\s+price\s+of\s*)?\\?$")


def _copy(c: Candidate, label: str, confidence: float) -> Candidate:
    return Candidate(label, c.start, c.end, c.value, confidence, "rules.deal")


def _amount(c: Candidate) -> Decimal | None:
    v = c.value
    if isinstance(v, dict) and "amount" in v:
        return Decimal(v["amount"])
    if isinstance(v, int):
        return Decimal(v)
    return None


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= max(Decimal(1), abs(b) * Decimal("0.005"))


def checks(found: dict[str, list[Candidate]], signature_date: str | None) -> list[dict]:
    out: list[dict] = []
    shares, prices, gross = found.get("shares_sold", []), found.get("offering_price", []), found.get("gross_proceeds", [])
    if shares and prices and gross:
        out.append(_best(
            "shares_x_price", "shares sold × offering price ≈ gross proceeds",
            shares, prices, lambda a, b: a * b,
            gross, ("shares_sold", "offering_price"), "gross_proceeds",
        ))
    commission, net = found.get("commission", []), found.get("net_proceeds", [])
    if gross and commission and net:
        out.append(_best(
            "gross_minus_commission", "gross proceeds − commission ≈ net proceeds",
            gross, commission, lambda a, b: a - b,
            net, ("gross_proceeds", "commission"), "net_proceeds",
        ))
    report = found.get("report_date", [])
    if report and signature_date and report[0].value and len(report[0].value) == 10:
        ok = report[0].value <= signature_date
        out.append({
            "name": "report_before_signature",
            "description": "report date is not after the signature date",
            "ok": ok,
            "expected": f"≤ {signature_date}",
            "actual": report[0].value,
            "spans": [[report[0].start, report[0].end]],
        })
    return out


# A check combines each target with the inputs written near it: the NEAR_COUNT candidates of
# each input list nearest to the target, no further than NEAR_CHARS away. The work is then
# linear in the number of targets, however many candidates a document holds.
NEAR_CHARS = 5000
NEAR_COUNT = 8


class _ByPosition:
    """Candidates sorted by offset, for the nearest ones to a position."""

    def __init__(self, candidates: list[Candidate]):
        self.order = sorted(range(len(candidates)), key=lambda i: candidates[i].start)
        self.starts = [candidates[i].start for i in self.order]

    def near(self, pos: int) -> list[int]:
        """Indexes (in the list given) of the nearest candidates to pos, nearest first."""
        starts, out = self.starts, []
        hi = bisect.bisect_left(starts, pos)
        lo = hi - 1
        while len(out) < NEAR_COUNT:
            d_lo = pos - starts[lo] if lo >= 0 else None
            d_hi = starts[hi] - pos if hi < len(starts) else None
            if d_lo is not None and (d_hi is None or d_lo <= d_hi):
                distance, i, lo = d_lo, lo, lo - 1
            elif d_hi is not None:
                distance, i, hi = d_hi, hi, hi + 1
            else:
                break
            if distance > NEAR_CHARS:
                break
            out.append(self.order[i])
        return out


def _best(name, description, left, right, combine, targets, input_labels, target_label) -> dict:
    """The (left, right, target) triple, among near ones, whose combined inputs come closest
    to the target (ties: the first in list order)."""
    left_amounts = [_amount(c) for c in left]
    right_amounts = [_amount(c) for c in right]
    left_near, right_near = _ByPosition(left), _ByPosition(right)
    best = None
    for k, t in enumerate(targets):
        amount = _amount(t)
        if amount is None:
            continue
        rights = [j for j in right_near.near(t.start) if right_amounts[j] is not None]
        for i in left_near.near(t.start):
            if left_amounts[i] is None:
                continue
            for j in rights:
                product = combine(left_amounts[i], right_amounts[j])
                key = (abs(product - amount), i, j, k)
                if best is None or key < best[0]:
                    best = (key, product)
    if best is None:
        return {"name": name, "description": description, "ok": None, "expected": None, "actual": None, "spans": []}
    (_, i, j, k), product = best
    inputs, target = (left[i], right[j]), targets[k]
    integral = product.to_integral_value()
    return {
        "name": name,
        "description": description,
        "ok": _close(product, _amount(target)),
        # format(): quantize() would fail on integers longer than the context's precision
        "expected": str(product.normalize()) if product != integral else format(integral, "f"),
        "actual": str(_amount(target)),
        "labels": list(input_labels) + [target_label],
        "spans": [[c.start, c.end] for c in inputs] + [[target.start, target.end]],
    }
