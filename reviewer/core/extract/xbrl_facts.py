"""Fields from the inline XBRL cover facts the HTML reader found (``metadata["xbrl_facts"]``).

Since 2019 every 8-K, 10-K and 10-Q cover tags the registrant's name, the date of the
report (dei:DocumentPeriodEndDate), its trading symbols, its CIK and address as
<ix:nonNumeric name="dei:..."> elements. Such a tag is the filer's own statement of the
fact, so its field is near certain (0.99): single-valued labels are judged on their most
confident prediction, and ``prefer`` keeps rule candidates from displacing these.

A fact keeps the span of its visible text; a hidden one (ix:header) has none and
makes no field (a field must point at text the reviewer sees).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.normalize import collapse

CONFIDENCE = 0.99
EXTRACTOR = "xbrl"
# dei element -> label
LABELS = {
    "dei:EntityRegistrantName": "company",
    "dei:DocumentPeriodEndDate": "report_date",
    "dei:TradingSymbol": "ticker",
    "dei:EntityCentralIndexKey": "cik",  # a field only where the schema has the label
}
# a symbol of listed notes, the year of their maturity after the issuer's: "IFF 26", "ABC 29A"
_NOTES_SYMBOL = re.compile(r"[A-Z]{1,5} \d{2}[A-Z]?")
_NO_SYMBOL = frozenset({"N/A", "NA", "NONE", "-", "—", "–", "NOT APPLICABLE"})


def facts(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    for fact in ctx.metadata.get("xbrl_facts") or ():
        if not isinstance(fact, dict):
            continue
        label = LABELS.get(fact.get("name"))
        start, end = fact.get("start"), fact.get("end")
        if label is None or not isinstance(start, int) or not isinstance(end, int):
            continue
        if not (0 <= start < end <= len(text)) or text[start:end] != fact.get("text"):
            continue  # facts of another text
        # the field's span is the fact's text without blanks or punctuation around it
        while start < end and (text[start].isspace() or text[start] in "(\"'“"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ")\"'”,;:"):
            end -= 1
        if end <= start:
            continue
        value = _value(label, text[start:end])
        if value is not None:
            yield Candidate(label, start, end, value, CONFIDENCE, EXTRACTOR, {"xbrl": fact["name"]})


def _value(label: str, text: str):
    value = collapse(text)
    if label == "report_date":
        from reviewer.core.values import parse_value

        try:
            return parse_value("date", value)
        except ValueError:
            return None
    if label == "ticker":
        symbol = value.upper()
        if symbol in _NO_SYMBOL or " " in symbol and not _NOTES_SYMBOL.fullmatch(symbol):
            return None  # "N/A", or words: no symbol
        return value
    if label == "cik":
        digits = value.lstrip("0")
        return digits.zfill(10) if value.isdigit() and digits else None
    return value


def prefer(found: dict[str, list[Candidate]]) -> None:
    """Drop the rule candidates that overlap an XBRL fact's field of the same label, so
    that a longer rule span over the same text cannot displace the fact's field."""
    for label, candidates in found.items():
        mine = sorted((c.start, c.end) for c in candidates if c.extractor == EXTRACTOR)
        if mine:
            starts = [s for s, _ in mine]
            found[label] = [c for c in candidates if c.extractor == EXTRACTOR or not _overlaps(mine, starts, c)]


def _overlaps(spans: list[tuple[int, int]], starts: list[int], c: Candidate) -> bool:
    i = bisect.bisect_left(starts, c.end)  # spans[:i] start before c ends
    # a document has a few facts per label, none inside another: the nearest ones decide
    return any(spans[j][1] > c.start for j in range(max(0, i - 8), i))
