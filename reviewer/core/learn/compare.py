"""An extractor against the approved documents: what it would add, drop or change
(``reviewer diff``), and its scores with the approved values as gold (``reviewer eval
--db``, scored as corpus gold files are: reviewer/core/extract/evaluate.py)."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.extract.evaluate import GOLD_KEYS, Report, score_document
from reviewer.core.learn.data import Approved
from reviewer.core.model import Field

_KEY_OF = {label: key for key, label in GOLD_KEYS.items()}


@dataclass
class Difference:
    document_id: int
    kind: str  # "add", "drop" or "change"
    label: str
    approved: Field | None
    proposed: Field | None
    was_rejected: bool = False  # an "add" of a span a reviewer rejected

    def as_dict(self) -> dict:
        def side(f):
            return None if f is None else {"start": f.start, "end": f.end, "text": f.text, "value": f.value,
                                           "confidence": f.confidence, "extractor": f.extractor}
        out = {"document": self.document_id, "kind": self.kind, "label": self.label,
               "approved": side(self.approved), "proposed": side(self.proposed)}
        if self.was_rejected:
            out["was_rejected"] = True
        return out


def diff_document(doc: Approved, proposed: list[Field]) -> list[Difference]:
    """Per label: a proposal on an approved span with another value, or overlapping an
    approved span of its label, is a change; a proposal on no approved span is an add;
    an approved field no proposal touches is a drop. In position order."""
    out: list[Difference] = []
    rejected = set(doc.rejected)
    for label in sorted({f.label for f in doc.fields} | {f.label for f in proposed}):
        mine = [f for f in doc.fields if f.label == label]
        theirs = [f for f in proposed if f.label == label]
        exact = {(f.start, f.end): f for f in mine}
        left = []
        for p in theirs:
            a = exact.pop((p.start, p.end), None)
            if a is None:
                left.append(p)
            elif a.value != p.value:
                out.append(Difference(doc.document_id, "change", label, a, p))
        unmatched = [a for a in mine if (a.start, a.end) in exact]
        for p in left:
            a = next((a for a in unmatched if a.start < p.end and p.start < a.end), None)
            if a is not None:
                unmatched.remove(a)
                out.append(Difference(doc.document_id, "change", label, a, p))
            else:
                out.append(Difference(doc.document_id, "add", label, None, p,
                                      (p.start, p.end, label) in rejected))
        out.extend(Difference(doc.document_id, "drop", label, a, None) for a in unmatched)
    return sorted(out, key=lambda d: ((d.approved or d.proposed).start, d.label, d.kind))


def gold_of(doc: Approved) -> dict:
    """The approved values of a document as a gold file (corpus/gold's keys)."""
    gold: dict = {"doc_type": doc.doc_type}
    for f in doc.fields:
        key = _KEY_OF.get(f.label)
        if key is None:
            continue
        text = str(f.value) if f.label == "item" and f.value is not None else f.text
        if key == "persons":
            gold.setdefault(key, []).append({"name": text})
        elif key == "signatory":
            gold.setdefault(key, {"name": text})
        elif key in ("company", "report_date", "location"):
            gold.setdefault(key, text)
        else:
            gold.setdefault(key, []).append(text)
    return gold


def evaluate(docs: list[Approved], extractor) -> Report:
    """Score ``extractor`` on the documents, their approved values as gold."""
    scores = []
    for d in docs:
        result = extractor.extract(d.text, doc_type=d.doc_type, metadata=d.metadata)
        scores.append(score_document(str(d.document_id), gold_of(d), result.fields, result.doc_type))
    return Report(scores)
