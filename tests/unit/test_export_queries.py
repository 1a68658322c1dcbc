"""The SQL behind exports: value texts equal Python's, order within a label, exact numbers,
the reader thread (errors, early stop, one snapshot), and the index migration."""

import csv
import gc
import json
import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.export import export, value_text
from reviewer.core.export.common import read_ahead
from reviewer.core.extract import load_schema
from reviewer.core.model import Field, FilingMetadata, OffsetMap, SourceDocument, SourceFiling
from reviewer.core.storage import SCHEMA_VERSION, Storage
from reviewer.core.storage.common import dumps_value
from reviewer.core.export.tables import value_amount, value_currency
from reviewer.core.storage.exports import AMOUNT, CURRENCY, VALUE_TEXT

SCHEMA = load_schema()

_text = st.text(max_size=12)
_amount = st.one_of(st.from_regex(r"-?[0-9.]{1,8}", fullmatch=True), _text, st.integers(), st.none())
values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(min_value=-(2**80), max_value=2**80), _text,
        st.floats(allow_nan=False, allow_infinity=False),
        st.fixed_dictionaries({"amount": _amount, "currency": st.one_of(st.sampled_from(["USD", "EUR"]), _text)}),
        st.fixed_dictionaries({"name": _text}, optional={"alias": st.one_of(_text, st.none())}),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=2),
    max_leaves=5,
)


_memory = Storage(":memory:")
_memory.conn.create_function("value_text", 1, value_text, deterministic=True)


@settings(max_examples=400, deadline=None)
@given(values)
def test_sql_value_text_equals_python(value):
    stored = dumps_value(value)
    [(sql,)] = _memory.conn.execute(f"SELECT {VALUE_TEXT} FROM (SELECT ? AS value)", (stored,)).fetchall()
    assert sql == value_text(stored)


_memory.conn.create_function("value_amount", 1, value_amount, deterministic=True)
_memory.conn.create_function("value_currency", 1, value_currency, deterministic=True)


@settings(max_examples=400, deadline=None)
@given(values)
def test_sql_money_split_equals_python(value):
    """The amount and currency read in SQL for the common shape equal the Python functions'."""
    stored = dumps_value(value)
    [(amount, currency)] = _memory.conn.execute(
        f"SELECT {AMOUNT}, {CURRENCY} FROM (SELECT ? AS value)", (stored,)).fetchall()
    assert (amount, currency) == (value_amount(stored), value_currency(stored))


def _document(storage, text, fields):
    filing = SourceFiling("/x/doc.txt", "file", FilingMetadata(accession="0000000000-26-000001"),
                          [SourceDocument(text=text, source=text, source_format="text",
                                          offset_map=OffsetMap.identity())])
    _, [doc_id], _ = storage.add_filing(filing, fields=[fields])
    storage.set_document_status(doc_id, "approved", reviewer="ana")
    return doc_id


def test_fields_of_a_label_export_in_position_order(storage, tmp_path):
    text = "Paid $1 then $22 then $333 to  Acme\nCorp.  "
    spans = [(text.index(m), text.index(m) + len(m)) for m in ("$333", "$1", "$22")]  # stored out of order
    fields = [Field(None, None, "money", a, b, text[a:b], {"amount": text[a + 1:b], "currency": "USD"},
                    0.9, "t", status="accepted") for a, b in spans]
    org = text.index("Acme")
    fields.append(Field(None, None, "organization", org, len(text), text[org:], "Acme Corp.", 0.9, "t",
                        status="accepted"))
    _document(storage, text, fields)
    export(storage, SCHEMA, "csv", tmp_path / "o.csv")
    [row] = list(csv.DictReader((tmp_path / "o.csv").open(encoding="utf-8", newline="")))
    assert row["money"] == "$1; $22; $333" and row["money_value"] == "1; 22; 333" and row["money_currency"] == "USD"
    assert row["organization"] == "Acme Corp."  # whitespace collapsed, trailing blanks trimmed
    export(storage, SCHEMA, "jsonl", tmp_path / "o.jsonl")
    record = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    assert [m["amount"] for m in record["record"]["money"]] == ["1", "22", "333"]
    assert [s["start"] for s in record["spans"]] == sorted(s["start"] for s in record["spans"])


def test_long_integers_export_exactly(storage, tmp_path):
    big = 2**70 + 1
    text = f"{big} shares"
    _document(storage, text, [Field(None, None, "share_count", 0, len(str(big)), str(big), big, 1.0, "t",
                                    status="accepted")])
    export(storage, SCHEMA, "jsonl", tmp_path / "o.jsonl")
    assert json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))["record"]["share_count"] == [big]
    export(storage, SCHEMA, "csv-long", tmp_path / "o.csv")
    [row] = list(csv.DictReader((tmp_path / "o.csv").open(encoding="utf-8", newline="")))
    assert row["value"] == str(big)
    assert gc.isenabled()  # paused during the export only


def _readers() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "export-reader"]


def test_reader_errors_reach_the_caller_and_early_stops_end_the_reader(storage):
    def failing(s):
        yield "[1]"
        raise RuntimeError("disk on fire")

    got = []
    try:
        for batch in read_ahead(storage, failing):
            got.append(batch)
    except RuntimeError as err:
        assert "disk on fire" in str(err)
    else:
        raise AssertionError("the reader's error was lost")
    assert got == ["[1]"] and not _readers()

    def endless(s):
        while True:
            yield "[]"

    for _ in read_ahead(storage, endless):
        break
    assert not _readers()


def test_the_reader_sees_one_snapshot(storage, tmp_path):
    doc_id = _document(storage, "Acme", [])
    storage.set_document_status(doc_id, "pending", reviewer="ana")
    changed = threading.Event()

    def counts(s):
        yield s.count_documents(status="approved")
        changed.wait(5)
        yield s.count_documents(status="approved")

    batches = read_ahead(storage, counts)
    assert next(batches) == 0
    storage.set_document_status(doc_id, "approved", reviewer="ana")  # committed by another connection
    changed.set()
    assert next(batches) == 0  # the reader still reads the database as it was
    assert storage.count_documents(status="approved") == 1


def test_migration_3_indexes_fields_by_label(tmp_path):
    path = tmp_path / "old.db"
    with Storage(path) as s:  # make it look like a version 2 database
        s.conn.execute("DROP INDEX fields_document")
        s.conn.execute("CREATE INDEX fields_document ON fields(document_id, start)")
        s.conn.execute("DROP TABLE undo_steps")  # migration 4
        s.conn.execute("PRAGMA user_version = 2")
    with Storage(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        columns = [r[2] for r in s.conn.execute("PRAGMA index_info(fields_document)")]
        assert columns == ["document_id", "label", "start", "end"]
