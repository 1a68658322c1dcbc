"""What the reviewers decided about one field or document, and what it comes to.

Every decision is an audit row: its reviewer, action, time and the state it left (a field's
label, span, text, value and status; a document's status). A reviewer's opinion is their
latest row: "pending" (an undo) is no opinion; a row deleting a field (an added field or a
"not in document" mark deleted, an addition undone: the row keeps the field's state before,
none after) is the opinion that the field should not be there. The opinions made since
the latest adjudication (an audit action starting with "adjudicated") count; when they all
agree the field takes that state, when they differ it is a conflict. The outcome depends only
on the set of rows, never on the order databases were merged in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

ADJUDICATED = "adjudicated"  # the audit action's prefix of an adjudicator's decision
DECIDED_DOCUMENT = ("approved", "rejected")
DELETED = ("deleted",)  # the opinion of a row deleting a field


@dataclass(frozen=True)
class Decision:
    reviewer: str
    action: str
    at: str
    state: dict[str, Any] | None  # what the row left (None: the field was deleted)
    before: dict[str, Any] | None = None  # what it found

    @property
    def adjudication(self) -> bool:
        return self.action.startswith(ADJUDICATED)

    @property
    def deletion(self) -> bool:
        """A field deleted by this row."""
        return self.state is None and isinstance(self.before, dict) and "label" in self.before

    @cached_property
    def opinion(self) -> tuple | None:
        """What the decision says, comparable with another's (None: no opinion)."""
        s = self.state
        if self.deletion:
            return DELETED
        if not isinstance(s, dict) or s.get("status") in (None, "pending"):
            return None
        if "label" not in s:  # a document
            return (s["status"],) if s["status"] in DECIDED_DOCUMENT else None
        return (s["status"], json.dumps(s.get("value"), sort_keys=True), s.get("start"), s.get("end"))


def decisions(rows) -> list[Decision]:
    """Decisions from (reviewer, action, at, after[, before]) rows."""
    return [Decision(r[0] or "", r[1], r[2], r[3], r[4] if len(r) > 4 else None) for r in rows]


def latest_by_reviewer(rows: list[Decision]) -> dict[str, Decision]:
    """Each reviewer's latest decision (rows come in time order)."""
    latest: dict[str, Decision] = {}
    for d in rows:
        latest[d.reviewer] = d
    return latest


@dataclass(frozen=True)
class Outcome:
    """``state``: what the field or document becomes (None: leave it as it is, or with
    ``deleted``, remove the field); ``conflict``: the opinions that differ, one per reviewer,
    by reviewer name."""

    state: dict[str, Any] | None
    reviewer: str | None
    at: str | None
    conflict: tuple[Decision, ...] = ()
    deleted: bool = False


def counted(rows: list[Decision]) -> list[Decision]:
    """The opinions that count: each reviewer's latest, made since the latest adjudication."""
    latest = latest_by_reviewer(rows)
    adjudications = [d for d in latest.values() if d.adjudication and d.opinion is not None]
    since = max((d.at for d in adjudications), default="")
    return sorted((d for d in latest.values() if d.opinion is not None and d.at >= since),
                  key=lambda d: (d.reviewer, d.at))


def resolve_field(rows: list[Decision]) -> Outcome:
    """A field's outcome from its audit rows (in time order)."""
    if not rows:
        return Outcome(None, None, None)
    opinions = counted(rows)
    kinds = {d.opinion for d in opinions}
    if len(kinds) > 1:
        # the field as it was before anyone decided, pending (an added field: as first added)
        first = rows[0]
        if first.deletion:  # its earlier rows are not here: as it stood when deleted
            base = first.before
        else:
            base = dict(first.before, status="pending") if first.before else first.state
        return Outcome(base, None, None, tuple(opinions))
    if not opinions:  # nobody holds an opinion now: as the latest row left it
        last = rows[-1]
        return Outcome(last.state, last.reviewer, last.at) if last.state is not None else Outcome(None, None, None)
    winner = max(opinions, key=lambda d: (d.adjudication, d.at, d.reviewer))
    if winner.opinion == DELETED:
        return Outcome(None, winner.reviewer, winner.at, deleted=True)
    return Outcome(winner.state, winner.reviewer, winner.at)


def agreed(rows, decode) -> Outcome | None:
    """The outcome of a field on which every reviewer's latest row left the very same state
    (the same stored JSON: the same opinion) and nobody adjudicated, read from the stored
    rows (reviewer, action, at, after, before) without decoding them all; None for any other
    field (``resolve_field`` decides it). The same outcome ``resolve_field`` gives."""
    latest: dict[str, tuple] = {}
    for r in rows:
        if r[1].startswith(ADJUDICATED):
            return None
        latest[r[0] or ""] = r
    after = rows[-1][3] if rows else None
    if after is None or any(r[3] != after for r in latest.values()):
        return None
    state = decode(after)
    if not isinstance(state, dict) or "label" not in state or state.get("status") in (None, "pending"):
        return None
    winner = max(latest.items(), key=lambda kv: (kv[1][2], kv[0]))
    return Outcome(state, winner[0], winner[1][2])


def resolve_document(rows: list[Decision], fields_in_conflict: bool) -> Outcome:
    """A document's status from its own audit rows; pending while any of its fields is in
    conflict or its reviewers approved and rejected it."""
    opinions = counted(rows)
    kinds = {d.opinion for d in opinions}
    if len(kinds) > 1:
        return Outcome({"status": "pending"}, None, None, tuple(opinions))
    if fields_in_conflict:
        return Outcome({"status": "pending"}, None, None)
    if not opinions:
        if not rows:
            return Outcome(None, None, None)
        last = rows[-1]
        return Outcome({"status": "pending"}, last.reviewer, last.at)
    winner = max(opinions, key=lambda d: (d.adjudication, d.at, d.reviewer))
    return Outcome(winner.state, winner.reviewer, winner.at)
