"""The team review from end to end: shard a database, two reviewers decide (some alike, some
not), merge, agreement against figures computed by hand, the conflicts adjudicated in the
adjudication panel with keys, and the result exported."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from reviewer.core.export import export
from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest_paths
from reviewer.core.review import ReviewSession
from reviewer.core.storage import Storage
from reviewer.core.storage import team_reads
from reviewer.core.team import merge, shard
from reviewer.core.team.agreement import agreement
from reviewer.gui.adjudication import AdjudicationPanel
from reviewer.gui.stats_view import StatsView

ALICE = "AAAAAAAARR"  # per field: A accept, R reject, E edit
BOB = "AAAAAARRRE"


def separate(fields):
    out = []
    for f in sorted(fields, key=lambda f: (f.start, f.end, f.id)):
        if f.end > f.start and all(f.start >= g.end or f.end <= g.start for g in out):
            out.append(f)
    return out


def decide(session, fields, plan):
    for f, what in zip(fields, plan):
        if what == "A":
            session.accept(f.id)
        elif what == "R":
            session.reject(f.id)
        else:
            session.edit(f.id, f"{session.reviewer}'s {f.text}")


@pytest.fixture
def team(tmp_path, data_dir):
    extractor = default_extractor()
    corpus = tmp_path / "corpus.db"
    with Storage(corpus) as s:
        list(ingest_paths(s, [data_dir], extractor=extractor))
    report = shard(corpus, 2, tmp_path / "shards", overlap=100, seed=5)
    with Storage(report.paths[0]) as a:
        docs = sorted(a.list_documents(), key=lambda d: (-len(separate(a.fields(d.id))), d.id))
        shared, alone = docs[0].id, docs[1].id
        chosen = separate(a.fields(shared))[:10]
        assert len(chosen) == 10
        alice = ReviewSession(a, "alice", extractor.schema)
        decide(alice, chosen, ALICE)
        alice.approve(alone, accept_pending=True)  # a document only alice decided
    with Storage(report.paths[1]) as b:
        decide(ReviewSession(b, "bob", extractor.schema), chosen, BOB)
    merged = tmp_path / "merged.db"
    result = merge(merged, report.paths)
    return {"merged": merged, "shared": shared, "alone": alone, "chosen": chosen, "merge": result,
            "schema": extractor.schema, "tmp": tmp_path}


def test_shard_decide_merge_agree_adjudicate_export(qtbot, team):
    chosen, shared = team["chosen"], team["shared"]
    assert team["merge"].conflicts == 3  # fields 7 and 8 (accepted / rejected), 10 (rejected / edited)
    storage = Storage(team["merged"])
    try:
        figures = agreement(storage).as_dict()
        # only the shared document counts (alice alone decided the other)
        assert figures["shared_documents"] == 1
        both = figures["pairs"][0]["all"]
        # 10 fields both decided, the same status on 7 (fields 1-6 accepted, 9 rejected)
        # alice: accepted 8, rejected 2; bob: accepted 6, rejected 3, edited 1
        # p_o = 7/10; p_e = (8*6 + 2*3 + 0*1) / 100 = 0.54; kappa = 0.16 / 0.46 = 8/23
        assert (both["fields"], both["same_status"]) == (10, 7)
        assert both["kappa"] == pytest.approx(8 / 23)
        # spans said to be there: alice's 8 accepted; bob's 6 accepted and 1 edited (its span kept)
        # in common: the first 6: F1 = 2*6 / (8+7) = 0.8, exact and overlapping (the spans are apart)
        assert (both["spans_a"], both["spans_b"]) == (8, 7)
        assert both["span_f1_exact"] == pytest.approx(0.8)
        assert both["span_f1_overlap"] == pytest.approx(0.8)

        panel = AdjudicationPanel(storage, "carol", team["schema"])
        qtbot.addWidget(panel)
        panel.show()
        qtbot.waitExposed(panel)
        panel.setFocus()
        counts = []
        panel.conflicts_changed.connect(counts.append)
        assert panel.document_id == shared and panel.list.count() == 3
        first = panel.current
        assert [s.reviewer for s in first.sides] == ["alice", "bob"]
        assert "alice: accepted" in panel.sides[0].title.text()
        assert "bob: rejected" in panel.sides[1].title.text()
        assert panel.sides[0].text.extraSelections()  # the span is marked on the text
        qtbot.keyClick(panel, Qt.Key_1)  # field 7: alice's acceptance
        assert counts[-1] == 2
        qtbot.keyClick(panel, Qt.Key_2)  # field 8: bob's rejection
        assert counts[-1] == 1 and panel.current.field.id == chosen[9].id
        qtbot.keyClick(panel, Qt.Key_E)  # field 10: carol types the value
        assert panel.editor.isVisible()
        panel.editor.clear()
        qtbot.keyClicks(panel.editor, "carol's value")
        qtbot.keyClick(panel.editor, Qt.Key_Return)
        assert counts[-1] == 0 and team_reads.conflict_count(storage) == 0
        assert not panel.editor.isVisible()

        assert storage.get_field(chosen[6].id).status == "accepted"
        assert storage.get_field(chosen[7].id).status == "rejected"
        tenth = storage.get_field(chosen[9].id)
        assert (tenth.status, tenth.value, tenth.reviewer) == ("edited", "carol's value", "carol")
        judged = [e for e in storage.audit_log(shared) if e.reviewer == "carol"]
        assert [e.field_id for e in judged] == [chosen[6].id, chosen[7].id, chosen[9].id]
        assert all(e.action.startswith("adjudicated") for e in judged)

        ReviewSession(storage, "carol", team["schema"]).approve(shared, accept_pending=True)
        out = team["tmp"] / "approved.jsonl"
        export(storage, team["schema"], "jsonl", out, status="approved")
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(lines) == 2  # the adjudicated document and alice's
        text = json.dumps(lines)
        assert "carol's value" in text and "bob's" not in text
    finally:
        storage.close()


def test_a_document_without_conflicts_says_so_and_keys_do_nothing(qtbot, team):
    storage = Storage(team["merged"])
    try:
        panel = AdjudicationPanel(storage, "carol", team["schema"])
        qtbot.addWidget(panel)
        panel.show_document(team["alone"])
        assert panel.list.count() == 0 and "No conflict" in panel.message.text()
        assert panel.pick(0) is False
        assert team_reads.conflict_count(storage) == 3
    finally:
        storage.close()


def test_escape_leaves_an_edit_unsaved(qtbot, team):
    storage = Storage(team["merged"])
    try:
        panel = AdjudicationPanel(storage, "carol", team["schema"])
        qtbot.addWidget(panel)
        panel.show()
        qtbot.waitExposed(panel)
        panel.setFocus()
        rows = len(storage.audit_log())
        qtbot.keyClick(panel, Qt.Key_E)
        assert panel.editor.isVisible()
        qtbot.keyClicks(panel.editor, "12")  # digits typed into the value pick nothing
        qtbot.keyClick(panel.editor, Qt.Key_Escape)
        assert not panel.editor.isVisible()
        assert len(storage.audit_log()) == rows and team_reads.conflict_count(storage) == 3
    finally:
        storage.close()


def test_statistics_view_draws_the_charts(qtbot, team):
    pytest.importorskip("matplotlib")
    storage = Storage(team["merged"])
    try:
        view = StatsView(storage)
        qtbot.addWidget(view)
        assert "alice" in view.summary.text() and "bob" in view.summary.text()
        assert all(not label.pixmap().isNull() for label in view.charts.values())
        assert view.table.rowCount() == len(view.stats.labels) > 0
        before = view.stats.total("alice")
        ReviewSession(storage, "alice", team["schema"]).reject(team["chosen"][0].id)
        qtbot.keyClick(view, Qt.Key_R)
        assert view.stats.total("alice") == before + 1
    finally:
        storage.close()


def test_the_window_adjudicates_with_keys_and_counts_conflicts_in_the_status_bar(qtbot, team, make_window):
    from reviewer.gui.team_mode import install

    window = make_window(team["merged"], reviewer="carol")
    team_mode = install(window)
    assert install(window) is team_mode  # once
    assert team_mode.conflicts.isVisible() and team_mode.conflicts.text() == "Conflicts left: 3"
    qtbot.keyClick(window, Qt.Key_J, Qt.ControlModifier | Qt.ShiftModifier)
    dock = team_mode.adjudication
    assert dock is not None and dock.isVisible()
    panel = dock.widget()
    qtbot.waitUntil(panel.hasFocus, timeout=3000)
    window.open_document(team["shared"])
    qtbot.keyClick(panel, Qt.Key_2)  # bob's decision on the first conflict
    assert team_mode.conflicts.text() == "Conflicts left: 2"
    first = team["chosen"][6]
    assert window.storage.get_field(first.id).status == "rejected"
    shown = {f.id: f.status for f in window.doc_fields.by_label}
    assert shown[first.id] == "rejected"  # the review shows the adjudicated field
    judged = [e for e in window.storage.audit_log(team["shared"]) if e.field_id == first.id][-1]
    assert (judged.reviewer, judged.action.startswith("adjudicated")) == ("carol", True)
    qtbot.keyClick(panel, Qt.Key_1)
    qtbot.keyClick(panel, Qt.Key_1)
    assert team_mode.conflicts.text() == "No conflict left"
    qtbot.keyClick(window, Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)
    assert team_mode.stats is not None and team_mode.stats.isVisible()


def test_a_database_never_merged_shows_no_conflict_count(qtbot, make_window):
    from reviewer.gui.team_mode import install

    team_mode = install(make_window())
    assert not team_mode.conflicts.isVisible() and team_mode.conflicts.text() == "No conflict left"


def test_a_deletion_is_shown_as_one():
    from reviewer.core.team.decisions import Decision
    from reviewer.gui.adjudication import side_title

    kept = {"label": "person", "status": "added", "text": "Jane Roe", "value": "Jane Roe"}
    deleted = Decision("alice", "deleted", "2026-12-02T10:00:00", None, before=kept)
    assert side_title(0, deleted) == "1 · alice: deleted the field"
    added = Decision("bob", "added", "2026-12-02T10:01:00", kept)
    assert side_title(1, added) == "2 · bob: added — 'Jane Roe'"
