"""Tables for analysts: the one-row-per-document CSV, the one-row-per-field CSV, and the
audit log. Every text cell goes through safe_cell (no formula runs when opened)."""

from __future__ import annotations

import csv
import json

from reviewer.core.export.common import ABSENT, Run, document_meta, safe_cell, value_text

DOCUMENT_COLUMNS = ["document_id", "accession", "cik", "doc_type", "exhibit", "filing_company", "source_file",
                    "reviewer", "approved_at"]
FIELD_COLUMNS = ["document_id", "label", "text", "value", "start", "end", "status", "confidence", "extractor",
                 "reviewer", "decided_at"]


def write_csv(run: Run, handle) -> None:
    """One row per document: its metadata, then for each label of the schema (in schema
    order) the texts and the values of its fields, several joined with "; "."""
    names = [n for n in run.schema.names if run.labels is None or n in run.labels]
    meta_columns = DOCUMENT_COLUMNS + (["status"] if run.status != "approved" else [])
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(meta_columns + [c for n in names for c in (n, f"{n}_value")])

    def query(storage):
        return storage.export_cells(run.status, statuses=run.statuses, labels=run.labels, value_text=value_text)

    for documents in run.batches(query):
        lines = []
        for document in documents:
            meta = document_meta(document)
            cells = document[7] or {}
            line = [safe_cell(meta[c]) for c in meta_columns]
            for name in names:
                cell = cells.get(name)
                if cell is None:
                    line += ("", "")
                    continue
                texts, values, absent, count = cell
                run.result.fields += count
                if absent:
                    line += (ABSENT, ABSENT)
                else:  # texts come trimmed: collapsing the joined cell collapses each text
                    line += (safe_cell(" ".join(texts.split())), safe_cell(values))
            lines.append(line)
        out.writerows(lines)


def write_csv_long(run: Run, handle) -> None:
    """One row per field, by document, schema order and position."""
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(FIELD_COLUMNS)

    def query(storage):
        return storage.export_field_rows(run.status, statuses=run.statuses, labels=run.labels,
                                         label_order=run.schema.names, value_text=value_text)

    for documents in run.batches(query):
        lines = []
        for doc_id, fields in documents:
            for label, text, value, start, end, status, confidence, extractor, reviewer, decided in fields:
                if status == "absent":
                    text = value = ABSENT
                    start = end = ""
                lines.append((doc_id, label, safe_cell(text), safe_cell(value), start, end, status,
                              "" if confidence is None else f"{confidence:g}", safe_cell(extractor),
                              safe_cell(reviewer), decided or ""))
        out.writerows(lines)
        run.result.fields += len(lines)


def write_audit(run: Run, handle) -> None:
    """The audit log, every entry in order: who, when, what, and the field before and after."""
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(["id", "when", "who", "action", "document", "field", "before", "after"])
    for entry in run.storage.iter_audit():
        if run.is_cancelled():
            return
        out.writerow([entry.id, entry.at, safe_cell(entry.reviewer), safe_cell(entry.action),
                      entry.document_id or "", entry.field_id or "",
                      safe_cell(_compact(entry.before)), safe_cell(_compact(entry.after))])
        run.result.fields += 1


def _compact(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
