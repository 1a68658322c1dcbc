"""The queries exports stream: batches of documents, each batch one JSON text made by one
SQLite statement, with each document's fields aggregated there, so Python handles one
object per document rather than a row per field, and a reader thread running the query
takes the GIL once per batch rather than once per row.

Order is part of the output (exports are deterministic): a document's fields are read
through the index fields_document (document_id, label, start, end, id), so within a label
they come in position order; arrays are built from subqueries with ORDER BY, which
SQLite keeps for order-sensitive aggregates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

# Characters Python's str.split() treats as whitespace, trimmed from field texts.
WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())

# A stored value (JSON, as common.dumps_value writes it) as the text a table shows, without
# parsing JSON for the common shapes: a string without escapes is its content, a whole
# number its digits, money {"amount": "<digits>", "currency": "<ABC>"} "<digits> <ABC>", a
# name {"name", "alias"} "<name> (<alias>)", all without escapes (SQLite's text functions stop at
# an escaped NUL); anything else goes through the Python function
# registered as value_text. That stays rare: a Python call from the export's reader thread
# waits for the GIL. A test checks that this equals export.value_text for any value.
VALUE_TEXT = """CASE
    WHEN value GLOB '"*"' AND instr(value, '\\') = 0 THEN substr(value, 2, length(value) - 2)
    WHEN value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9]*' THEN value
    WHEN value GLOB '{"amount": "[0-9.-]*", "currency": "[A-Z][A-Z][A-Z]"}' AND instr(value, '\\') = 0
        THEN substr(value, 13, instr(substr(value, 13), '"') - 1) || ' ' || substr(value, -5, 3)
    WHEN value GLOB '{*"name": *}' AND instr(value, '\\') = 0 AND json_type(value, '$.amount') IS NULL
         AND json_type(value, '$.name') = 'text'
         AND coalesce(json_type(value, '$.alias'), 'null') IN ('text', 'null')
        THEN json_extract(value, '$.name') || coalesce(' (' || nullif(json_extract(value, '$.alias'), '') || ')', '')
    ELSE value_text(value) END"""

# A stored money value split for tables that read numbers: its amount and its currency, the
# common shape read in SQL, the rest through the Python functions registered as value_amount
# and value_currency (a test checks they agree for any value). Other labels: VALUE_TEXT, no currency.
_MONEY = """value GLOB '{"amount": "[0-9.-]*", "currency": "[A-Z][A-Z][A-Z]"}' AND instr(value, '\\') = 0"""
AMOUNT = f"""CASE WHEN {_MONEY} THEN substr(value, 13, instr(substr(value, 13), '"') - 1)
    ELSE value_amount(value) END"""
CURRENCY = f"""CASE WHEN {_MONEY} THEN substr(value, -5, 3) ELSE value_currency(value) END"""

_SELECTIONS = {
    "approved": "status = 'approved'",
    "reviewed": "(status != 'pending' OR EXISTS (SELECT 1 FROM fields f INDEXED BY fields_document"
                " WHERE f.document_id = documents.id AND f.status != 'pending'))",
    "all": "1",
}
# what every exported document starts with: these columns, metadata as JSON
EXPORT_DOCUMENT_FIELDS = ("id", "doc_type", "source_path", "metadata", "status", "reviewer", "decided_at")
_COLUMNS = ", ".join(EXPORT_DOCUMENT_FIELDS)
_DOCUMENT = _COLUMNS.replace("metadata", "json(metadata)")


@dataclass(frozen=True)
class Money:
    """The money labels of an export and the Python sides of AMOUNT and CURRENCY."""

    labels: Sequence[str]
    amount: Callable[[str | None], str]
    currency: Callable[[str | None], str]


def _in(column: str, values: Sequence[str]) -> tuple[str, list[str]]:
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


class Exports:
    """Export queries (a part of Storage; uses its connection)."""

    def _field_filter(self, statuses: Sequence[str], labels: Sequence[str] | None) -> tuple[str, list]:
        where, params = _in("status", statuses)
        if labels is not None:
            label_sql, label_params = _in("label", labels)
            where, params = f"{where} AND {label_sql}", params + label_params
        return where, params

    def _json_batches(self, selection: str, item: str, params: list, batch: int) -> Iterator[str]:
        """``batch`` documents of ``selection`` at a time, in id order, as the JSON array of
        ``item`` (an SQL expression over the row ``documents``) for each."""
        condition = _SELECTIONS[selection]
        last = 0
        while True:
            text, last_id = self.conn.execute(
                f"""SELECT json_group_array({item}), max(id) FROM (
                        SELECT {_COLUMNS} FROM documents WHERE {condition} AND id > ? ORDER BY id LIMIT ?) AS documents""",
                params + [last, batch]).fetchone()
            if last_id is None:
                return
            yield text
            last = last_id

    def _register(self, value_text: Callable[[str | None], str], money: Money | None) -> tuple[str, str, list]:
        """Register the value functions; the SQL of a field's value (its amount for a money
        label), of its currency (NULL for other labels), and the parameters of both."""
        self.conn.create_function("value_text", 1, value_text, deterministic=True)
        if not money or not money.labels:
            return VALUE_TEXT, "NULL", []
        self.conn.create_function("value_amount", 1, money.amount, deterministic=True)
        self.conn.create_function("value_currency", 1, money.currency, deterministic=True)
        is_money, params = _in("label", money.labels)
        return (f"CASE WHEN {is_money} THEN {AMOUNT} ELSE {VALUE_TEXT} END",
                f"CASE WHEN {is_money} THEN {CURRENCY} END", params)

    def export_cells(self, selection: str, *, statuses: Sequence[str], labels: Sequence[str] | None,
                     value_text: Callable[[str | None], str], money: Money | None = None,
                     batch: int = 500) -> Iterator[str]:
        """Documents for a one-row-per-document table, as JSON texts of ``batch`` documents:
        each [EXPORT_DOCUMENT_FIELDS..., {label: [texts, value texts, absent (0/1), fields,
        currencies]}] over its fields with one of ``statuses`` (and one of ``labels``). Texts
        are trimmed and joined with "; " in position order (empty ones skipped), values and
        currencies likewise; for the labels of ``money`` the values are the amounts, for
        the others the currencies are null. ``selection`` is "approved", "reviewed" (any
        decision) or "all"."""
        value, currency, money_params = self._register(value_text, money)
        where, params = self._field_filter(statuses, labels)
        cells = f"""(SELECT json_group_object(label, json_array(texts, value_texts, absent, n, currencies)) FROM (
                        SELECT label, coalesce(group_concat(nullif(trim(text, ?), ''), '; '), '') AS texts,
                               group_concat({value}, '; ') AS value_texts,
                               max(status = 'absent') AS absent, count(*) AS n,
                               group_concat({currency}, '; ') AS currencies
                        FROM fields INDEXED BY fields_document
                        WHERE document_id = documents.id AND {where} GROUP BY label))"""
        yield from self._json_batches(selection, f"json_array({_DOCUMENT}, json({cells}))",
                                      [WHITESPACE] + money_params * 2 + params, batch)

    def export_documents(self, selection: str, *, statuses: Sequence[str], labels: Sequence[str] | None,
                         batch: int = 500) -> Iterator[str]:
        """Documents for training data, as JSON texts of ``batch`` documents: each
        [EXPORT_DOCUMENT_FIELDS..., [[label, start, end, text, value, status], ...]] with its
        fields of ``statuses`` (and ``labels``) ordered by start, end, label and id (texts:
        see document_texts)."""
        where, params = self._field_filter(statuses, labels)
        fields = f"""(SELECT json_group_array(json_array(label, start, "end", text, json(value), status)) FROM (
                         SELECT label, start, "end", text, value, status FROM fields INDEXED BY fields_document
                         WHERE document_id = documents.id AND {where} ORDER BY start, "end", label, id))"""
        yield from self._json_batches(selection, f"json_array({_DOCUMENT}, json({fields}))", params, batch)

    def document_texts(self, ids: Sequence[int]) -> list[str]:
        """The texts of documents, in the order of ``ids``."""
        id_sql, params = _in("id", ids)
        texts = dict(self.conn.execute(f"SELECT id, text FROM documents WHERE {id_sql}", params).fetchall())
        return [texts[i] for i in ids]

    def export_field_rows(self, selection: str, *, statuses: Sequence[str], labels: Sequence[str] | None,
                          label_order: Sequence[str], value_text: Callable[[str | None], str],
                          money: Money | None = None, meta: bool = False, batch: int = 500) -> Iterator[str]:
        """Fields one by one, as JSON texts of ``batch`` documents: each document
        [id, [[label, text, value text, currency, start, end, status, confidence, extractor,
        reviewer, decided_at], ...]] with its fields ordered by ``label_order``, then
        position; for the labels of ``money`` the value is the amount and the currency its
        own (null for other labels). ``meta``: each document starts with
        EXPORT_DOCUMENT_FIELDS rather than its id alone."""
        value, currency, money_params = self._register(value_text, money)
        where, params = self._field_filter(statuses, labels)
        order = "CASE label " + " ".join(f"WHEN ? THEN {i}" for i in range(len(label_order))) + " ELSE ? END"
        rows = f"""(SELECT json_group_array(json_array(label, text, {value}, {currency}, start, "end", status,
                                                       confidence, extractor, reviewer, decided_at)) FROM (
                        SELECT * FROM fields INDEXED BY fields_document WHERE document_id = documents.id AND {where}
                        ORDER BY {order}, start, "end", id))"""
        yield from self._json_batches(selection, f"json_array({_DOCUMENT if meta else 'id'}, json({rows}))",
                                      money_params * 2 + params + list(label_order) + [len(label_order)], batch)
