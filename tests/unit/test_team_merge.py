"""Sharding a corpus and merging the shards back: complete shards, a filing never split,
decisions united with their audit trails, conflicts instead of overwrites, idempotent and
order-independent merges, other corpora refused, merging back into a shard."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reviewer.core.ingest import ingest_paths
from reviewer.core.review import ReviewSession
from reviewer.core.storage import SCHEMA_VERSION, Storage
from reviewer.core.storage import team as team_db
from reviewer.core.storage import team_reads
from reviewer.core.team import TeamError, merge, shard
from reviewer.core.team.adjudicate import Adjudicator


@pytest.fixture
def corpus(tmp_path, data_dir, extractor) -> Path:
    path = tmp_path / "corpus.db"
    with Storage(path) as s:
        list(ingest_paths(s, [data_dir], extractor=extractor))
    return path


def separate(fields):
    """Fields whose spans overlap none of the others kept (in position order)."""
    out = []
    for f in sorted(fields, key=lambda f: (f.start, f.end, f.id)):
        if f.end > f.start and all(f.start >= g.end or f.end <= g.start for g in out):
            out.append(f)
    return out


def shared_document(paths) -> int:
    with Storage(paths[0]) as a, Storage(paths[1]) as b:
        ids = {d.id for d in a.list_documents()} & {d.id for d in b.list_documents()}
        return min(i for i in ids if len(separate(a.fields(i))) >= 4)


def states(path) -> dict:
    """What a merge decides: every field's and document's state, and the conflicts, by
    the documents' texts and the fields' corpus identity (ids may differ between databases)."""
    with Storage(path) as s:
        conn = s.conn
        fields = {(sha, extractor if (extractor or "").startswith("reviewer:") else fid, created):
                  (label, start, end, status, value)
                  for fid, sha, label, start, end, status, value, extractor, created in conn.execute(
                      'SELECT f.id, d.sha256, f.label, f.start, f."end", f.status, f.value, f.extractor,'
                      " f.created_at FROM fields f JOIN documents d ON d.id = f.document_id")}
        docs = dict(conn.execute("SELECT sha256, status FROM documents"))
        conflicts = sorted(conn.execute("SELECT d.sha256, c.field_id != 0 FROM team_conflicts c"
                                        " JOIN documents d ON d.id = c.document_id"))
        audit = sorted(conn.execute("SELECT a.at, a.reviewer, a.action, d.sha256, a.before, a.after FROM audit a"
                                    " JOIN documents d ON d.id = a.document_id"))
    return {"fields": fields, "documents": docs, "conflicts": conflicts, "audit": audit}


def document_ids(path) -> set[int]:
    with Storage(path) as s:
        return {d.id for d in s.list_documents()}


def decide_two(paths, schema, doc):
    """alice (shard 1) and bob (shard 2) decide the same four fields of ``doc``: two alike,
    two differently; each also decides a field the other did not."""
    with Storage(paths[0]) as a:
        fs = separate(a.fields(doc))
        ana = ReviewSession(a, "alice", schema)
        ana.accept(fs[0].id), ana.reject(fs[1].id), ana.accept(fs[2].id), ana.accept(fs[3].id)
    with Storage(paths[1]) as b:
        bob = ReviewSession(b, "bob", schema)
        bob.accept(fs[0].id), bob.reject(fs[1].id), bob.reject(fs[2].id)
        bob.edit(fs[3].id, "bob's value")
    return fs


def test_shards_are_complete_review_databases_and_keep_filings_whole(corpus, tmp_path):
    report = shard(corpus, 3, tmp_path / "shards", overlap=0, by="filing", seed=7)
    assert len(report.paths) == 3 and all(n > 0 for n in report.documents)
    with Storage(corpus) as c:
        filing_of = {d.id: d.filing_id for d in c.list_documents()}
        fields_of = {d.id: len(c.fields(d.id)) for d in c.list_documents()}
        corpus_id = team_db.corpus_id(c)
    seen: dict[int, set[int]] = {}
    for k, path in enumerate(report.paths):
        with Storage(path) as s:
            assert s.schema_version == SCHEMA_VERSION
            assert team_db.team_meta(s)["corpus_id"] == corpus_id
            assert team_db.team_meta(s)["shard"] == str(k + 1)
            for d in s.list_documents():
                assert len(s.fields(d.id)) == fields_of[d.id]
                assert s.get_document(d.id).text  # text, source and offset map came along
                assert s.document_source(d.id)[0]
                seen.setdefault(filing_of[d.id], set()).add(k)
    assert sorted(d for f in seen for d in filing_of if filing_of[d] == f) == sorted(filing_of)
    assert all(len(shards) == 1 for shards in seen.values())  # without overlap: one shard per filing


def test_sharding_is_deterministic_for_a_seed(corpus, tmp_path):
    def contents(out, seed):
        r = shard(corpus, 2, out, overlap=50, by="random", seed=seed)
        result = []
        for p in r.paths:
            with Storage(p) as s:
                result.append(sorted(d.id for d in s.list_documents()))
        return result

    first = contents(tmp_path / "a", 11)
    assert contents(tmp_path / "b", 11) == first
    assert len(set(first[0]) & set(first[1])) >= 1  # the overlap went to both


def test_merge_unites_decisions_makes_conflicts_and_is_idempotent(corpus, tmp_path, extractor):
    r = shard(corpus, 2, tmp_path / "shards", overlap=100, seed=1)
    doc = shared_document(r.paths)
    fs = decide_two(r.paths, extractor.schema, doc)
    report = merge(tmp_path / "merged.db", r.paths)
    assert report.created and report.conflicts == 2  # fs[2] accepted/rejected, fs[3] accepted/edited
    with Storage(tmp_path / "merged.db") as m:
        assert m.get_field(fs[0].id).status == "accepted"  # identical decisions merged
        assert m.get_field(fs[1].id).status == "rejected"
        for f in (fs[2], fs[3]):  # different decisions: pending, never one silently over the other
            got = m.get_field(f.id)
            assert (got.status, got.value, got.reviewer) == ("pending", f.value, None)
        assert team_reads.document_conflicts(m, doc) == [fs[2].id, fs[3].id]
        reviewers = {(e.reviewer, e.field_id) for e in m.audit_log(doc)}
        assert {("alice", fs[2].id), ("bob", fs[2].id), ("bob", fs[3].id)} <= reviewers
        audit_rows = len(m.audit_log())
    again = merge(tmp_path / "merged.db", r.paths)
    assert (again.audit, again.documents, again.fields, again.changed_fields) == (0, 0, 0, 0)
    with Storage(tmp_path / "merged.db") as m:
        assert len(m.audit_log()) == audit_rows


def test_merge_is_order_independent(corpus, tmp_path, extractor):
    r = shard(corpus, 2, tmp_path / "shards", overlap=100, seed=1)
    decide_two(r.paths, extractor.schema, shared_document(r.paths))
    merge(tmp_path / "ab.db", r.paths)
    merge(tmp_path / "ba.db", list(reversed(r.paths)))
    one, other = states(tmp_path / "ab.db"), states(tmp_path / "ba.db")
    assert one["conflicts"] and one == other


def test_merge_refuses_another_corpus_and_unshared_databases(corpus, tmp_path, data_dir, extractor):
    r = shard(corpus, 2, tmp_path / "shards", seed=1)
    other = tmp_path / "other.db"
    with Storage(other) as s:
        list(ingest_paths(s, [data_dir / "tecogen-press-release-2013.txt"], extractor=extractor))
    with pytest.raises(TeamError, match="no corpus id"):
        merge(tmp_path / "m.db", [r.paths[0], other])
    r2 = shard(other, 1, tmp_path / "other-shards")
    with pytest.raises(TeamError, match="another corpus"):
        merge(tmp_path / "m.db", [r.paths[0], r2.paths[0]])
    assert not (tmp_path / "m.db").exists()  # nothing written
    with pytest.raises(TeamError, match="output database itself"):
        merge(r.paths[0], [r.paths[0]])


def test_merge_back_into_a_shard_after_adjudication(corpus, tmp_path, extractor):
    r = shard(corpus, 2, tmp_path / "shards", overlap=100, seed=1)
    doc = shared_document(r.paths)
    fs = decide_two(r.paths, extractor.schema, doc)
    merged = tmp_path / "merged.db"
    merge(merged, r.paths)
    with Storage(merged) as m:
        judge = Adjudicator(m, "carol", extractor.schema)
        first, second = judge.conflicts(doc)
        assert [s.reviewer for s in first.sides] == ["alice", "bob"]
        judge.pick(first, 1)  # bob's rejection
        judge.edit(second, "carol's value")
        assert judge.count() == 0
    merge(r.paths[0], [merged])  # back into alice's shard
    with Storage(r.paths[0]) as a:
        assert a.get_field(fs[2].id).status == "rejected"
        got = a.get_field(fs[3].id)
        assert (got.status, got.value, got.reviewer) == ("edited", "carol's value", "carol")
        assert team_reads.conflict_count(a) == 0
        # alice goes on where she left off: her next decision merges without a conflict
        ReviewSession(a, "alice", extractor.schema).accept(fs[4].id if len(fs) > 4 else fs[0].id)
    report = merge(merged, [r.paths[0]])
    assert report.conflicts == 0 and report.audit >= 1


def test_fields_added_by_two_reviewers_alike_become_one(corpus, tmp_path, extractor):
    r = shard(corpus, 2, tmp_path / "shards", overlap=100, seed=1)
    doc = shared_document(r.paths)
    for path, who in zip(r.paths, ("alice", "bob")):
        with Storage(path) as s:
            ReviewSession(s, who, extractor.schema).add(doc, "person", 0, 5)
    merge(tmp_path / "merged.db", r.paths)
    with Storage(tmp_path / "merged.db") as m:
        added = [f for f in m.fields(doc) if f.status == "added"]
        assert len(added) == 1 and team_reads.conflict_count(m) == 0


def test_attaching_refuses_a_file_that_is_not_a_review_database(tmp_path, corpus):
    junk = tmp_path / "junk.db"
    sqlite3.connect(junk).execute("CREATE TABLE x (y)").connection.commit()
    with Storage(corpus) as s, pytest.raises(Exception, match="not a review database"):
        team_db.attach(s, junk)


def test_a_typed_value_travels_as_the_same_json(corpus, tmp_path, extractor):
    """A value edited to an amount merges as the same JSON (no text in an amount's place)."""
    r = shard(corpus, 2, tmp_path / "shards", overlap=100, seed=1)
    with Storage(r.paths[0]) as a:
        f = next(f for d in a.list_documents() for f in a.fields(d.id)
                 if extractor.schema[f.label].type == "money")
        ReviewSession(a, "alice", extractor.schema).edit(f.id, "$5 million")
        edited = a.get_field(f.id).value
    merge(tmp_path / "merged.db", r.paths)
    with Storage(tmp_path / "merged.db") as m:
        assert json.dumps(m.get_field(f.id).value, sort_keys=True) == json.dumps(edited, sort_keys=True)


def test_sharding_by_company_keeps_a_companys_filings_together(corpus, tmp_path):
    with Storage(corpus) as c:
        company_of = {f: key for f, key, _ in team_db.shard_units(c)}
        filing_of = {d.id: d.filing_id for d in c.list_documents()}
    companies = set(company_of.values())
    assert len(companies) < len(company_of)  # the test data has a company with two filings
    r = shard(corpus, len(companies), tmp_path / "shards", by="company", seed=2)
    holders: dict[str, set[int]] = {}
    for k, path in enumerate(r.paths):
        with Storage(path) as s:
            for d in s.list_documents():
                holders.setdefault(company_of[filing_of[d.id]], set()).add(k)
    assert set(holders) == companies and all(len(h) == 1 for h in holders.values())
    assert all(n > 0 for n in r.documents)


def test_merging_again_after_a_field_was_added_and_deleted_adds_nothing(corpus, tmp_path, extractor):
    r = shard(corpus, 2, tmp_path / "shards", overlap=100, seed=1)
    doc = shared_document(r.paths)
    with Storage(r.paths[0]) as a:
        session = ReviewSession(a, "alice", extractor.schema)
        gone = session.add(doc, "person", 0, 5)
        session.add(doc, "person", 6, 9)
        session.delete(gone.id)  # not the latest field: its id is not taken again
    merged = tmp_path / "merged.db"
    merge(merged, r.paths)
    assert merge(merged, r.paths).audit == 0
    assert merge(merged, r.paths[:1]).audit == 0
    merge(tmp_path / "reversed.db", list(reversed(r.paths)))
    assert states(merged) == states(tmp_path / "reversed.db")


def test_a_document_new_to_the_output_keeps_the_conflicts_it_brings(corpus, tmp_path, extractor):
    """A document the output lacks, coming from a merged database where two reviewers differ on
    it, is decided again from their rows: the conflicts come along, in either order."""
    r = shard(corpus, 2, tmp_path / "shards", overlap=100, seed=1)
    doc = shared_document(r.paths)
    fs = decide_two(r.paths, extractor.schema, doc)
    first = tmp_path / "first.db"
    merge(first, r.paths)
    halves = shard(corpus, 2, tmp_path / "halves", overlap=0, seed=1)
    lacking = next(p for p in halves.paths if doc not in document_ids(p))
    for name, inputs in (("a.db", [lacking, first]), ("b.db", [first, lacking])):
        report = merge(tmp_path / name, inputs)
        assert report.conflicts == 2
        with Storage(tmp_path / name) as m:
            assert team_reads.document_conflicts(m, doc) == [fs[2].id, fs[3].id]
            assert m.get_field(fs[2].id).status == "pending"
    assert states(tmp_path / "a.db") == states(tmp_path / "b.db")


def test_a_new_file_written_in_bulk_is_sealed_only_when_its_references_hold(tmp_path, corpus):
    with Storage(tmp_path / "bulk.db") as s:
        team_db.bulk_writes(s, new_file=True)
        with s.transaction():  # no check per row while written in bulk
            s.conn.execute("INSERT INTO fields (document_id, label, start, \"end\", text, status, created_at)"
                           " VALUES (999, 'company', 0, 1, 'x', 'pending', '2026-01-01T00:00:00+00:00')")
        with pytest.raises(Exception, match="fields row 1 names a missing documents"):
            team_db.seal(s)
    with Storage(corpus) as s:
        team_db.bulk_writes(s, new_file=True)
        team_db.seal(s)  # a consistent file: durable again, checked per row again
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
