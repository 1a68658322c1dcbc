"""The queue's queries: every order, its position and the next document to review agree."""

import pytest

from reviewer.core.model import Field, FilingMetadata, OffsetMap, SourceDocument, SourceFiling
from reviewer.core.storage import Storage
from reviewer.core.storage.queue import QUEUE_INDEX, QUEUE_SORTS, migrate_queue_index

# (company field, company in the header, report date field, filed date, doc_type, confidences)
DOCS = [
    ("Zeta Corp", None, "2021-03-01", None, "8-K", [0.9, 0.5]),
    (None, "alpha inc.", None, "2019-05-05", "press_release", [0.7]),
    ("Beta LLC", None, "2021-03-01", None, "8-K", [0.95, 0.8, 0.6]),
    (None, None, None, None, "4", []),  # no company, no date, no fields
    ("beta llc", None, "2018-01-01", "2020-01-01", "8-K", [0.4, 0.99]),
]


def _add(storage, i, company, header_company, date, filed, doc_type, confidences):
    text = f"{company or 'Nobody'} | {date or 'no date'} | document {i} company name words filler text"
    doc = SourceDocument(text=text, source=text, source_format="text", offset_map=OffsetMap.identity())
    meta = FilingMetadata(accession=f"0000000000-24-00000{i}", company=header_company, filed_date=filed)
    fields = []
    if company:  # the queue shows (and sorts by) the company field's text
        fields.append(Field(None, None, "company", 0, len(company), company, company, 0.99, "t"))
    if date:
        start = text.index(date)
        fields.append(Field(None, None, "report_date", start, start + len(date), date, date, 0.99, "t"))
    # the pending fields whose confidences the triage order reads (company and date are accepted)
    for n, c in enumerate(confidences):
        fields.append(Field(None, None, "money", 20 + n, 21 + n, text[20 + n:21 + n], n, c, "t"))
    _, [doc_id], _ = storage.add_filing(SourceFiling(f"/x/{i}.txt", "file", meta, [doc]),
                                        doc_types=[doc_type], fields=[fields])
    for f in storage.fields(doc_id):
        if f.label in ("company", "report_date"):
            storage.record_decision(f.id, status="accepted", reviewer="t")
    return doc_id


@pytest.fixture(params=["without index", "with index"])
def queue(request, tmp_path):
    s = Storage(tmp_path / "q.db")  # migration 5 makes the index
    if request.param == "without index":  # as the queries find a database that lacks it
        s.conn.execute(f"DROP INDEX {QUEUE_INDEX}")
    ids = [_add(s, i, *d) for i, d in enumerate(DOCS)]
    yield s, ids
    s.close()


def expected(ids, sort, descending):
    """The order computed in Python from the fixture: key, then id; no key last."""
    a, b, c, d, e = ids
    keys = {
        "ingest": dict(zip(ids, ids)),
        "date": {a: "2021-03-01", b: "2019-05-05", c: "2021-03-01", d: None, e: "2018-01-01"},
        "company": {a: "zeta corp", b: "alpha inc.", c: "beta llc", d: None, e: "beta llc"},
        "form": {a: "8-k", b: "press_release", c: "8-k", d: "4", e: "8-k"},
        "pending": {a: 2, b: 1, c: 3, d: 0, e: 2},
        "confidence": {a: 0.5, b: 0.7, c: 0.6, d: None, e: 0.4},
    }[sort]
    with_key = sorted((i for i in ids if keys[i] is not None), key=lambda i: i)
    with_key.sort(key=lambda i: keys[i], reverse=descending)  # stable: ties stay in id order
    return with_key + [i for i in ids if keys[i] is None]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(QUEUE_SORTS))
def test_each_order_with_its_position(queue, sort, descending):
    s, ids = queue
    order = s.queue_ids(sort=sort, descending=descending)
    assert order == expected(ids, sort, descending)
    assert [s.document_position(i, sort=sort, descending=descending) for i in order] == list(range(len(ids)))
    pages = [r["id"] for off in range(0, len(ids), 2)
             for r in s.queue_rows(sort=sort, descending=descending, limit=2, offset=off)]
    assert pages == order


