"""Exports of reviewed work: the analyst's CSV and span-annotated training data.

Streams documents from the database a batch at a time (memory stays flat), writes
deterministic bytes to a temporary file beside the destination and renames it into
place, so a crash never leaves half a file under the final name. Rejected fields are
never exported as values; "not in document" marks export as an explicit absence.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.extract.schema import Schema
from reviewer.core.model import Document
from reviewer.core.storage import Storage, decode_value
from reviewer.core.values import format_value

FORMATS = ("csv", "csv-long", "jsonl", "spacy", "conll", "audit")
STATUSES = ("approved", "reviewed", "all")
ABSENT = "[not in document]"
_POSITIVE = ("accepted", "edited", "added")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TOKEN = re.compile(r"\w+(?:[.,'’-]\w+)*|[^\w\s]")


class ExportError(Exception):
    """An export that cannot be written; the message says why."""


@dataclass
class ExportResult:
    documents: int = 0
    fields: int = 0  # audit entries, for the audit format
    path: str = ""
    format: str = ""
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.format == "audit":
            text = f"{self.fields} audit entries written to {self.path}"
        else:
            text = f"{self.documents} documents, {self.fields} fields written to {self.path}"
        if self.warnings:
            text += f" ({len(self.warnings)} warning(s))"
        return text


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula (=, +, -, @, tab, CR first)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


# positions in the raw field rows of Storage.export_batches
LABEL, START, END, TEXT, VALUE, STATUS, CONFIDENCE, EXTRACTOR, REVIEWER, DECIDED, ID = (
    Storage.EXPORT_FIELD_COLUMNS.index(c) for c in
    ("label", "start", "end", "text", "value", "status", "confidence", "extractor", "reviewer", "decided_at", "id")
)


def _exported(rows: list[tuple], status: str, labels: set[str] | None, order: dict[str, int]) -> list[tuple]:
    """The rows an export shows (never rejected ones), in schema order then position."""
    keep = _POSITIVE + ("absent",) + (("pending",) if status == "all" else ())
    chosen = [r for r in rows if r[STATUS] in keep and (labels is None or r[LABEL] in labels)]
    chosen.sort(key=lambda r: (order.get(r[LABEL], 99), r[START], r[END], r[ID]))
    return chosen


def value_text(json_text: str | None) -> str:
    """A stored value as the text a CSV cell shows (format_value of the parsed value)."""
    if json_text is None:
        return ""
    value = decode_value(json_text)
    return value if isinstance(value, str) else format_value(value)


def export(
    storage: Storage, schema: Schema, fmt: str, out: str | os.PathLike, *, status: str = "approved",
    labels: Iterable[str] | None = None, excel: bool = False,
    progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if status not in STATUSES:
        raise ExportError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
    wanted = None
    if labels:
        wanted = set(labels)
        unknown = wanted - set(schema.names)
        if unknown:
            raise ExportError(f"unknown label(s): {', '.join(sorted(unknown))}")
    out = Path(out)
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    if not out.parent.exists():
        raise ExportError(f"the folder {out.parent} does not exist")
    total = storage.count_documents() if status == "all" else None
    result = ExportResult(path=str(out), format=fmt)
    writer = {
        "csv": _write_csv, "csv-long": _write_csv_long, "jsonl": _write_jsonl,
        "spacy": _write_spacy, "conll": _write_conll, "audit": _write_audit,
    }[fmt]
    binary = fmt == "spacy"
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        if binary:
            os.close(fd)
            writer(storage, schema, tmp, status, wanted, result, progress, cancelled, total)
        else:
            with open(fd, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
                writer(storage, schema, handle, status, wanted, result, progress, cancelled, total)
                handle.flush()
                os.fsync(handle.fileno())
        if cancelled and cancelled():
            raise ExportError("export cancelled; nothing was written")
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return result


def _batches(storage, status, with_text, result, progress, cancelled, total):
    for docs, fields in storage.export_batches(status, with_text=with_text):
        if cancelled and cancelled():
            return
        yield docs, fields
        result.documents += len(docs)
        if progress:
            progress(result.documents, total or 0)


def _doc_meta(doc: Document) -> dict:
    m = doc.metadata
    return {
        "document_id": doc.id, "accession": m.get("accession") or "", "cik": m.get("cik") or "",
        "doc_type": doc.doc_type, "form_type": m.get("form_type") or "", "exhibit": m.get("exhibit") or "",
        "filing_company": m.get("company") or "", "source_file": os.path.basename(doc.source_path),
        "reviewer": doc.reviewer or "", "approved_at": doc.decided_at if doc.status == "approved" else "",
        "status": doc.status,
    }


# -- CSV, one row per document -----------------------------------------------------
def _write_csv(storage, schema, handle, status, wanted, result, progress, cancelled, total):
    names = [n for n in schema.names if wanted is None or n in wanted]
    order = {n: i for i, n in enumerate(schema.names)}
    meta_cols = ["document_id", "accession", "cik", "doc_type", "exhibit", "filing_company", "source_file",
                 "reviewer", "approved_at"]
    if status != "approved":
        meta_cols.append("status")
    header = meta_cols + [c for n in names for c in (n, f"{n}_value")]
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(header)
    for docs, fields in _batches(storage, status, False, result, progress, cancelled, total):
        for doc in docs:
            meta = _doc_meta(doc)
            by_label: dict[str, list[tuple]] = {}
            for r in _exported(fields[doc.id], status, wanted, order):
                by_label.setdefault(r[LABEL], []).append(r)
            row = [safe_cell(meta[c]) for c in meta_cols]
            for name in names:
                found = by_label.get(name)
                if not found:
                    row += ["", ""]
                    continue
                result.fields += len(found)
                if any(r[STATUS] == "absent" for r in found):
                    row += [ABSENT, ABSENT]
                    continue
                row.append(safe_cell("; ".join(" ".join(r[TEXT].split()) for r in found)))
                row.append(safe_cell("; ".join(value_text(r[VALUE]) for r in found)))
            out.writerow(row)


# -- CSV, one row per field --------------------------------------------------------
def _write_csv_long(storage, schema, handle, status, wanted, result, progress, cancelled, total):
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(["document_id", "label", "text", "value", "start", "end", "status", "confidence",
                  "extractor", "reviewer", "decided_at"])
    order = {n: i for i, n in enumerate(schema.names)}
    for docs, fields in _batches(storage, status, False, result, progress, cancelled, total):
        rows = []
        for doc in docs:
            for r in _exported(fields[doc.id], status, wanted, order):
                if r[STATUS] == "absent":
                    rows.append([doc.id, r[LABEL], ABSENT, ABSENT, "", "", "absent", _conf(r[CONFIDENCE]),
                                 safe_cell(r[EXTRACTOR]), safe_cell(r[REVIEWER]), r[DECIDED] or ""])
                else:
                    rows.append([doc.id, r[LABEL], safe_cell(r[TEXT]), safe_cell(value_text(r[VALUE])),
                                 r[START], r[END], r[STATUS], _conf(r[CONFIDENCE]), safe_cell(r[EXTRACTOR]),
                                 safe_cell(r[REVIEWER]), r[DECIDED] or ""])
        out.writerows(rows)
        result.fields += len(rows)


def _conf(confidence) -> str:
    return "" if confidence is None else f"{confidence:g}"


# -- JSONL in the span format spaCy and Prodigy read ------------------------------
def _write_jsonl(storage, schema, handle, status, wanted, result, progress, cancelled, total):
    order = {n: i for i, n in enumerate(schema.names)}
    many = {label.name for label in schema.labels if label.many}
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    for docs, fields in _batches(storage, status, True, result, progress, cancelled, total):
        lines = []
        for doc in docs:
            chosen = _exported(fields[doc.id], status, wanted, order)
            present = [r for r in chosen if r[STATUS] != "absent"]
            present_by_position = sorted(present, key=lambda r: (r[START], r[END], r[LABEL]))
            spans = [{"end": r[END], "label": r[LABEL], "start": r[START], "text": r[TEXT]}
                     for r in present_by_position]
            record: dict = {}
            for r in chosen:
                value = None if r[STATUS] == "absent" else decode_value(r[VALUE])
                if r[LABEL] in many:
                    record.setdefault(r[LABEL], []).append(value)
                else:
                    record.setdefault(r[LABEL], value)
            meta = _doc_meta(doc)
            meta["absent"] = sorted({r[LABEL] for r in chosen if r[STATUS] == "absent"})
            result.fields += len(chosen)
            lines.append(dumps({"answer": "accept", "meta": meta, "record": record, "spans": spans,
                                "text": doc.text}))
        handle.write("\n".join(lines) + "\n")


# -- spaCy DocBin ------------------------------------------------------------------
def _write_spacy(storage, schema, path, status, wanted, result, progress, cancelled, total):
    try:
        import spacy
        from spacy.tokens import DocBin
        from spacy.util import filter_spans
    except ImportError:
        raise ExportError("the spacy format needs spaCy: pip install 'filing-reviewer[spacy]'") from None
    nlp = spacy.blank("en")
    order = {n: i for i, n in enumerate(schema.names)}
    docbin = DocBin(store_user_data=True)
    for docs, fields in _batches(storage, status, True, result, progress, cancelled, total):
        for doc in docs:
            sdoc = nlp.make_doc(doc.text)
            ents, spans = [], []
            for r in _exported(fields[doc.id], status, wanted, order):
                if r[STATUS] == "absent":
                    continue
                start, end, label = r[START], r[END], r[LABEL]
                span = sdoc.char_span(start, end, label=label, alignment_mode="strict")
                if span is None:
                    result.warnings.append(f"document {doc.id}: {label} {start}-{end} {r[TEXT]!r} does not "
                                           "align to token boundaries; kept as an expanded span")
                    span = sdoc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
                    ents.append(span)
                    result.fields += 1
            sdoc.spans["fields"] = spans  # every field, overlaps included
            sdoc.ents = filter_spans(ents)  # the non-overlapping ones as entities
            sdoc.user_data["document_id"] = doc.id
            docbin.add(sdoc)
    docbin.to_disk(path)


# -- CoNLL-2003 IOB2 ---------------------------------------------------------------
def _write_conll(storage, schema, handle, status, wanted, result, progress, cancelled, total):
    order = {n: i for i, n in enumerate(schema.names)}
    for docs, fields in _batches(storage, status, True, result, progress, cancelled, total):
        for doc in docs:
            chosen = [r for r in _exported(fields[doc.id], status, wanted, order) if r[STATUS] != "absent"]
            # overlapping spans cannot both be IOB2 tags: keep the longer, then the earlier
            kept: list[tuple] = []
            for r in sorted(chosen, key=lambda r: (-(r[END] - r[START]), r[START])):
                if all(r[END] <= k[START] or r[START] >= k[END] for k in kept):
                    kept.append(r)
            kept.sort(key=lambda r: r[START])
            if len(kept) < len(chosen):
                result.warnings.append(f"document {doc.id}: {len(chosen) - len(kept)} overlapping field(s) "
                                       "left out of CoNLL tags")
            result.fields += len(kept)
            handle.write("-DOCSTART- -X- -X- O\n\n")
            i = 0
            line_has_tokens = False
            previous_end = 0
            for m in _TOKEN.finditer(doc.text):
                if line_has_tokens and "\n\n" in doc.text[previous_end:m.start()]:
                    handle.write("\n")
                while i < len(kept) and kept[i][END] <= m.start():
                    i += 1
                tag = "O"
                if i < len(kept) and kept[i][START] < m.end() and m.start() < kept[i][END]:
                    tag = ("B-" if m.start() <= kept[i][START] else "I-") + kept[i][LABEL]
                handle.write(f"{m.group()} _ _ {tag}\n")
                line_has_tokens = True
                previous_end = m.end()
            handle.write("\n")


# -- the audit log -----------------------------------------------------------------
def _write_audit(storage, schema, handle, status, wanted, result, progress, cancelled, total):
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(["id", "when", "who", "action", "document", "field", "before", "after"])
    for entry in storage.iter_audit():
        if cancelled and cancelled():
            return
        out.writerow([entry.id, entry.at, safe_cell(entry.reviewer), safe_cell(entry.action),
                      entry.document_id or "", entry.field_id or "",
                      safe_cell(_compact(entry.before)), safe_cell(_compact(entry.after))])
        result.fields += 1


def _compact(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
