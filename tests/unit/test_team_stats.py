"""Team statistics: progress, pace, acceptance per label, most-corrected labels, the HTML
report, and the team commands on the command line."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.ingest import ingest_paths
from reviewer.core.review import ReviewSession
from reviewer.core.storage import Storage
from reviewer.core.team import report
from reviewer.core.team.stats import compute, stats


def test_figures_from_rows():
    activity = [("ana", "2026-11-23T09", 30), ("ben", "2026-11-23T09", 10), ("ana", "2026-11-23T11", 50)]
    outcomes = [("money", "accepted", 6), ("money", "edited", 1), ("money", "rejected", 1),
                ("money", "pending", 5), ("date", "accepted", 9), ("date", "rejected", 1),
                ("person", "accepted", 1), ("person", "rejected", 3)]
    s = compute(activity, outcomes, [("person", 2)], [("ana", "2026-11-23", 4)])
    assert s.reviewers == ["ana", "ben"] and s.hours == ["2026-11-23T09", "2026-11-23T11"]
    # ana: 80 decisions in 2 active hours = 40 an hour; ben: 10 in 1
    assert (s.total("ana"), s.pace("ana"), s.pace("ben")) == (80, 40.0, 10.0)
    assert s.cumulative("ana") == [30, 80] and s.cumulative("ben") == [10, 10]
    # acceptance = accepted / (accepted + edited + rejected): money 6/8, date 9/10, person 1/4
    assert s.labels["money"].acceptance == pytest.approx(0.75)
    assert s.labels["date"].acceptance == pytest.approx(0.9)
    assert s.labels["person"].acceptance == pytest.approx(0.25)
    assert s.labels["person"].added == 2
    # corrected share: person 3/4, money 2/8, date 1/10
    assert [o.label for o in s.most_corrected()] == ["person", "money", "date"]
    assert s.as_dict()["reviewers"][0]["documents_per_day"] == {"2026-11-23": 4}


@pytest.fixture
def reviewed(tmp_path, data_dir, extractor):
    path = tmp_path / "review.db"
    with Storage(path) as s:
        list(ingest_paths(s, [data_dir / "tecogen-press-release-2013.txt"], extractor=extractor))
        (doc,) = s.list_documents()
        fs = s.fields(doc.id)
        ana = ReviewSession(s, "ana", extractor.schema)
        ana.accept(fs[0].id), ana.accept(fs[1].id), ana.reject(fs[2].id)
        ReviewSession(s, "ben", extractor.schema).accept(fs[3].id)
        labels = [f.label for f in fs[:4]]
    return path, labels


def test_stats_of_a_database(reviewed):
    path, labels = reviewed
    with Storage(path) as s:
        got = stats(s)
    assert (got.total("ana"), got.total("ben")) == (3, 1)
    assert sum(o.accepted for o in got.labels.values()) == 3
    assert got.labels[labels[2]].rejected >= 1
    assert labels[2] in [o.label for o in got.most_corrected()]


def test_html_report_is_self_contained_with_charts(reviewed, tmp_path):
    pytest.importorskip("matplotlib")
    path, _ = reviewed
    with Storage(path) as s:
        out = report.write(stats(s), tmp_path / "report.html", "Review statistics")
    text = out.read_text(encoding="utf-8")
    assert text.count("<svg") == 4
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", text)  # nothing fetched from elsewhere
    assert "<script" not in text and "ana" in text


def test_team_commands(tmp_path, data_dir, extractor):
    corpus = tmp_path / "corpus.db"
    with Storage(corpus) as s:
        list(ingest_paths(s, [data_dir], extractor=extractor))
    runner = CliRunner()
    out = runner.invoke(cli, ["shard", "--db", str(corpus), "--into", "2", "--out", str(tmp_path / "s"),
                              "--overlap", "100%", "--seed", "3"])
    assert out.exit_code == 0, out.output
    shards = sorted((tmp_path / "s").glob("*.db"))
    assert len(shards) == 2 and "given to two reviewers" in out.output
    again = runner.invoke(cli, ["shard", "--db", str(corpus), "--into", "2", "--out", str(tmp_path / "s")])
    assert again.exit_code == 1 and "exists" in again.output  # nothing overwritten unasked
    bad = runner.invoke(cli, ["shard", "--db", str(corpus), "--into", "2", "--out", str(tmp_path / "t"),
                              "--overlap", "150"])
    assert bad.exit_code == 2 and "between 0 and 100" in bad.output
    for path, who in zip(shards, ("ana", "ben")):
        with Storage(path) as s:
            doc = s.list_documents()[0]
            f = s.fields(doc.id)[0]
            session = ReviewSession(s, who, extractor.schema)
            session.accept(f.id) if who == "ana" else session.reject(f.id)
    merged = tmp_path / "merged.db"
    out = runner.invoke(cli, ["merge", "--out", str(merged), *map(str, shards)])
    assert out.exit_code == 0 and "1 conflict to adjudicate" in out.output, out.output
    out = runner.invoke(cli, ["agreement", "--db", str(merged), "--format", "json"])
    figures = json.loads(out.output)
    # one field both decided, accepted by one and rejected by the other:
    # p_o = 0; p_e = (1*0 + 0*1) / 1 = 0; kappa = (0 - 0) / (1 - 0) = 0
    assert figures["pairs"][0]["all"]["fields"] == 1
    assert figures["pairs"][0]["all"]["kappa"] == 0
    out = runner.invoke(cli, ["agreement", "--db", str(merged)])
    assert out.exit_code == 0 and "ana and ben" in out.output
    table = runner.invoke(cli, ["agreement", "--db", str(merged), "--format", "table"])
    assert table.exit_code == 0 and table.output == out.output  # the table is the text format
    out = runner.invoke(cli, ["stats", "--db", str(merged), "--format", "json"])
    assert {r["reviewer"] for r in json.loads(out.output)["reviewers"]} == {"ana", "ben"}
    other = tmp_path / "other.db"
    with Storage(other) as s:
        list(ingest_paths(s, [data_dir / "tecogen-press-release-2013.txt"], extractor=extractor))
    out = runner.invoke(cli, ["merge", "--out", str(merged), str(other)])
    assert out.exit_code == 1 and "no corpus id" in out.output and len(out.output.strip().splitlines()) == 1
