"""Corpus extraction on Dask (reviewer/core/scale): the same answers as local extraction,
EDGAR feed archives read as streams, bad inputs in the errors table, reruns that skip."""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")
ds = pytest.importorskip("pyarrow.dataset")

from click.testing import CliRunner  # noqa: E402

from reviewer.cli import cli  # noqa: E402
from reviewer.core.scale.run import run  # noqa: E402


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    if not shared.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    return [str(shared / name) for name in ("seeds", "dev", "pool")]


def table(out, name) -> list[dict]:
    root = os.path.join(out, name)
    if not os.path.isdir(root):
        return []
    import pyarrow as pa

    partitioning = None if name == "errors" else ds.partitioning(
        pa.schema([("form", pa.string()), ("year", pa.int32())]), flavor="hive")
    return ds.dataset(root, format="parquet", partitioning=partitioning).to_table().to_pylist()


def local_extract(paths) -> list[dict]:
    result = CliRunner().invoke(cli, ["-q", "extract", "--format", "jsonl", *paths])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def by_document(out) -> dict[tuple[str, int], tuple[dict, list[dict]]]:
    """(source, index of the document in its file) -> (document row, its field rows in order)."""
    fields: dict[str, list[dict]] = {}
    for f in table(out, "fields"):
        fields.setdefault(f["doc_id"], []).append(f)
    docs = sorted(table(out, "documents"), key=lambda d: (d["source"], d["seq"]))
    found, index = {}, {}
    for d in docs:
        i = index.get(d["source"], 0)
        index[d["source"]] = i + 1
        found[(d["source"], i)] = (d, sorted(fields.get(d["doc_id"], []), key=lambda f: f["ord"]))
    return found


def same_as_local(local: list[dict], parquet: dict, name=lambda source: source) -> int:
    """Asserts every document and field of the local output is in the Parquet, value for
    value; returns the number of fields compared."""
    index: dict[str, int] = {}
    compared = 0
    for doc in local:
        source = name(doc["source"])
        i = index.get(source, 0)
        index[source] = i + 1
        row, fields = parquet[(source, i)]
        assert row["part"] == doc["part"] and row["doc_type"] == doc["doc_type"], source
        assert json.loads(row["checks"]) == json.loads(json.dumps(doc["checks"])), source
        meta = doc["metadata"]
        assert (row["company"], row["form_type"], row["filed_date"]) == (
            meta.get("company"), meta.get("form_type"), meta.get("filed_date")), source
        assert row["form"] == (meta.get("form_type") or doc["doc_type"])
        assert row["year"] == (int(meta["filed_date"][:4]) if meta.get("filed_date") else None)
        assert len(fields) == len(doc["fields"]), source
        for mine, theirs in zip(fields, doc["fields"]):
            assert (mine["label"], mine["start"], mine["end"], mine["text"], mine["confidence"], mine["extractor"]) == (
                theirs["label"], theirs["start"], theirs["end"], theirs["text"], theirs["confidence"],
                theirs["extractor"]), source
            assert (None if mine["value"] is None else json.loads(mine["value"])) == theirs["value"], source
            assert row["text"][mine["start"]:mine["end"]] == mine["text"]
            compared += 1
    assert len(parquet) == len(local)
    return compared


def test_the_dask_path_gives_every_field_local_extraction_gives(client, corpus, tmp_path):
    out = str(tmp_path / "out")
    summary = run(corpus, out, client=client, batch_size=8)
    assert summary.ok and summary.batches > 1 and summary.documents > 40
    local = local_extract(corpus)
    compared = same_as_local(local, by_document(out))
    assert compared == summary.fields > 1000
    # hive partitions: form, then filing year
    parts = {p.relative_to(out).parts[1:3] for p in Path(out, "documents").rglob("*.parquet")}
    assert ("form=press_release", "year=__HIVE_DEFAULT_PARTITION__") in parts
    assert any(form == "form=8-K" and year[5:].isdigit() for form, year in parts)


def submissions(corpus) -> list[Path]:
    found = [p for folder in corpus for p in sorted(Path(folder).glob("*full-submission.txt"))]
    assert len(found) >= 2
    return found


def test_an_edgar_feed_archive_is_read_as_a_stream_with_its_bad_member_in_errors(client, corpus, tmp_path):
    archive = tmp_path / "feed" / "20240102.nc.tar.gz"
    archive.parent.mkdir()
    files = submissions(corpus)
    with tarfile.open(archive, "w:gz") as tar:
        for path in files:
            tar.add(path, arcname=path.name.replace(".txt", ".nc"))
        junk = b"\x00\x01\x02" * 400
        info = tarfile.TarInfo("0000000000-24-000000.nc")
        info.size = len(junk)
        tar.addfile(info, io.BytesIO(junk))
    out = str(tmp_path / "out")
    summary = run([str(archive.parent)], out, client=client)  # found in a folder too
    assert summary.batches == 1 and summary.inputs == len(files) + 1
    assert sorted(os.listdir(archive.parent)) == [archive.name]  # nothing unpacked beside it
    errors = table(out, "errors")
    assert [e["source"] for e in errors] == [f"{archive}!/0000000000-24-000000.nc"]
    assert errors[0]["stage"] == "read" and errors[0]["reason"]
    local = local_extract([str(p) for p in files])
    member = {str(p): f"{archive}!/{p.name.replace('.txt', '.nc')}" for p in files}
    assert same_as_local(local, by_document(out), name=member.get) > 10


