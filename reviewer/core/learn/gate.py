"""Which labels a trained model proposes, and from which score: chosen on the held-out
split of its own training, never on documents scored later.

For each label, every threshold of THRESHOLDS is tried on the held-out documents: the
model's fields of that label scored at least the threshold, merged with the baseline's
fields (the rules', as an ingest with ``--model`` merges them; reviewer/core/extract/
engine.py, merge_fields), against the approved spans, exact. The label is proposed from
the threshold with the best F1 if that F1 beats the baseline's own on the label (with no
baseline: if it reaches MIN_F1). A label the held-out documents do not hold is not
proposed: nothing says the model is good at it.
"""

from __future__ import annotations

from reviewer.core.extract.evaluate import Counts
from reviewer.core.model import Field

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
MIN_F1 = 0.8


def _counts(predicted: list[list[Field]], gold: list[set], label: str) -> Counts:
    total = Counts()
    for fields, spans in zip(predicted, gold):
        p = {(f.start, f.end) for f in fields if f.label == label}
        g = {(s, e) for s, e, lab in spans if lab == label}
        total.add(Counts(len(p & g), len(p - g), len(g - p)))
    return total


def choose_labels(model: list[list[Field]], gold: list[set], labels: list[str],
                  baseline: list[list[Field]] | None = None) -> dict[str, dict]:
    """{label: {"threshold", "f1" (merged, at it), "baseline_f1", "precision" (the model's own
    fields at it)}} for the labels worth proposing. ``model``, ``baseline`` and ``gold`` are
    per held-out document: fields, fields, and (start, end, label) spans."""
    from reviewer.core.extract.engine import merge_fields

    chosen: dict[str, dict] = {}
    for label in labels:
        if not any(lab == label for spans in gold for *_, lab in spans):
            continue
        base = None if baseline is None else [[f for f in fields if f.label == label] for fields in baseline]
        base_f1 = None if base is None else _counts(base, gold, label).f1
        best = None
        for t in THRESHOLDS:
            mine = [[f for f in fields if f.label == label and (f.confidence or 0) >= t] for fields in model]
            if not any(mine):
                break
            merged = mine if base is None else [merge_fields([b, m]) for b, m in zip(base, mine)]
            f1 = _counts(merged, gold, label).f1
            if best is None or f1 > best[1]:
                best = (t, f1, _counts(mine, gold, label).precision)
        if best is None:
            continue
        t, f1, precision = best
        if (f1 > base_f1 + 1e-9) if base_f1 is not None else f1 >= MIN_F1:
            chosen[label] = {"threshold": t, "f1": round(f1, 4), "precision": round(precision, 4),
                             "baseline_f1": None if base_f1 is None else round(base_f1, 4)}
    return chosen
