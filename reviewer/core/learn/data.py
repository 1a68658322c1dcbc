"""Approved documents as training and scoring material.

An approved document's accepted, edited and added fields are what is in it (positives);
its rejected fields are spans proposed and refused (negatives); its "not in document"
marks are labels it has none of. A rejected span that is also a positive of the same
label (an extractor proposed it twice) stays a positive.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reviewer.core.model import Field

POSITIVE = ("accepted", "edited", "added")


@dataclass
class Approved:
    document_id: int
    filing_id: int
    text: str
    doc_type: str
    metadata: dict
    fields: list[Field]  # the positives, by position
    rejected: list[tuple[int, int, str]] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        return [(f.start, f.end, f.label) for f in self.fields]


def approved_documents(storage, labels: set[str] | None = None) -> list[Approved]:
    """Every approved document with its decided fields (``labels``: only these)."""
    out = []
    for doc in storage.list_documents(status="approved"):
        full = storage.get_document(doc.id)
        positives, rejected, absent = [], [], []
        for f in storage.fields(doc.id):
            if labels is not None and f.label not in labels:
                continue
            if f.status in POSITIVE and f.end > f.start:
                positives.append(f)
            elif f.status == "rejected":
                rejected.append((f.start, f.end, f.label))
            elif f.status == "absent":
                absent.append(f.label)
        kept = {(f.start, f.end, f.label) for f in positives}
        out.append(Approved(doc.id, doc.filing_id, full.text, doc.doc_type, doc.metadata, positives,
                            [r for r in rejected if r not in kept], sorted(set(absent))))
    return out


def split_by_filing(docs: list[Approved], held_out: float, seed: int) -> tuple[list[Approved], list[Approved]]:
    """(train, held out): whole filings go to one side, chosen by a seeded shuffle of the
    filing ids (the same database and seed give the same split). With fewer than two
    filings, or ``held_out`` 0, nothing is held out."""
    filings = sorted({d.filing_id for d in docs})
    if held_out <= 0 or len(filings) < 2:
        return docs, []
    random.Random(seed).shuffle(filings)
    n = min(len(filings) - 1, max(1, round(held_out * len(filings))))
    test = set(filings[:n])
    return [d for d in docs if d.filing_id not in test], [d for d in docs if d.filing_id in test]
