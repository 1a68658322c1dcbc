import sqlite3

import pytest

from reviewer.core.model import Field, FilingMetadata, OffsetMap, SourceDocument, SourceFiling
from reviewer.core.storage import SCHEMA_VERSION, Storage, StorageError


def _filing(text="Tecogen sold 212,750 shares at $4.50 per share.", path="/x/a.txt"):
    doc = SourceDocument(text=text, source=text, source_format="text", offset_map=OffsetMap.identity())
    meta = FilingMetadata(accession="0000000000-24-000001", cik="0000000001", company="Tecogen Inc.")
    return SourceFiling(path, "file", meta, [doc])


def _field(text, doc_text, label="share_count"):
    start = doc_text.index(text)
    return Field(None, None, label, start, start + len(text), text, value=212750, confidence=0.9, extractor="t")


def test_pragmas_and_version(storage):
    conn = storage.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert storage.schema_version == SCHEMA_VERSION


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Storage(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer Filing Reviewer"):
        Storage(path)


def test_foreign_files_are_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError, match="not a review database"):
        Storage(junk)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StorageError, match="not a review database"):
        Storage(other)


def test_reopening_keeps_data(tmp_path):
    path = tmp_path / "r.db"
    with Storage(path) as s:
        s.add_filing(_filing())
    with Storage(path) as s:
        assert s.count_documents() == 1


def test_add_get_list_and_dedupe(storage):
    filing = _filing()
    text = filing.documents[0].text
    fid, added, dups = storage.add_filing(filing, doc_types=["press_release"],
                                          fields=[[_field("212,750 shares", text)]])
    assert fid and len(added) == 1 and dups == 0
    doc = storage.get_document(added[0])
    assert doc.text == text and doc.doc_type == "press_release"
    assert doc.metadata["accession"] == "0000000000-24-000001"
    assert storage.get_filing(fid).metadata.company == "Tecogen Inc."
    [f] = storage.fields(doc.id)
    assert text[f.start:f.end] == f.text == "212,750 shares"
    assert f.value == 212750
    again = storage.add_filing(_filing(path="/y/b.txt"))
    assert again == (None, [], 1)
    assert storage.count_documents() == 1
    source, fmt, omap = storage.document_source(doc.id)
    assert source == text and fmt == "text" and omap.to_source(5) == 5


def test_full_text_search(storage):
    storage.add_filing(_filing())
    storage.add_filing(_filing("Nordstrom declares a quarterly dividend.", "/b.txt"))
    assert [d.text_length for d in storage.list_documents(search="dividend")] == [40]
    assert storage.count_documents(search="Tecog") == 1  # prefix
    assert storage.count_documents(search='"quoted AND (') == 0  # never a syntax error


def test_decision_writes_its_audit_row_in_one_transaction(storage):
    filing = _filing()
    _, [doc_id], _ = storage.add_filing(filing, fields=[[_field("212,750 shares", filing.documents[0].text)]])
    [f] = storage.fields(doc_id)
    after = storage.record_decision(f.id, status="edited", reviewer="ana", value=212751)
    assert after.status == "edited" and after.value == 212751 and after.reviewer == "ana"
    assert after.original_value == 212750
    [entry] = storage.audit_log(doc_id)
    assert entry.action == "edited" and entry.reviewer == "ana"
    assert entry.before["status"] == "pending" and entry.after["value"] == 212751
    assert storage.field_counts(doc_id) == {"edited": 1}
    assert storage.document_counts() == {"pending": 1}
    with pytest.raises(ValueError):
        storage.record_decision(f.id, status="maybe", reviewer="ana")


def test_a_deleted_fields_id_is_never_given_to_another(storage):
    filing = _filing()
    text = filing.documents[0].text
    _, [doc_id], _ = storage.add_filing(filing, fields=[[_field("212,750 shares", text)]])
    added = storage.add_decided_field(doc_id, _field("$4.50", text, "per_share_price"), reviewer="ana")
    storage.delete_field(added.id, reviewer="ana")  # the field with the highest id
    again = storage.add_decided_field(doc_id, _field("$4.50", text, "per_share_price"), reviewer="ana")
    assert again.id > added.id
    assert [e.action for e in storage.audit_log(doc_id) if e.field_id == again.id] == ["added"]
    storage.delete_field(again.id, reviewer="ana")
    # nor to a field an extractor proposes (ingest, another extractor's fields)
    [extracted] = storage.add_fields(doc_id, [_field("$4.50", text, "per_share_price")])
    assert extracted > again.id
    storage.add_proposed_fields(doc_id, [_field("Tecogen", text, "company")])
    assert max(f.id for f in storage.fields(doc_id)) > extracted
    assert storage.conn.execute("PRAGMA index_list(audit)").fetchall()  # the index the id is read through


def test_audit_log_is_append_only(storage):
    filing = _filing()
    _, [doc_id], _ = storage.add_filing(filing, fields=[[_field("212,750 shares", filing.documents[0].text)]])
    storage.record_decision(storage.fields(doc_id)[0].id, status="accepted", reviewer="ana")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        storage.conn.execute("UPDATE audit SET reviewer = 'eve'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        storage.conn.execute("DELETE FROM audit")


def test_decision_is_durable_for_another_connection(tmp_path):
    path = tmp_path / "r.db"
    a = Storage(path)
    filing = _filing()
    _, [doc_id], _ = a.add_filing(filing, fields=[[_field("212,750 shares", filing.documents[0].text)]])
    a.record_decision(a.fields(doc_id)[0].id, status="accepted", reviewer="ana")
    b = Storage(path)
    assert b.fields(doc_id)[0].status == "accepted"
    a.close()
    b.close()
