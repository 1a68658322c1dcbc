"""Extraction quality on the shared corpus with its gold (not a timed test)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli

TARGETS = {
    **dict.fromkeys(["money", "date", "percentage", "share_count", "per_share_price", "email", "phone",
                     "item", "report_date", "company"], 0.95),
    **dict.fromkeys(["person", "counterparty", "agreement", "signatory"], 0.80),
}


def test_gold_scores(shared_corpus):
    result = CliRunner().invoke(cli, ["eval", "--format", "json", "--gold", str(shared_corpus / "gold"),
                                      str(shared_corpus / "dev"), str(shared_corpus / "seeds")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 16
    assert report["micro"]["f1"] >= 0.90
    assert report["doc_type_accuracy"] == 1.0
    low = {label: report["labels"][label]["f1"] for label, target in TARGETS.items()
           if report["labels"][label]["f1"] < target}
    assert not low, low


def test_eval_table_and_missing_gold(shared_corpus, tmp_path):
    runner = CliRunner()
    table = runner.invoke(cli, ["eval", "--gold", str(shared_corpus / "gold"), str(shared_corpus / "seeds")])
    assert "micro" in table.output and "doc-type accuracy" in table.output
    (tmp_path / "gold").mkdir()
    none = runner.invoke(cli, ["eval", "--gold", str(tmp_path / "gold"), str(shared_corpus / "seeds")])
    assert none.exit_code == 1 and "no file has a gold file" in none.output


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_extract_command(data_dir, fmt):
    result = CliRunner().invoke(cli, ["extract", "--format", fmt, str(data_dir)])
    assert result.exit_code == 0, result.output
    if fmt == "text":
        assert "check PASS" in result.output
        return
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert len(docs) == 6
    release = next(d for d in docs if d["source"].endswith("tecogen-press-release-2013.txt"))
    assert release["part"] is None and release["doc_type"] == "press_release"
    money = [f for f in release["fields"] if f["label"] == "money"]
    assert money[0] == {"label": "money", "text": "$4.3 Million", "start": money[0]["start"],
                        "end": money[0]["end"], "value": {"amount": "4300000", "currency": "USD"},
                        "confidence": 0.95, "extractor": "rules.money"}
    form4 = next(d for d in docs if d["part"] == "4")
    assert form4["metadata"]["accession"] == "0001127602-25-001055"


def test_pool_scores(shared_corpus):
    """The second dev set (press releases from wires the dev set lacks, labelled in tests/gold/pool):
    a floor under generalisation, below today's 0.93 so that an honest trade-off can land."""
    report, docs = _pool_report(shared_corpus, "pool")
    assert report["documents"] == len(docs) >= 15
    assert report["micro"]["f1"] >= 0.90, report["micro"]
    assert report["doc_type_accuracy"] >= 0.95


def test_pool_holdout_scores(shared_corpus):
    """The held-out releases (tests/gold/pool_holdout, labelled without looking at the rules'
    output and never used to tune them): a floor, below the 0.94 measured when they were labelled."""
    report, docs = _pool_report(shared_corpus, "pool_holdout")
    assert report["documents"] == len(docs) >= 10
    assert report["micro"]["f1"] >= 0.90, report["micro"]


def _pool_report(shared_corpus, folder: str) -> tuple[dict, list[str]]:
    """`reviewer eval --format json` on the pool releases that tests/gold/<folder> labels."""
    gold = Path(__file__).resolve().parents[1] / "gold" / folder
    docs = sorted(str(shared_corpus / "pool" / f"{p.stem}.md") for p in gold.glob("*.json"))
    result = CliRunner().invoke(cli, ["eval", "--format", "json", "--gold", str(gold), *docs])
    assert result.exit_code == 0, result.output
    return json.loads(result.output), docs


def test_a_capped_gold_list_counts_no_false_positives():
    from reviewer.core.extract.evaluate import score_document
    from reviewer.core.model import Field

    def money(text, start):
        return Field(None, None, "money", start, start + len(text), text, confidence=0.9)

    fields = [money("$1 million", 0), money("$2 million", 20), money("$3 million", 40)]
    gold = {"doc_type": "press_release", "money": ["$1 million", "$9 million"]}
    counts = score_document("x", gold, fields, "press_release").labels["money"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 1)
    counts = score_document("x", {**gold, "_capped": ["money"]}, fields, "press_release").labels["money"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)


@pytest.mark.parametrize("folder, floor", [
    ("edgar_holdout", 0.90), ("edgar_tuning", 0.90), ("edgar_tuning2", 0.92), ("edgar_tuning3", 0.95),
    ("edgar_tuning4", 0.95), ("edgar_holdout2", 0.88), ("edgar_holdout3", 0.92), ("invented", 0.96),
    ("invented2", 0.97), ("invented3", 0.96), ("invented4", 0.98), ("invented5", 0.96),
    ("invented6", 0.98), ("invented7", 0.95), ("invented8", 0.96),
])
def test_real_filings_outside_the_corpus(folder, floor):
    """Real 8-Ks (held out: labelled without the rules' output, never tuned on; 0.944 when
    labelled), EDGAR releases and filings (tuning sets: 0.962; 0.880, 0.947 and, on the fourth's
    first two documents, 0.865 when labelled; 0.979, 0.979, 0.987 and 0.986 now), two more held-out
    sets (0.785 and 0.702 when labelled, 0.930 and 0.974 now), and eight sets of invented filings
    and releases, tuning sets each scored once when written (0.950, 0.972, 0.952, 0.982, 0.957, 0.976,
    0.953 and 0.960 then; 0.985, 0.993, 0.976, 0.994, 0.978, 0.992, 0.971 and 0.970 now): floors under
    generalisation, so that no change makes them worse unseen."""
    gold = Path(__file__).resolve().parents[1] / "gold" / folder
    docs = sorted(str(p) for p in (gold / "docs").iterdir())
    result = CliRunner().invoke(cli, ["eval", "--format", "json", "--gold", str(gold), *docs])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == len(docs) == len(list(gold.glob("*.json")))
    assert report["micro"]["f1"] >= floor, report["micro"]
    assert report["doc_type_accuracy"] == 1.0
