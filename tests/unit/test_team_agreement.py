"""Agreement figures against examples computed by hand (the arithmetic is in each test)."""

from __future__ import annotations

import pytest

from reviewer.core.team.agreement import cohen_kappa, compute, span_matches


def state(label, start, end, status, value=None):
    return {"label": label, "start": start, "end": end, "text": "x" * (end - start), "value": value,
            "status": status}


def test_kappa_of_a_textbook_table():
    # 50 items: both yes 20, a yes / b no 5, a no / b yes 10, both no 15
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    # p_o = (20 + 15) / 50 = 0.7; a says yes 25/50 = 0.5, b says yes 30/50 = 0.6
    # p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_kappa_edge_cases():
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a")] * 4) is None  # one category throughout: chance agreement is 1
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    # complete disagreement over two balanced categories: p_o 0, p_e 0.5, kappa -1
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)


def test_span_matching_exact_and_overlapping():
    a = [("money", 0, 10), ("money", 20, 30), ("date", 40, 50)]
    b = [("money", 0, 10), ("money", 25, 35), ("date", 40, 50), ("date", 60, 70)]
    assert span_matches(a, b, overlap=False) == 2  # money 0-10, date 40-50
    assert span_matches(a, b, overlap=True) == 3  # and money 20-30 with 25-35
    # one span of b overlaps two of a: matched once only
    assert span_matches([("x", 0, 10), ("x", 5, 15)], [("x", 4, 6)], overlap=True) == 1
    # the same offsets under another label do not match
    assert span_matches([("x", 0, 10)], [("y", 0, 10)], overlap=True) == 0


def test_agreement_per_label_per_pair_and_overall():
    rows = []
    # document 1, ana and ben; money fields 1-4, date fields 5-6
    ana = {1: state("money", 0, 10, "accepted"), 2: state("money", 20, 30, "accepted"),
           3: state("money", 40, 50, "rejected"), 4: state("money", 60, 70, "accepted"),
           5: state("date", 80, 90, "accepted"), 6: state("date", 100, 110, "rejected")}
    ben = {1: state("money", 0, 10, "accepted"), 2: state("money", 20, 30, "rejected"),
           3: state("money", 40, 50, "rejected"), 4: state("money", 60, 75, "edited"),
           5: state("date", 80, 90, "accepted"), 6: state("date", 100, 110, "accepted"),
           7: state("date", 120, 130, "added")}  # ben added a date ana did not
    rows += [(1, f, "ana", s) for f, s in ana.items()] + [(1, f, "ben", s) for f, s in ben.items()]
    # a pending field (an undo) is no decision; a document only one reviewer decided is not shared
    rows += [(1, 8, "ana", state("date", 140, 150, "pending")), (2, 9, "ana", state("money", 0, 5, "accepted"))]
    result = compute(rows).as_dict()
    assert result["shared_documents"] == 1
    (pair,) = result["pairs"]
    assert pair["reviewers"] == ["ana", "ben"]
    money, date, both = pair["labels"]["money"], pair["labels"]["date"], pair["all"]
    # money, 4 fields both decided: (acc, acc) (acc, rej) (rej, rej) (acc, edited): same 2 of 4
    # p_o = 2/4 = 0.5; ana acc 3/4, rej 1/4; ben acc 1/4, rej 2/4, edited 1/4
    # p_e = 3/4*1/4 + 1/4*2/4 = 3/16 + 2/16 = 5/16; kappa = (8/16 - 5/16) / (11/16) = 3/11
    assert (money["fields"], money["same_status"]) == (4, 2)
    assert money["kappa"] == pytest.approx(3 / 11)
    # money spans: ana asserts 0-10, 20-30, 60-70 (3); ben 0-10, 60-75 (2)
    # exact: 0-10 only, F1 = 2*1/(3+2) = 0.4; overlapping: 0-10 and 60-70~60-75, F1 = 2*2/5 = 0.8
    assert (money["spans_a"], money["spans_b"]) == (3, 2)
    assert money["span_f1_exact"] == pytest.approx(0.4)
    assert money["span_f1_overlap"] == pytest.approx(0.8)
    # date, 2 fields both decided: (acc, acc) (rej, acc): p_o = 1/2
    # ana acc 1/2 rej 1/2; ben acc 2/2: p_e = 1/2*1 = 1/2; kappa = (1/2 - 1/2)/(1/2) = 0
    assert date["kappa"] == pytest.approx(0.0)
    # date spans: ana 80-90 (1); ben 80-90, 100-110, 120-130 (3): exact 1, F1 = 2*1/4 = 0.5
    assert date["span_f1_exact"] == pytest.approx(0.5)
    # all labels: 6 fields, same 3 (1, 3, 5): p_o = 1/2
    # ana acc 4/6 rej 2/6; ben acc 3/6 rej 2/6 edited 1/6
    # p_e = 4/6*3/6 + 2/6*2/6 = 12/36 + 4/36 = 16/36 = 4/9; kappa = (1/2 - 4/9)/(5/9) = (1/18)/(10/18) = 0.1
    assert (both["fields"], both["same_status"]) == (6, 3)
    assert both["kappa"] == pytest.approx(0.1)
    # spans: ana 4, ben 5; exact 0-10, 80-90 = 2: F1 = 4/9; overlapping adds 60-70~60-75: 6/9
    assert both["span_f1_exact"] == pytest.approx(4 / 9)
    assert both["span_f1_overlap"] == pytest.approx(6 / 9)
    assert result["overall"]["all"] == both  # one pair: the pool is that pair


def test_three_reviewers_make_three_pairs_and_a_pooled_figure():
    rows = []
    for who, status in (("a", "accepted"), ("b", "accepted"), ("c", "rejected")):
        rows.append((1, 1, who, state("money", 0, 10, status)))
        rows.append((1, 2, who, state("money", 20, 30, "rejected")))
    result = compute(rows).as_dict()
    assert [p["reviewers"] for p in result["pairs"]] == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert result["pairs"][0]["all"]["kappa"] == pytest.approx(1.0)
    # a-c and b-c: (acc, rej), (rej, rej): p_o 1/2; first acc 1/2 rej 1/2, second rej 1: p_e 1/2: kappa 0
    assert result["pairs"][1]["all"]["kappa"] == pytest.approx(0.0)
    # pooled, 6 items: (acc,acc) (rej,rej) (acc,rej) (rej,rej) (acc,rej) (rej,rej): p_o = 4/6
    # first raters acc 3/6 rej 3/6; second acc 1/6 rej 5/6: p_e = 3/36 + 15/36 = 1/2
    # kappa = (2/3 - 1/2) / (1/2) = 1/3
    assert result["overall"]["all"]["kappa"] == pytest.approx(1 / 3)
