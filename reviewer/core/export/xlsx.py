"""The analyst's workbook, ``--format xlsx``: typed cells, a frozen bold header with
filters, and no formula anywhere (cells: xlsx_cells.py).

Sheets:
- "Documents": one row per document, the columns of the CSV (its metadata, then for each
  label of the schema its texts and its value, and for a money label the currency).
  A label with one field has a typed value (an amount, a date, a number); a label with
  several has them joined with "; " as text, as in the CSV, so nothing is hidden: the
  Fields sheet has each of them as its own number or date.
- "Fields": one row per field, the columns of the long CSV, every value typed.
- "Audit" (with ``run.audit``): the audit log, the columns of the audit CSV.

Both data sheets come from one pass over the database (the long query, with each
document's metadata), written as the batches arrive in openpyxl's write-only mode, so
memory stays flat; openpyxl keeps each sheet in a temporary file until the workbook is
saved (removed here when the export is cancelled or fails). A sheet that reaches Excel's
1,048,576 rows stops there with a warning; the other sheets go on.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from reviewer.core.export.common import ABSENT, Run, document_meta, value_text
from reviewer.core.export.tables import (
    AUDIT_COLUMNS,
    FIELD_COLUMNS,
    audit_rows,
    document_columns,
    money_of,
    one_currency,
)
from reviewer.core.export.xlsx_cells import MAX_WIDTH, Cells, width

MAX_ROWS = 1_048_576  # rows in one sheet, the header's included


class Sheet:
    """One write-only sheet: its bold header and frozen first row, column widths from the
    header and the first rows (held until ``flush``), filters over the data, and the
    row limit."""

    def __init__(self, workbook: Workbook, title: str, columns: list[str], warnings: list[str], stop_hint: str):
        self.ws = workbook.create_sheet(title)
        self.cells = Cells(self.ws, title, warnings)
        self.columns = columns
        self.warnings = warnings
        self.stop_hint = stop_hint
        self.rows = 0  # data rows written or held
        self.full = False
        self.cells.row = 2
        self._held: list[list] | None = []

    def add(self, row: list) -> bool:
        """Add a row of cells; False (and a warning, once) when the sheet is full."""
        if self.rows + 1 >= MAX_ROWS:
            if not self.full:
                self.full = True
                self.warnings.append(f"{self.title} sheet: Excel's limit of {MAX_ROWS:,} rows reached; "
                                     f"the rest is not in the sheet ({self.stop_hint})")
            return False
        self.rows += 1
        self.cells.row = self.rows + 2
        if self._held is not None:
            self._held.append(row)
        else:
            self.ws.append(row)
        return True

    @property
    def title(self) -> str:
        return self.cells.title

    def flush(self) -> None:
        """Write the rows held so far; the first time, set the widths and the header."""
        if self._held is None:
            return
        held, self._held = self._held, None
        for i, name in enumerate(self.columns, 1):
            seen = max((width(row[i - 1]) for row in held), default=0)
            self.ws.column_dimensions[get_column_letter(i)].width = min(max(seen, len(name) + 2, 6) + 2, MAX_WIDTH)
        self.ws.freeze_panes = "A2"
        self.ws.append([self.cells.header(name) for name in self.columns])
        for row in held:
            self.ws.append(row)

    def finish(self) -> None:
        """Flush, and put the filters over the header and the data."""
        self.flush()
        self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.columns))}{self.rows + 1}"


def write_xlsx(run: Run, path: str) -> None:
    """Write the workbook of ``run`` at ``path``; nothing when the run is cancelled."""
    workbook = Workbook(write_only=True)
    try:
        if _fill(run, workbook):
            workbook.save(path)
    finally:
        _discard(workbook)


def _fill(run: Run, workbook: Workbook) -> bool:
    """Make the sheets of ``run`` in ``workbook``; False when cancelled."""
    meta_columns, names, money = document_columns(run)
    money = set(money)
    kinds = {n: run.schema[n].type for n in names}
    wide = meta_columns + [c for n in names
                           for c in ((n, f"{n}_value", f"{n}_currency") if n in money else (n, f"{n}_value"))]
    warnings = run.result.warnings
    documents = Sheet(workbook, "Documents", wide, warnings, "use --format csv")
    fields = Sheet(workbook, "Fields", FIELD_COLUMNS, warnings, "use --format csv-long")
    audit = Sheet(workbook, "Audit", AUDIT_COLUMNS, warnings, "use --format audit") if run.audit else None

    def query(storage):
        return storage.export_field_rows(run.status, statuses=run.statuses, labels=run.labels,
                                         label_order=run.schema.names, value_text=value_text, money=money_of(run),
                                         meta=True)

    for batch in run.batches(query):
        for document in batch:
            rows = document[7]
            run.result.fields += len(rows)
            documents.add(_document_row(documents.cells, document, meta_columns, names, kinds, money))
            if not fields.full:
                for row in rows:
                    if not fields.add(_field_row(fields.cells, document[0], row, kinds)):
                        break
        documents.flush()
        fields.flush()
    if audit is not None and not run.is_cancelled():
        cells = audit.cells
        for entry_id, at, who, action, document_id, field_id, before, after in audit_rows(run):
            if not audit.add([entry_id, cells.stamp(at), cells.text(who), cells.text(action), document_id or None,
                              field_id or None, cells.text(before), cells.text(after)]):
                break
    if run.is_cancelled():
        return False
    for sheet in (documents, fields, audit):
        if sheet is not None:
            sheet.finish()
    return True


def _document_row(cells: Cells, document: list, meta_columns: list[str], names: list[str], kinds: dict,
                  money: set) -> list:
    """The Documents row of a document of the long query (EXPORT_DOCUMENT_FIELDS, then its
    fields): what write_csv writes, with typed cells."""
    meta = document_meta(document)
    line = []
    for column in meta_columns:
        if column == "document_id":
            line.append(meta[column])
        elif column == "approved_at":
            line.append(cells.stamp(meta[column]))
        else:
            line.append(cells.text(meta[column]))
    by_label: dict[str, list] = {}
    for row in document[7]:
        by_label.setdefault(row[0], []).append(row)
    for name in names:
        rows = by_label.get(name)
        span = 3 if name in money else 2
        if not rows:
            line += [None] * span
        elif any(row[6] == "absent" for row in rows):
            line += [cells.text(ABSENT) for _ in range(span)]  # a cell object is never used twice
        else:
            texts = "; ".join(t for t in (" ".join(row[1].split()) for row in rows) if t)
            line.append(cells.text(texts))
            if len(rows) == 1:
                line.append(cells.value(kinds[name], rows[0][2], rows[0][3], rows[0][1]))
            else:
                line.append(cells.text("; ".join(row[2] or "" for row in rows)))
            if span == 3:
                currencies = [row[3] for row in rows if row[3] is not None]
                line.append(cells.text(one_currency("; ".join(currencies))))
    return line


def _field_row(cells: Cells, doc_id: int, row: list, kinds: dict) -> list:
    """The Fields row of one field of the long query: what write_csv_long writes, typed."""
    label, text, value, currency, start, end, status, confidence, extractor, reviewer, decided = row
    if status == "absent":
        text_cell, value_cell = cells.text(ABSENT), cells.text(ABSENT)
        currency_cell = None if currency is None else cells.text(ABSENT)
        start = end = None
    else:
        text_cell = cells.text(text)
        value_cell = cells.value(kinds.get(label, "text"), value or "", currency, text)
        currency_cell = cells.text(currency)
    return [doc_id, cells.text(label), text_cell, value_cell, currency_cell, start, end, cells.text(status),
            confidence, cells.text(extractor), cells.text(reviewer), cells.stamp(decided)]


def _discard(workbook: Workbook) -> None:
    """Remove the temporary files of the sheets a save did not take (cancel, failure):
    openpyxl would remove them only when the program ends."""
    for ws in workbook.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None or ws.closed:
            continue
        try:
            ws.close()
        except Exception:  # noqa: BLE001 - a half-written sheet's tail: it is removed anyway
            pass
        try:
            writer.cleanup()
        except (OSError, ValueError):
            pass
