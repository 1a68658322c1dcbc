"""Financing facts and the cross-field checks that tie them together.

shares_sold × offering_price ≈ gross_proceeds; gross_proceeds − commission ≈
net_proceeds; the report date is not after the signature date.
"""

from __future__ import annotations

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
        sentence = ctx.sentence(c.start)
        if _COMMISSION.search(before[-35:]):
            yield _copy(c, "commission", 0.75)
        elif _NET.search(before[-40:]):
            yield _copy(c, "net_proceeds", 0.75)
        elif _GROSS.search(before) and (_SALE.search(sentence) or "proceeds" in before.lower()):
            yield _copy(c, "gross_proceeds", 0.7)
    for c in shares:
        if _SALE.search(ctx.sentence(c.start)):
            yield _copy(c, "shares_sold", 0.6)
    for c in prices:
        sentence = ctx.sentence(c.start)
        before = text[max(0, c.start - 40) : c.start].lower()
        if _SALE.search(sentence) and re.search(r"\b(?:at|price\s+of|for)\s*(?:a\s+price\s+of\s*)?\\?$", before):
            yield _copy(c, "offering_price", 0.7)


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
            [((s, p), _amount(s) * _amount(p)) for s in shares for p in prices],
            gross, ("shares_sold", "offering_price"), "gross_proceeds",
        ))
    commission, net = found.get("commission", []), found.get("net_proceeds", [])
    if gross and commission and net:
        out.append(_best(
            "gross_minus_commission", "gross proceeds − commission ≈ net proceeds",
            [((g, c), _amount(g) - _amount(c)) for g in gross for c in commission],
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


def _best(name, description, products, targets, input_labels, target_label) -> dict:
    best = None
    for inputs, product in products:
        if product is None:
            continue
        for t in targets:
            amount = _amount(t)
            if amount is None:
                continue
            diff = abs(product - amount)
            if best is None or diff < best[0]:
                best = (diff, inputs, product, t)
    if best is None:
        return {"name": name, "description": description, "ok": None, "expected": None, "actual": None, "spans": []}
    _, inputs, product, target = best
    return {
        "name": name,
        "description": description,
        "ok": _close(product, _amount(target)),
        "expected": str(product.normalize() if product != product.to_integral_value() else product.quantize(Decimal(1))),
        "actual": str(_amount(target)),
        "labels": list(input_labels) + [target_label],
        "spans": [[c.start, c.end] for c in inputs] + [[target.start, target.end]],
    }
