"""Score extraction against gold files in the format of corpus/gold (see its README).

Matching: case-insensitive, white space collapsed, surrounding punctuation ignored;
a prediction matches a gold string when equal, or when one contains the other and
the shorter is at least 60% of the longer. Single-valued keys are judged on the
most confident prediction. Lists are sets of distinct strings. A key the gold file names in
"_capped" lists only its first items: predictions it does not hold are not counted false.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.model import Field

# gold key -> field label
GOLD_KEYS = {
    "company": "company", "report_date": "report_date", "location": "location", "items": "item",
    "counterparties": "counterparty", "agreements": "agreement", "money": "money",
    "share_counts": "share_count", "per_share_prices": "per_share_price", "percentages": "percentage",
    "dates": "date", "persons": "person", "signatory": "signatory", "emails": "email",
    "phones": "phone", "tickers": "ticker",
}
SINGLE = ("company", "report_date", "location", "signatory")
_PUNCT = " \t\n.,;:!?\"'“”‘’()[]{}<>*\\/-–—$%#"


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(_PUNCT).lower()


def matches(pred: str, gold: str) -> bool:
    if pred == gold:
        return True
    short, long = sorted((pred, gold), key=len)
    return bool(short) and short in long and len(short) >= 0.6 * len(long)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    name: str
    doc_type_gold: str | None
    doc_type_pred: str | None
    labels: dict[str, Counts] = field(default_factory=dict)
    misses: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def gold_strings(gold: dict, key: str) -> list[str]:
    value = gold.get(key)
    if value is None:
        return []
    if key == "persons":
        return [p["name"] for p in value]
    if key == "signatory":
        return [value["name"]]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def predicted_strings(fields: list[Field], label: str) -> list[str]:
    chosen = [f for f in fields if f.label == label]
    if label in SINGLE and chosen:
        chosen = [max(chosen, key=lambda f: (f.confidence or 0, -f.start))]
    if label == "item":
        return [str(f.value) for f in chosen]
    return [f.text for f in chosen]


def score_document(name: str, gold: dict, fields: list[Field], doc_type: str | None) -> DocScore:
    score = DocScore(name, gold.get("doc_type"), doc_type)
    for key, label in GOLD_KEYS.items():
        golds = list(dict.fromkeys(normalize(g) for g in gold_strings(gold, key)))
        preds = list(dict.fromkeys(normalize(p) for p in predicted_strings(fields, label)))
        preds = [p for p in preds if p]
        used: set[int] = set()
        tp = 0
        missed = []
        for g in golds:
            hit = next((i for i, p in enumerate(preds) if i not in used and p == g), None)
            if hit is None:
                hit = next((i for i, p in enumerate(preds) if i not in used and matches(p, g)), None)
            if hit is None:
                missed.append(g)
            else:
                used.add(hit)
                tp += 1
        extra = [p for i, p in enumerate(preds) if i not in used]
        if key in gold.get("_capped", ()):
            extra = []  # the gold list stops at its cap: what lies past it cannot be judged
        score.labels[label] = Counts(tp, len(extra), len(missed))
        if missed or extra:
            score.misses[label] = {"missed": missed, "extra": extra}
    return score


@dataclass
class Report:
    docs: list[DocScore]

    def per_label(self) -> dict[str, Counts]:
        totals: dict[str, Counts] = {label: Counts() for label in GOLD_KEYS.values()}
        for d in self.docs:
            for label, c in d.labels.items():
                totals[label].add(c)
        return totals

    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_label().values():
            total.add(c)
        return total

    def doc_type_accuracy(self) -> float:
        judged = [d for d in self.docs if d.doc_type_gold]
        if not judged:
            return 1.0
        return sum(d.doc_type_gold == d.doc_type_pred for d in judged) / len(judged)

    def as_dict(self) -> dict:
        labels = {
            label: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4), "f1": round(c.f1, 4)}
            for label, c in self.per_label().items()
        }
        m = self.micro()
        return {
            "documents": len(self.docs),
            "labels": labels,
            "micro": {"tp": m.tp, "fp": m.fp, "fn": m.fn, "precision": round(m.precision, 4),
                      "recall": round(m.recall, 4), "f1": round(m.f1, 4)},
            "doc_type_accuracy": round(self.doc_type_accuracy(), 4),
            "errors": {d.name: d.misses for d in self.docs if d.misses},
            "doc_types": {d.name: {"gold": d.doc_type_gold, "predicted": d.doc_type_pred} for d in self.docs},
        }

    def table(self) -> str:
        rows = [f"{'label':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
        for label, c in self.per_label().items():
            rows.append(f"{label:<18}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}")
        m = self.micro()
        rows.append(f"{'micro':<18}{m.tp:>5}{m.fp:>5}{m.fn:>5}{m.precision:>8.3f}{m.recall:>8.3f}{m.f1:>8.3f}")
        rows.append(f"doc-type accuracy {self.doc_type_accuracy():.3f} over {len(self.docs)} document(s)")
        return "\n".join(rows)


def load_gold(folder: Path) -> dict[str, dict]:
    gold = {}
    for path in sorted(Path(folder).glob("*.json")):
        try:
            gold[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise ValueError(f"{path}: not a gold file: {err}") from None
    return gold