def test_date_falls_back_to_the_filed_date_and_company_to_the_header(queue):
    s, ids = queue
    rows = {r["id"]: r for r in s.queue_rows(ids=ids)}
    assert rows[ids[1]]["company"] == "alpha inc." and rows[ids[1]]["report_date"] is None
    assert s.queue_key(ids[1], "date") == "2019-05-05"
    assert s.queue_key(ids[4], "date") == "2018-01-01"  # the report date wins over the filed date


@pytest.mark.parametrize("sort", list(QUEUE_SORTS))
def test_positions_follow_filters_and_search(queue, sort):
    s, ids = queue
    field = next(f for f in s.fields(ids[2]) if f.status == "pending")
    s.record_decision(field.id, status="accepted", reviewer="t")  # ids[2] is now in progress
    for status in ("to_review", "not_started", "in_progress", "pending", None):
        for search in (None, "company", "nothing-like-this"):
            order = s.queue_ids(status=status, search=search, sort=sort)
            assert len(order) == s.count_documents(status=status, search=search)
            for row, doc_id in enumerate(order):
                assert s.document_position(doc_id, status=status, search=search, sort=sort) == row
            for doc_id in set(ids) - set(order):
                assert s.document_position(doc_id, status=status, search=search, sort=sort) is None
    assert ids[2] in s.queue_ids(status="to_review", sort=sort)  # started, still to review
    assert ids[2] not in s.queue_ids(status="not_started", sort=sort)


def test_next_in_queue_follows_the_order_and_wraps(queue):
    s, ids = queue
    order = s.queue_ids(sort="company")  # b, c, e, a, d
    assert [s.next_in_queue(i, sort="company") for i in order] == order[1:] + order[:1]
    s.set_document_status(order[1], "approved", reviewer="t")
    assert s.next_in_queue(order[0], sort="company") == order[2]  # skips the approved one
    assert s.next_in_queue(order[0], sort="company", needs_review=False) == order[1]
    assert s.pending_among(order) == set(order) - {order[1]} and s.pending_among([]) == set()


def test_next_in_queue_from_a_document_that_left_the_list(queue):
    s, ids = queue
    order = s.queue_ids(status="pending", sort="pending")  # d(0), b(1), a(2), e(2), c(3)
    key = s.queue_key(order[2], "pending")
    for f in s.fields(order[2]):
        s.record_decision(f.id, status="accepted", reviewer="t")
    s.set_document_status(order[2], "approved", reviewer="t")  # its pending count is 0 now
    assert s.next_in_queue(order[2], status="pending", sort="pending", key=key) == order[3]
    # by its key now (0 pending), it would stand first
    assert s.next_in_queue(order[2], status="pending", sort="pending") == order[0]
    last = order[-1]
    assert s.next_in_queue(last, status="pending", sort="pending") == order[0]  # wraps


def test_unknown_sort_is_refused(queue):
    s, _ = queue
    with pytest.raises(ValueError, match="unknown queue sort"):
        s.queue_ids(sort="size")


def test_the_migration_makes_the_queries_read_the_index(tmp_path):
    s = Storage(tmp_path / "m.db")
    assert s.fields_status_index() == QUEUE_INDEX
    s.conn.execute(f"DROP INDEX {QUEUE_INDEX}")
    s._queue_index = None  # looked up once per connection
    assert s.fields_status_index() == "fields_document"
    migrate_queue_index(s.db)
    s.close()
    with Storage(tmp_path / "m.db") as s:
        assert s.fields_status_index() == QUEUE_INDEX
        plan = " ".join(str(r) for r in s.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM documents WHERE " + s._document_filter("not_started", None)[0][6:]))
        assert QUEUE_INDEX in plan
