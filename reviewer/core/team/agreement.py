"""How far reviewers agree, on the documents two of them decided.

For each pair of reviewers, per label and over all labels, and pooled over every pair:

- Cohen's kappa on field decisions: the fields both decided, each decision's status
  (accepted, rejected, edited, added, absent) as its category:
  kappa = (p_o - p_e) / (1 - p_e), p_o the share of fields with the same status, p_e the
  chance agreement, the sum over statuses of the product of each reviewer's share;
- span F1 between the reviewers: the spans each says are in the document (fields they
  accepted, edited or added, as label, start, end) on the documents both decided on:
  F1 = 2 * matches / (spans of one + spans of the other); exact: the same label and
  offsets; overlapping: the same label and overlapping offsets, each span matched once;
- counts: fields both decided, of them with the same status, spans of each.

Adjudicators' decisions are not counted: agreement is between the reviewers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from reviewer.core.storage import team_reads

ASSERTING = ("accepted", "edited", "added")  # a decision saying the span holds the field


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' categories; None when it is undefined (no items, or
    both raters used one and the same category throughout: chance agreement is 1)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[c] * second[c] for c in first) / (n * n)
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


def span_matches(a: list[tuple[str, int, int]], b: list[tuple[str, int, int]], *, overlap: bool) -> int:
    """Spans of ``a`` matched one to one with spans of ``b`` (same label; exact offsets, or
    with ``overlap`` any overlap, earliest first)."""
    if not overlap:
        return sum((Counter(a) & Counter(b)).values())
    free: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for label, s, e in sorted(b):
        free[label].append((s, e))
    matched = 0
    for label, s, e in sorted(a):
        spans = free[label]
        for i, (s2, e2) in enumerate(spans):
            if s < e2 and s2 < e or (s == s2 and e == e2):
                del spans[i]
                matched += 1
                break
    return matched


def f1(matches: int, na: int, nb: int) -> float | None:
    return None if na + nb == 0 else 2 * matches / (na + nb)


@dataclass
class Tally:
    """The figures of one pair (or the pool) over one label (or all)."""

    decisions: list[tuple[str, str]] = field(default_factory=list)
    spans_a: int = 0
    spans_b: int = 0
    exact: int = 0
    overlapping: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"fields": len(self.decisions), "same_status": sum(a == b for a, b in self.decisions),
                "kappa": cohen_kappa(self.decisions), "spans_a": self.spans_a, "spans_b": self.spans_b,
                "span_f1_exact": f1(self.exact, self.spans_a, self.spans_b),
                "span_f1_overlap": f1(self.overlapping, self.spans_a, self.spans_b)}


@dataclass
class Agreement:
    documents: int  # documents two reviewers or more decided fields on
    pairs: dict[tuple[str, str], dict[str, Tally]]  # pair -> label ("" for all labels) -> tally
    overall: dict[str, Tally]  # label ("" for all) -> tally over every pair

    def as_dict(self) -> dict[str, Any]:
        def labels(tallies):
            return {"all": tallies[""].as_dict(),
                    "labels": {k: v.as_dict() for k, v in sorted(tallies.items()) if k}}
        return {"shared_documents": self.documents,
                "pairs": [{"reviewers": list(p), **labels(t)} for p, t in sorted(self.pairs.items())],
                "overall": labels(self.overall) if self.overall else None}


def _opinion(state) -> dict | None:
    if not isinstance(state, dict) or "label" not in state or state.get("status") in (None, "pending"):
        return None
    return state


def compute(rows: list[tuple[int, int, str, dict | None]]) -> Agreement:
    """Agreement from (document id, field id, reviewer, latest state) rows."""
    by_doc: dict[int, dict[str, dict[int, dict]]] = defaultdict(lambda: defaultdict(dict))
    for doc, field_id, reviewer, state in rows:
        state = _opinion(state)
        if state is not None:
            by_doc[doc][reviewer][field_id] = state
    pairs: dict[tuple[str, str], dict[str, Tally]] = {}
    overall: dict[str, Tally] = defaultdict(Tally)
    documents = 0
    for doc, reviewers in sorted(by_doc.items()):
        if len(reviewers) < 2:
            continue
        documents += 1
        for a, b in combinations(sorted(reviewers), 2):
            tallies = pairs.setdefault((a, b), defaultdict(Tally))
            _tally(reviewers[a], reviewers[b], (tallies, overall))
    return Agreement(documents, {p: dict(t) for p, t in pairs.items()}, dict(overall))


def _tally(mine: dict[int, dict], theirs: dict[int, dict], targets) -> None:
    def add(label: str, what: str, value) -> None:
        for tallies in targets:
            for key in ("", label):
                tally = tallies[key]
                if what == "decision":
                    tally.decisions.append(value)
                else:
                    setattr(tally, what, getattr(tally, what) + value)

    for field_id in sorted(mine.keys() & theirs.keys()):
        add(mine[field_id]["label"], "decision", (mine[field_id]["status"], theirs[field_id]["status"]))
    spans_a = _spans(mine)
    spans_b = _spans(theirs)
    for label in sorted(spans_a.keys() | spans_b.keys()):
        a, b = spans_a.get(label, []), spans_b.get(label, [])
        add(label, "spans_a", len(a))
        add(label, "spans_b", len(b))
        add(label, "exact", span_matches(a, b, overlap=False))
        add(label, "overlapping", span_matches(a, b, overlap=True))


def _spans(states: dict[int, dict]) -> dict[str, list[tuple[str, int, int]]]:
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for s in states.values():
        if s["status"] in ASSERTING:
            out[s["label"]].append((s["label"], s["start"], s["end"]))
    return out


def agreement(storage) -> Agreement:
    """The agreement of the reviewers of a (merged) database."""
    docs = team_reads.shared_documents(storage)
    return compute(team_reads.latest_states(storage, docs))
