"""A sample of a corpus run's Parquet into a review database (reviewer/core/scale/sample.py):
--where, stratification, the fields as extracted, and review on it at once."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("duckdb")
ds = pytest.importorskip("pyarrow.dataset")

from click.testing import CliRunner  # noqa: E402

from reviewer.cli import cli  # noqa: E402
from reviewer.core.scale.sample import Corpus, SampleError, allocate, ingest_sample  # noqa: E402

WHERE = "form = '8-K' and label = 'money'"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    from distributed import Client, LocalCluster

    from reviewer.core.scale.run import run

    shared = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    if not shared.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    out = tmp_path_factory.mktemp("corpus-run")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        summary = run([str(shared / n) for n in ("seeds", "dev", "pool")], out, client=client)
    assert summary.ok
    return out


def rows(out, name):
    import pyarrow as pa

    part = ds.partitioning(pa.schema([("form", pa.string()), ("year", pa.int32())]), flavor="hive")
    return ds.dataset(Path(out, name), format="parquet", partitioning=part).to_table().to_pylist()


def forms(out) -> dict[str, str]:
    """doc id -> form, read with pyarrow (not with the DuckDB the sample uses)."""
    return {d["doc_id"]: d["form"] for d in rows(out, "documents")}


def test_allocation_is_proportional_with_every_stratum_present_and_never_over_a_stratum():
    assert allocate(6, {"a": 42, "b": 13, "c": 1}) == {"a": 3, "b": 2, "c": 1}
    assert allocate(100, {"a": 3, "b": 2}) == {"a": 3, "b": 2}
    rng = random.Random(1)
    for _ in range(200):
        sizes = {f"s{i}": rng.randint(1, 30) for i in range(rng.randint(1, 8))}
        n = rng.randint(1, sum(sizes.values()))
        take = allocate(n, sizes, random.Random(n))
        assert sum(take.values()) == n
        assert all(0 <= take[s] <= sizes[s] for s in sizes)
        if n >= len(sizes):
            assert all(take[s] >= 1 for s in sizes)


def test_a_where_picks_only_documents_that_qualify_and_the_same_seed_the_same_sample(run_dir):
    money = {f["doc_id"] for f in rows(run_dir, "fields") if f["label"] == "money"}
    form = forms(run_dir)
    qualify = {d for d in money if form[d] == "8-K"}
    assert qualify, "the corpus has 8-Ks with amounts"
    with Corpus(run_dir) as corpus:
        every = corpus.choose(None, where=WHERE)
        assert set(every.chosen) == qualify and every.eligible == len(qualify)
        some = corpus.choose(3, where="label = 'money'", seed=5)
        assert len(some.chosen) == 3 and set(some.chosen) <= money
        assert corpus.choose(3, where="label = 'money'", seed=5).chosen == some.chosen
        assert len({tuple(corpus.choose(3, where="label = 'money'", seed=s).chosen) for s in range(6)}) > 1
        with pytest.raises(SampleError, match="no_such_column"):
            corpus.choose(3, where="no_such_column = 1")


def test_a_stratified_sample_covers_every_form_in_proportion(run_dir):
    form = forms(run_dir)
    sizes = Counter(form.values())
    assert len(sizes) >= 3
    with Corpus(run_dir) as corpus:
        sample = corpus.choose(len(sizes) + 4, stratify="form", seed=2)
    got = Counter(form[d] for d in sample.chosen)
    assert got == Counter(allocate(len(sizes) + 4, dict(sizes), random.Random(2)))
    assert set(got) == set(sizes)
    assert {k: v for k, v in sample.strata.items()} == {k: (got[k], sizes[k]) for k in sizes}
    with Corpus(run_dir) as corpus:
        bands = corpus.choose(4, stratify="confidence", seed=2)
    assert len(bands.chosen) == 4 and sum(c for c, _ in bands.strata.values()) == 4


def test_the_sample_goes_into_the_review_database_with_its_fields_as_extracted(run_dir, storage, tmp_path):
    from reviewer.core.ingest import ingest_paths

    result = ingest_sample(storage, run_dir, 6, where="label = 'money'", stratify="form", seed=3)
    assert result.added == 6 and result.fields > 6
    documents = storage.list_documents()
    assert len(documents) == 6
    extracted = {}
    for f in rows(run_dir, "fields"):
        extracted.setdefault(f["doc_id"], []).append(f)
    by_text = {d["sha256"]: d for d in rows(run_dir, "documents")}
    for doc in documents:
        row = by_text[doc.sha256]
        fields = storage.fields(doc.id)
        assert "money" in {f.label for f in fields}
        theirs = sorted(extracted[row["doc_id"]], key=lambda f: f["ord"])
        assert [(f.label, f.start, f.end, f.text, f.value, f.confidence, f.extractor) for f in fields] == [
            (f["label"], f["start"], f["end"], f["text"], None if f["value"] is None else json.loads(f["value"]),
             f["confidence"], f["extractor"]) for f in theirs]
        assert [c.as_dict() for c in doc.checks] == json.loads(row["checks"])
        source, fmt, offsets = storage.document_source(doc.id)
        assert source == row["original"] and fmt == row["source_format"]
    # the same documents ingested from their files the usual way hold the same fields
    from reviewer.core.extract import default_extractor
    from reviewer.core.storage import Storage

    with Storage(tmp_path / "direct.db") as direct:
        ingest_paths(direct, sorted({d.source_path for d in documents}), extractor=default_extractor())
        for doc in documents:
            twin = direct.document_for_text(doc.sha256)
            assert twin is not None
            assert [(f.label, f.start, f.end, f.value) for f in direct.fields(twin)] == [
                (f.label, f.start, f.end, f.value) for f in storage.fields(doc.id)]
            assert direct.get_document(twin).metadata == storage.get_document(doc.id).metadata


def test_review_starts_at_once_on_the_sample(run_dir, storage):
    from reviewer.core.changes import DocumentFields
    from reviewer.core.extract import load_schema
    from reviewer.core.review import ReviewSession

    ingest_sample(storage, run_dir, 3, where=WHERE)
    schema = load_schema()
    session = ReviewSession(storage, "ana", schema)
    model = DocumentFields({name: i for i, name in enumerate(schema.names)})
    doc = storage.get_document(storage.next_document(0))
    model.load(doc, storage.fields(doc.id))
    assert model.by_label and {f.label for f in model.by_position} >= {"money"}
    first = model.by_label[0]
    assert doc.text[first.start:first.end] == first.text
    accepted = session.accept(first.id)
    assert accepted.status == "accepted"
    assert session.pending_count(doc.id) == len(model.by_label) - 1


def test_the_command_draws_a_stratified_sample_and_says_what_it_did(run_dir, tmp_path):
    db = tmp_path / "review.db"
    args = ["ingest", "--db", str(db), "--from-parquet", str(run_dir), "--sample", "5",
            "--where", "label = 'money'", "--stratify", "form", "--seed", "4"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "5 of" in result.stdout and "5 added" in result.stdout and "  form " in result.stdout
    again = CliRunner().invoke(cli, [*args, "--format", "jsonl"])
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout.splitlines()[-1])
    assert summary["summary"] and summary["chosen"] == 5 and summary["added_documents"] == 0
    assert summary["duplicates"] == 5
    none = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--from-parquet", str(run_dir),
                                    "--where", "label = 'no such label'"])
    assert none.exit_code == 1 and "No document qualifies" in none.stderr
    bad = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--from-parquet", str(run_dir), "--where", "1 +"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: --where") and len(bad.stderr.splitlines()) == 1
    usage = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--sample", "3", str(run_dir)])
    assert usage.exit_code == 2
    empty = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--from-parquet", str(tmp_path)])
    assert empty.exit_code == 1 and "no finished corpus run" in empty.stderr