def test_bad_files_land_in_errors_and_the_run_goes_on_then_a_rerun_skips_what_is_done(client, corpus, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted(Path(corpus[0]).iterdir())
    for path in seeds:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.htm").write_bytes(bytes(range(256)) * 64)
    missing = str(tmp_path / "missing.txt")
    out = str(tmp_path / "out")
    first = run([str(folder), missing], out, client=client, batch_size=2)
    assert first.errors == 3 and not first.failed_batches
    reasons = {Path(e["source"]).name: e["reason"] for e in table(out, "errors")}
    assert set(reasons) == {"empty.txt", "binary.htm", "missing.txt"}
    assert "empty" in reasons["empty.txt"] and "no such file" in reasons["missing.txt"]
    documents = table(out, "documents")
    assert len(documents) == len(seeds)

    again = run([str(folder), missing], out, client=client, batch_size=2)
    assert again.skipped_batches == again.batches == first.batches and again.inputs == 0
    # a batch whose marker is gone (a run stopped half-way) runs again, rows not doubled
    markers = sorted(Path(out, "_done").iterdir())
    markers[0].unlink()
    third = run([str(folder), missing], out, client=client, batch_size=2)
    assert third.skipped_batches == third.batches - 1 and third.inputs >= 1
    assert len(table(out, "documents")) == len(seeds)
    assert sorted(d["doc_id"] for d in table(out, "documents")) == sorted(d["doc_id"] for d in documents)
    # a file changed is a batch of its own to run again
    (folder / seeds[0].name).write_text(seeds[0].read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    fourth = run([str(folder), missing], out, client=client, batch_size=2)
    assert fourth.batches - fourth.skipped_batches == 1


def test_the_command_runs_on_a_local_cluster_and_says_what_it_did(corpus, tmp_path):
    out = tmp_path / "out"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    args = ["extract", "--engine", "dask", "--workers", "1", "--out", str(out), "--format", "text",
            corpus[0], str(bad)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert f"rejected  {bad}: empty file" in result.stderr
    inputs = len(os.listdir(corpus[0])) + 1
    assert f"{inputs} input(s)" in result.stdout and "1 error(s)" in result.stdout
    again = CliRunner().invoke(cli, [*args, "--format", "jsonl"])  # done: nothing to run, nothing rejected
    assert again.exit_code == 0, again.output
    record = json.loads(again.stdout.splitlines()[-1])
    assert record["summary"] and record["inputs"] == 0 and record["skipped_batches"] == record["batches"]
    usage = CliRunner().invoke(cli, ["extract", "--out", str(out), corpus[0]])
    assert usage.exit_code == 2 and "--engine dask" in usage.output
    usage = CliRunner().invoke(cli, ["extract", "--engine", "dask", corpus[0]])
    assert usage.exit_code == 2 and "--engine dask" in usage.output


def test_form_keeps_only_the_forms_asked_for_and_is_a_run_of_its_own(client, corpus, tmp_path):
    files = submissions(corpus)
    archive = tmp_path / "20250101.nc.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for path in files:
            tar.add(path, arcname=path.name.replace(".txt", ".nc"))
    loose = [str(p) for p in sorted(Path(corpus[0]).iterdir())]
    out = str(tmp_path / "out")
    everything = run([str(archive), *loose], out, client=client)
    kept = run([str(archive), *loose], out, client=client, forms=["8-k"])  # another run: not skipped
    assert kept.skipped_batches == 0 and kept.passed_inputs > 0
    documents = table(out, "documents")
    forms_kept = Counter(d["form"] for d in documents if d["batch"] in kept.ran)
    forms_all = Counter(d["form"] for d in documents if d["batch"] in everything.ran)
    assert set(forms_kept) == {"8-K"} and len(forms_all) > 1
    assert forms_kept["8-K"] == forms_all["8-K"] == kept.documents
    assert kept.passed_inputs == len({d["source"] for d in documents
                                      if d["batch"] in everything.ran and d["form"] != "8-K"})


def test_the_command_runs_on_a_given_scheduler(client, corpus, tmp_path):
    address = client.scheduler.address
    result = CliRunner().invoke(cli, ["-v", "extract", "--engine", "dask", "--scheduler", address,
                                      "--out", str(tmp_path / "out"), corpus[0]])
    assert result.exit_code == 0, result.output
    assert f"to run on {address}" in result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["documents"] == len(os.listdir(corpus[0]))


def test_a_corrupt_archive_keeps_what_came_before_the_break_and_says_where_it_broke(client, corpus, tmp_path):
    files = sorted(submissions(corpus), key=lambda p: p.stat().st_size)  # the largest last, where it breaks
    whole = tmp_path / "whole.tar.gz"
    with tarfile.open(whole, "w:gz") as tar:
        for path in files:
            tar.add(path, arcname=path.name.replace(".txt", ".nc"))
    broken = tmp_path / "in" / "20240103.nc.tar.gz"
    broken.parent.mkdir()
    data = whole.read_bytes()
    broken.write_bytes(data[: len(data) * 3 // 4])  # a download cut short
    out = str(tmp_path / "out")
    summary = run([str(broken)], out, client=client)
    errors = table(out, "errors")
    assert summary.errors == len(errors) == 1 and not summary.failed_batches
    assert errors[0]["source"] == str(broken) and errors[0]["reason"].startswith("unreadable archive")
    assert 0 < summary.documents < len(files)
