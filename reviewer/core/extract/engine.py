"""Run every rule on a document and turn the candidates into fields."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from reviewer import __version__

from reviewer.core.extract import agreements, contacts, dates, deal, filing, form4_text, names, numbers, xbrl_facts
from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.doctype import classify
from reviewer.core.extract.per_share import converted_prices, same_price_elsewhere
from reviewer.core.extract.schema import Schema, load_schema
from reviewer.core.model import Field

_SINGLE_ORDER = ("company", "report_date", "location", "signatory", "signatory_title")


@dataclass
class Extraction:
    doc_type: str
    fields: list[Field]
    checks: list[dict] = field(default_factory=list)


@runtime_checkable
class ExtractorPlugin(Protocol):
    """What an extractor is (entry-point group ``filing_reviewer.extractors``): a name, a
    version, and ``extract`` giving fields with exact spans into ``text``, each with its
    confidence and the name of what proposed it (``Field.extractor``)."""

    name: str
    version: str

    def extract(self, text: str, *, doc_type: str | None = None, metadata: dict | None = None,
                part: str | None = None) -> Extraction: ...


class Extractor:
    """The rules: typed fields with exact spans. Deterministic; never raises on any text."""

    name = "rules"
    version = __version__

    def __init__(self, schema: Schema | None = None):
        self.schema = schema or load_schema()

    def __call__(self, text: str, doc_type: str, metadata: dict) -> tuple[list[Field], list[dict]]:
        result = self.extract(text, doc_type=doc_type, metadata=metadata)
        return result.fields, result.checks

    def extract(self, text: str, *, doc_type: str | None = None, metadata: dict | None = None,
                part: str | None = None) -> Extraction:
        metadata = metadata or {}
        if doc_type is None:
            doc_type = classify(part, metadata.get("form_type"), text)
        ctx = DocContext(text, doc_type, metadata)
        found: dict[str, list[Candidate]] = {}

        def add(candidates):
            for c in candidates:
                found.setdefault(c.label, []).append(c)

        add(xbrl_facts.facts(ctx))  # the filer's own tags first: rules read found["company"][0]
        add(numbers.money_and_prices(ctx))
        add(numbers.share_counts(ctx))
        add(numbers.percentages(ctx))
        add(numbers.xml_quantities(ctx))
        add(form4_text.text_quantities(ctx))
        add(form4_text.text_marks(ctx))
        add(dates.dates(ctx))
        add(contacts.emails(ctx))
        add(contacts.phones(ctx))
        add(contacts.urls(ctx))
        add(contacts.tickers(ctx))
        add(names.organizations(ctx))
        add(agreements.agreements(ctx))
        add(filing.company(ctx, found.get("organization", [])))
        add(filing.items(ctx))
        add(filing.location(ctx))
        all_dates = found.get("date", [])
        add(filing.report_date(ctx, all_dates))
        signature, signature_date = filing.signature(ctx, all_dates)
        add(signature)
        add(names.persons(ctx))
        company = found.get("company", [None])[0]
        add(names.counterparties(ctx, _dedupe(found.get("organization", [])), company.value if company else None))
        add(deal.financing(ctx, found.get("money", []), found.get("share_count", []),
                           found.get("per_share_price", [])))
        xbrl_facts.prefer(found)
        for label in list(found):
            found[label] = _dedupe(found[label])
        _drop_overlaps(found, "person", ("organization", "company", "signatory_title", "agreement"))
        _drop_overlaps(found, "organization", ("agreement",))
        _drop_overlaps(found, "per_share_price", ("money",), keep_other=True)
        if "money" in found and "per_share_price" in found:
            found["money"], found["per_share_price"] = same_price_elsewhere(found["money"], found["per_share_price"])
            found["money"], found["per_share_price"] = converted_prices(ctx.text, found["money"], found["per_share_price"])
        checks = deal.checks(found, signature_date)

        fields: list[Field] = []
        for label_name, candidates in found.items():
            if label_name not in self.schema:
                continue
            label = self.schema[label_name]
            if not label.applies(doc_type):
                continue
            if not label.many:
                candidates = sorted(candidates, key=lambda c: (-c.confidence, c.start))[:1]
            for c in candidates:
                if not (0 <= c.start < c.end <= len(text)):
                    continue
                fields.append(Field(None, None, label_name, c.start, c.end, text[c.start:c.end],
                                    value=c.value, confidence=round(c.confidence, 3), extractor=c.extractor))
        fields.sort(key=lambda f: (f.start, f.end, self.schema.order(f.label)))
        return Extraction(doc_type, fields, checks)


class Combined:
    """Several extractors on one document, their fields merged with provenance.

    The same label on the same span from two extractors is one field: its extractor
    lists both in order ("rules.money+spacy"), its confidence is the highest, its value
    the first extractor's that has one. Checks come from the extractors that make them
    (the rules). Called like the rules (``(text, doc_type, metadata) -> (fields,
    checks)``), so ingest and the worker process take it as they take the rules."""

    def __init__(self, extractors: Sequence[ExtractorPlugin]):
        if not extractors:
            raise ValueError("no extractor to combine")
        self.extractors = list(extractors)
        self.name = "+".join(e.name for e in self.extractors)
        self.version = ",".join(f"{e.name} {e.version}" for e in self.extractors)
        self.schema = getattr(self.extractors[0], "schema", None)

    def __call__(self, text: str, doc_type: str, metadata: dict) -> tuple[list[Field], list[dict]]:
        result = self.extract(text, doc_type=doc_type, metadata=metadata)
        return result.fields, result.checks

    def extract(self, text: str, *, doc_type: str | None = None, metadata: dict | None = None,
                part: str | None = None) -> Extraction:
        results = [e.extract(text, doc_type=doc_type, metadata=metadata, part=part) for e in self.extractors]
        checks = [c for r in results for c in r.checks]
        return Extraction(results[0].doc_type, merge_fields([r.fields for r in results]), checks)


NEARLY = 0.6  # the share of the longer span two spans share to be the same field (as the scorer matches)


def merge_fields(lists: Sequence[Sequence[Field]]) -> list[Field]:
    """One field per (label, start, end), in position order; see Combined. A field of a
    later list (a model's, imported predictions) that nearly coincides with a field of the
    same label from an earlier list (the rules'), sharing at least NEARLY of the longer of
    the two spans, merges into that field too: the earlier span and value stay, the
    provenance lists both, the confidence is the higher. A shorter overlap ("Mira" in
    "Mira Okonkwo") is a field of its own."""
    merged: dict[tuple[str, int, int], Field] = {}
    order: list[tuple[str, int, int]] = []
    earlier: dict[str, list[tuple[int, int]]] = {}  # label -> spans of the lists before this one, by start
    for fields in lists:
        for f in fields:
            key = (f.label, f.start, f.end)
            have = merged.get(key)
            if have is None:
                have = _overlapping(merged, earlier.get(f.label), f)
            if have is None:
                merged[key] = Field(None, None, f.label, f.start, f.end, f.text, value=f.value,
                                    confidence=f.confidence, extractor=f.extractor)
                order.append(key)
                continue
            names = (have.extractor or "").split("+")
            if f.extractor and f.extractor not in names:
                have.extractor = "+".join(n for n in names + [f.extractor] if n)
            if f.confidence is not None and (have.confidence is None or f.confidence > have.confidence):
                have.confidence = f.confidence
            if have.value is None:
                have.value = f.value
        earlier = {}
        for label, start, end in order:
            earlier.setdefault(label, []).append((start, end))
        for spans in earlier.values():
            spans.sort()
    rank = {key: i for i, key in enumerate(order)}
    return sorted(merged.values(), key=lambda f: (f.start, f.end, rank[(f.label, f.start, f.end)]))


def _overlapping(merged: dict, spans: list[tuple[int, int]] | None, f: Field) -> Field | None:
    """The earlier field of ``f``'s label that overlaps it most, if any."""
    if not spans:
        return None
    i = bisect.bisect_left(spans, (f.end, -1))
    best, most = None, 0
    for start, end in reversed(spans[max(0, i - 8):i]):
        shared = min(end, f.end) - max(start, f.start)
        if shared > most and shared >= NEARLY * max(end - start, f.end - f.start):
            best, most = (start, end), shared
    return None if best is None else merged[(f.label, *best)]


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per span; among overlapping ones of a label, the longest."""
    ordered = sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), -c.confidence))
    out: list[Candidate] = []
    for c in ordered:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _drop_overlaps(found, label, others, keep_other=False):
    """Drop candidates of ``label`` that overlap one of ``others`` (or the reverse)."""
    spans = sorted((c.start, c.end) for o in others for c in found.get(o, []))
    if not spans:
        return
    starts = [s for s, _ in spans]

    def overlaps(c):
        i = bisect.bisect_left(starts, c.end)
        return any(spans[j][1] > c.start for j in range(max(0, i - 8), i))

    if keep_other:
        mine = found.get(label, [])
        mine_spans = sorted((c.start, c.end) for c in mine)
        mine_starts = [s for s, _ in mine_spans]
        for o in others:
            kept = []
            for c in found.get(o, []):
                i = bisect.bisect_left(mine_starts, c.end)
                if not any(mine_spans[j][1] > c.start for j in range(max(0, i - 8), i)):
                    kept.append(c)
            found[o] = kept
        return
    found[label] = [c for c in found.get(label, []) if not overlaps(c)]
