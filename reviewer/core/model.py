"""Plain data classes shared by the readers, storage, the CLI and the GUI.

Offsets are always character offsets into a document's stored text:
``document.text[field.start:field.end] == field.text``.
"""

from __future__ import annotations

import array
import bisect
import zlib
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

FieldStatus = Literal["pending", "accepted", "rejected", "edited", "added", "absent"]
DocumentStatus = Literal["pending", "approved", "rejected"]
FIELD_STATUSES: tuple[str, ...] = get_args(FieldStatus)
DOCUMENT_STATUSES: tuple[str, ...] = get_args(DocumentStatus)
DOC_TYPES = ("8-K", "10-K", "10-Q", "press_release", "4", "other")


class OffsetMap:
    """Maps offsets in a document's text back to offsets in its original source.

    Stored as sorted segment starts: text offset ``t`` lies in the segment whose
    start ``ts[i] <= t``, and maps to ``ss[i] + (t - ts[i])``. A new segment starts
    only where the text stops being a verbatim copy of the source (collapsed
    white space, decoded entities, removed tags), so the map stays small.
    """

    __slots__ = ("_ts", "_ss")

    def __init__(self, text_starts=None, source_starts=None):
        self._ts = array.array("q", text_starts or [])
        self._ss = array.array("q", source_starts or [])

    @classmethod
    def identity(cls) -> OffsetMap:
        return cls([0], [0])

    def add(self, text_offset: int, source_offset: int) -> None:
        """Record that text at ``text_offset`` comes from ``source_offset``."""
        ts, ss = self._ts, self._ss
        if ts:
            if source_offset - text_offset == ss[-1] - ts[-1]:
                return  # still a verbatim run
            if ts[-1] == text_offset:
                ss[-1] = source_offset
                return
        ts.append(text_offset)
        ss.append(source_offset)

    def to_source(self, text_offset: int) -> int:
        if not self._ts:
            return text_offset
        i = bisect.bisect_right(self._ts, text_offset) - 1
        if i < 0:
            return self._ss[0]
        return self._ss[i] + (text_offset - self._ts[i])

    def to_source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span covering text[start:end]."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1

    def shifted(self, delta: int) -> OffsetMap:
        """The same map into a source that has ``delta`` more characters in front."""
        if not delta:
            return self
        return OffsetMap(self._ts, [s + delta for s in self._ss])

    def __len__(self) -> int:
        return len(self._ts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and self._ts == other._ts and self._ss == other._ss

    def to_bytes(self) -> bytes:
        return zlib.compress(self._ts.tobytes() + self._ss.tobytes(), 6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> OffsetMap:
        raw = zlib.decompress(blob)
        half = len(raw) // 2
        m = cls()
        m._ts.frombytes(raw[:half])
        m._ss.frombytes(raw[half:])
        return m


@dataclass
class FilingMetadata:
    """What an EDGAR submission header says (all optional for loose files)."""

    accession: str | None = None
    cik: str | None = None
    form_type: str | None = None
    filed_date: str | None = None  # ISO 8601
    period: str | None = None  # ISO 8601
    company: str | None = None
    items: list[str] = field(default_factory=list)  # 8-K item numbers, e.g. "1.02"
    item_titles: list[str] = field(default_factory=list)  # as the header writes them
    header: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "accession": self.accession,
            "cik": self.cik,
            "form_type": self.form_type,
            "filed_date": self.filed_date,
            "period": self.period,
            "company": self.company,
            "items": list(self.items),
            "item_titles": list(self.item_titles),
        }


@dataclass
class SourceDocument:
    """One readable document produced by a reader, not yet stored."""

    text: str
    source: str  # the original source of this document, decoded
    source_format: str  # "text", "html", "xml" or "markdown"
    offset_map: OffsetMap
    encoding: str = "utf-8"
    part: str | None = None  # EDGAR <TYPE>: "8-K", "EX-99.1", ...
    sequence: int | None = None
    filename: str | None = None
    description: str | None = None
    warnings: list[str] = field(default_factory=list)
    # what the reader found beside the text, for extraction: {"xbrl_facts": [{name, start, end, text}]}
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class SkippedPart:
    """A part of a submission that is not a reviewable document."""

    part: str | None
    filename: str | None
    reason: str


@dataclass
class SourceFiling:
    """What a reader makes of one file on disk."""

    path: str
    kind: str  # "edgar" (full submission) or "file"
    metadata: FilingMetadata
    documents: list[SourceDocument]
    skipped: list[SkippedPart] = field(default_factory=list)


@dataclass
class Filing:
    id: int
    kind: str
    source_path: str
    metadata: FilingMetadata
    ingested_at: str


@dataclass(frozen=True)
class Check:
    """A cross-field check of a document: do its reviewed values agree with one another?"""

    name: str  # "shares_x_price", "gross_minus_commission", "report_before_signature"
    description: str
    ok: bool | None  # None: unknown (an input is missing, or has no amount)
    expected: str | None = None
    actual: str | None = None
    labels: tuple[str, ...] = ()  # the labels it reads
    spans: tuple[tuple[int, int], ...] = ()  # the spans of the fields it compared
    signature_date: str | None = None  # kept so the check can be recomputed (no field holds it)

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL"}.get(self.ok, "?")

    @property
    def mark(self) -> str:
        return {True: "✔", False: "✘"}.get(self.ok, "?")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Check:
        return cls(name=d.get("name", ""), description=d.get("description") or d.get("name", ""), ok=d.get("ok"),
                   expected=d.get("expected"), actual=d.get("actual"), labels=tuple(d.get("labels") or ()),
                   spans=tuple(tuple(span) for span in d.get("spans") or ()),
                   signature_date=d.get("signature_date"))

    def as_dict(self) -> dict[str, Any]:
        out = {"name": self.name, "description": self.description, "ok": self.ok, "expected": self.expected,
               "actual": self.actual, "spans": [list(span) for span in self.spans]}
        if self.labels:
            out["labels"] = list(self.labels)
        if self.signature_date:
            out["signature_date"] = self.signature_date
        return out


@dataclass
class Document:
    """A stored document. ``text`` is loaded on demand (see Storage.get_document)."""

    id: int
    filing_id: int
    seq: int
    part: str | None
    doc_type: str
    filename: str | None
    description: str | None
    source_path: str
    source_format: str
    sha256: str
    text_length: int
    metadata: dict[str, Any]
    checks: list[Check]
    status: DocumentStatus
    reviewer: str | None
    decided_at: str | None
    ingested_at: str
    text: str | None = None


@dataclass
class Field:
    id: int | None
    document_id: int | None
    label: str
    start: int
    end: int
    text: str
    value: Any = None
    confidence: float | None = None
    extractor: str | None = None
    status: FieldStatus = "pending"
    reviewer: str | None = None
    decided_at: str | None = None
    original_value: Any = None


@dataclass
class AuditEntry:
    id: int
    at: str
    reviewer: str | None
    action: str
    document_id: int | None
    field_id: int | None
    before: Any
    after: Any
