"""Tables for analysts: the one-row-per-document CSV, the one-row-per-field CSV, and the
audit log. Every text cell goes through safe_cell (no formula runs when opened), but for
a plain number (-5 is a number, not a formula). Money is split into an amount, a plain
number spreadsheets and pandas read, and a currency column."""

from __future__ import annotations

import csv
import json
import re

from reviewer.core.export.common import ABSENT, Run, document_meta, safe_cell, value_text
from reviewer.core.storage import decode_value
from reviewer.core.storage.exports import Money
from reviewer.core.values import format_value

DOCUMENT_COLUMNS = ["document_id", "accession", "cik", "doc_type", "exhibit", "filing_company", "source_file",
                    "reviewer", "approved_at"]
FIELD_COLUMNS = ["document_id", "label", "text", "value", "currency", "start", "end", "status", "confidence",
                 "extractor", "reviewer", "decided_at"]
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def value_amount(json_text: str | None) -> str:
    """The amount of a stored money value as text (4300000); another value as value_text."""
    if json_text is None:
        return ""
    value = decode_value(json_text)
    if isinstance(value, dict) and "amount" in value:
        return _text(value["amount"])
    return value_text(json_text)


def value_currency(json_text: str | None) -> str:
    """The currency of a stored money value (USD); "" for another value."""
    if json_text is None:
        return ""
    value = decode_value(json_text)
    if isinstance(value, dict) and "amount" in value:
        return _text(value.get("currency"))
    return ""


def _text(value) -> str:
    return value if isinstance(value, str) else format_value(value)


def money_of(run: Run) -> Money:
    """The money labels of the run's schema, for the export queries."""
    return Money([label.name for label in run.schema.labels if label.type == "money"], value_amount, value_currency)


def safe_value(text: str) -> str:
    """safe_cell, but a plain number stays one (a negative amount is no formula)."""
    if text[:1] == "-" and _PLAIN_NUMBER.fullmatch(text):
        return text
    return safe_cell(text)


def one_currency(currencies: str) -> str:
    """The currencies of a label's amounts: one when they all share it, else one per amount."""
    parts = currencies.split("; ")
    return parts[0] if parts.count(parts[0]) == len(parts) else currencies


def document_columns(run: Run) -> tuple[list[str], list[str], list[str]]:
    """The metadata columns, the labels exported (schema order) and the money labels among them."""
    names = [n for n in run.schema.names if run.labels is None or n in run.labels]
    money = [n for n in names if run.schema[n].type == "money"]
    return DOCUMENT_COLUMNS + (["status"] if run.status != "approved" else []), names, money


def write_csv(run: Run, handle) -> None:
    """One row per document: its metadata, then for each label of the schema (in schema
    order) the texts and the values of its fields, several joined with "; ", and for a
    money label the amounts as values and their currency (see one_currency)."""
    meta_columns, names, money = document_columns(run)
    money = set(money)
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(meta_columns + [c for n in names
                                 for c in ((n, f"{n}_value", f"{n}_currency") if n in money else (n, f"{n}_value"))])
    blank = {n: ("", "", "") if n in money else ("", "") for n in names}
    absent_cells = {n: (ABSENT,) * len(blank[n]) for n in names}

    def query(storage):
        return storage.export_cells(run.status, statuses=run.statuses, labels=run.labels, value_text=value_text,
                                    money=money_of(run))

    for documents in run.batches(query):
        lines = []
        for document in documents:
            meta = document_meta(document)
            cells = document[7] or {}
            line = [safe_cell(meta[c]) for c in meta_columns]
            for name in names:
                cell = cells.get(name)
                if cell is None:
                    line += blank[name]
                    continue
                texts, values, absent, count, currencies = cell
                run.result.fields += count
                if absent:
                    line += absent_cells[name]
                elif currencies is None:  # texts come trimmed: collapsing the joined cell collapses each text
                    line += (safe_cell(" ".join(texts.split())), safe_value(values))
                else:
                    line += (safe_cell(" ".join(texts.split())), safe_value(values),
                             safe_cell(one_currency(currencies)))
            lines.append(line)
        out.writerows(lines)


def write_csv_long(run: Run, handle) -> None:
    """One row per field, by document, schema order and position; a money field's value
    is its amount, its currency in the column beside."""
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(FIELD_COLUMNS)

    def query(storage):
        return storage.export_field_rows(run.status, statuses=run.statuses, labels=run.labels,
                                         label_order=run.schema.names, value_text=value_text, money=money_of(run))

    for documents in run.batches(query):
        lines = []
        for doc_id, fields in documents:
            for label, text, value, currency, start, end, status, confidence, extractor, reviewer, decided in fields:
                if status == "absent":
                    text = value = ABSENT
                    currency = None if currency is None else ABSENT
                    start = end = ""
                lines.append((doc_id, label, safe_cell(text), safe_value(value),
                              "" if currency is None else safe_cell(currency), start, end, status,
                              "" if confidence is None else f"{confidence:g}", safe_cell(extractor),
                              safe_cell(reviewer), decided or ""))
        out.writerows(lines)
        run.result.fields += len(lines)


def write_audit(run: Run, handle) -> None:
    """The audit log, every entry in order: who, when, what, and the field before and after."""
    out = csv.writer(handle, lineterminator="\r\n")
    out.writerow(AUDIT_COLUMNS)
    for row in audit_rows(run):
        out.writerow([row[0], row[1], safe_cell(row[2]), safe_cell(row[3]), row[4], row[5],
                      safe_cell(row[6]), safe_cell(row[7])])
        run.result.fields += 1


AUDIT_COLUMNS = ["id", "when", "who", "action", "document", "field", "before", "after"]


def audit_rows(run: Run):
    """The audit log's entries as rows of AUDIT_COLUMNS (before and after as compact JSON);
    stops when cancelled."""
    for entry in run.storage.iter_audit():
        if run.is_cancelled():
            return
        yield (entry.id, entry.at, entry.reviewer or "", entry.action or "", entry.document_id or "",
               entry.field_id or "", _compact(entry.before), _compact(entry.after))


def _compact(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
