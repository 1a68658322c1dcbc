"""Flattened tables: cells separated by runs of blanks, or one cell per line (invented text).
Figures in table rows are not labelled; prose around the table is."""

import pytest

from reviewer.core.extract.base import DocContext
from reviewer.core.extract.tables import in_table, is_figure


def texts(extractor, text, label):
    out = []
    for f in extractor.extract(text, doc_type="press_release").fields:
        assert text[f.start:f.end] == f.text
        if f.label == label:
            out.append(f.text)
    return out


@pytest.mark.parametrize("cell, figure", [
    ("4,686", True), ("$ (1,250)", True), ("($1,250)", True), ("-12%", True), ("0.17", True), ("—", True),
    ("$\u00a0\u00a0 4,686,312", True), ("2024", True), ("Revenue", False), ("$5 million", False),
    ("revenue of $5", False),
])
def test_figure_cells(cell, figure):
    assert is_figure(cell) is figure


def test_cells_separated_by_runs_of_blanks(extractor):
    text = ("Orlen Pumps Inc. reported revenue of $4.7 million for the quarter.\n"
            "Revenue        $  4,686,312     $  5,348,469\n"
            "Net loss         $ (204,907)      $ 4,342,091\n"
            "Weighted-average shares outstanding   31,098,180   32,459,838\n"
            "Margin         12.5%          11.0%\n")
    assert texts(extractor, text, "money") == ["$4.7 million"]


def test_one_cell_per_line(extractor):
    text = ("Orlen Pumps Inc. reported revenue of $4.7 million.\n\n"
            "Revenue\n\n  $\u00a0\u00a0\u00a0 4,686,312\n\n  $\u00a0\u00a0 5,348,469\n\n  -12%\n\n"
            "Net loss\n\n  $ (204,907)\n\n  $ 4,342,091\n\n  105%\n\n"
            "The company expects $5.0 million of orders.\n")
    assert texts(extractor, text, "money") == ["$4.7 million", "$5.0 million"]


def test_a_lone_figure_line_in_prose_is_not_a_table(extractor):
    text = "Orlen Pumps Inc. paid\n$250,000\nto settle the claim, the company said.\n"
    assert texts(extractor, text, "money") == ["$250,000"]


def test_double_spaces_between_sentences_are_not_cells(extractor):
    text = "Orlen Pumps Inc. paid $250,000.  It also paid $12,000.  Both sums were in cash.\n"
    assert texts(extractor, text, "money") == ["$250,000", "$12,000"]


def test_a_prose_caption_before_a_run_of_blanks_is_labelled():
    text = "Common stock, authorized 100,000,000 shares of $.01 par value   508   504\n"
    ctx = DocContext(text, "10-K")
    assert not in_table(ctx, text.index("100,000,000"))
    assert in_table(ctx, text.index("508"))


def test_tab_rows_are_still_tables():
    text = "Net income\t$\t44,172\t$\t51,762\n"
    assert in_table(DocContext(text, "10-K"), text.index("44,172"))
