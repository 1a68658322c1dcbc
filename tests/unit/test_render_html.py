"""HTML made safe for Qt's rich text (core/render_html.py): nothing that could fetch, no
hidden text, hostile shapes measured so that the view can refuse them, slices that rebuild
the whole."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reviewer.core.render_html import MAX_IMAGE, SPLIT_CELLS, markdown_html, preformatted, render, sanitise

LARGE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "large"
FETCHING = re.compile(r"<(script|iframe|object|embed|link|frame|base|meta)\b|src=\"(?!inline-image:)|url\(|"
                      r"background=", re.I)


def test_nothing_that_fetches_survives():
    hostile = (
        '<html><head><link rel=stylesheet href="http://evil/x.css"><base href="http://evil/">'
        '<meta http-equiv=refresh content="0;url=http://evil"></head><body background="file:///etc/x.png">'
        '<p>Before<script>document.write("<img src=http://evil/a.png>")</script> after</p>'
        '<iframe src="http://evil/frame">inside the frame</iframe>'
        '<img src="http://evil/remote.png"><img src="file:///etc/passwd"><img src="logo.jpg">'
        '<img src="data:image/png;base64,' + "A" * (MAX_IMAGE + 10) + '">'
        '<div style="background-image:url(http://evil/b.png)">styled</div>'
        '<object data="http://evil/o.swf">obj</object><embed src="http://evil/e"><svg><image href="x"/></svg>'
        '<table background="http://evil/t.png"><tr><td>cell</td></tr></table></body></html>'
    )
    out = sanitise(hostile)
    assert FETCHING.search(out.html) is None, out.html
    assert "Before" in out.html and "after" in out.html and "cell" in out.html and "styled" in out.html
    assert "inside the frame" not in out.html and "document.write" not in out.html
    assert out.images == []
    assert out.dropped["img"] == 4


def test_a_small_data_image_is_kept_under_a_local_name():
    uri = "data:image/png;base64,iVBORw0KGgo="
    out = sanitise(f'<p>x<img src="{uri}" width=10></p>')
    assert out.images == [uri]
    assert 'src="inline-image:0"' in out.html


def test_script_text_is_never_read_as_markup():
    out = sanitise('<p>a<script>if (x < y) { s = "</p><p hidden>"; }</script>b</p><p>c</p>')
    assert "<p>ab</p>" in out.html and "<p>c</p>" in out.html


def test_hidden_elements_are_dropped_as_the_text_reader_drops_them():
    out = sanitise('<div style="display: none">secret<div>inner</div></div><p hidden>gone</p><p>shown</p>')
    assert "secret" not in out.html and "inner" not in out.html and "gone" not in out.html
    assert "shown" in out.html


@pytest.mark.parametrize("size", [2_000_000])
def test_deep_nesting_and_huge_tables_are_measured_in_linear_time(size):
    deep = "<div><span>" * 100_000 + "x" + "</span></div>" * 100_000
    started = time.perf_counter()
    out = sanitise(deep)
    assert time.perf_counter() - started < 30  # no quadratic walk of the stack
    assert out.depth == 200_000
    table = "<table>" + "<tr>" + "<td>1</td>" * 100 + "</tr>" * 0
    table = "<table>" + ("<tr>" + "<td>1</td>" * 100 + "</tr>") * 1000 + "</table>"
    out = sanitise(table)
    assert out.table_cells == 100_000 and out.cells == 100_000
    assert out.largest_block() < len("<td>1</td>") * 2 * SPLIT_CELLS  # cut between rows
    huge = sanitise('<p><img src="data:image/png;base64,' + "A" * size + '"></p>')
    assert huge.images == [] and len(huge.html) < 100


def test_a_huge_table_is_cut_between_rows_into_tables_alike():
    rows = "".join(f"<tr><td>r{i}</td>" + "<td>1</td>" * 9 + "</tr>" for i in range(3 * SPLIT_CELLS // 10 + 5))
    small = "<table><tr><td>small</td></tr></table>"
    out = sanitise(f'<body><div><p>intro</p><table border="1"><tbody>{rows}</tbody></table>{small}</div></body>')
    chunks = out.chunks(1024)
    cut = [c for c in chunks if "<td>r" in c]
    assert len(cut) == 4  # 3 * SPLIT_CELLS + 50 cells: cut every SPLIT_CELLS
    for chunk in cut[1:]:
        assert chunk.startswith('<body><div><table border="1"><tbody><tr><td>r')  # a row starts each part
    for chunk in cut[:-1]:
        assert chunk.endswith("</tr></tbody></table></div></body>")
    text = re.sub(r"<[^>]*>", "", "".join(chunks))
    assert text == re.sub(r"<[^>]*>", "", out.html)
    assert out.table_cells == 3 * SPLIT_CELLS + 50  # still measured as one table
    nested = sanitise(f"<table><tr><td><table>{rows}</table></td></tr></table>")
    assert [b[0] for b in nested.breaks] == [0]  # never inside a nested table


def test_slices_rebuild_the_whole_and_reopen_wrappers():
    body = "".join(f'<div style="margin:0"><p>paragraph {i}</p><table><tr><td>{i}</td></tr></table></div>'
                   for i in range(3000))
    out = sanitise(f'<html><body style="font-size:10pt"><div>{body}</div></body></html>')
    chunks = out.chunks(4096)
    assert len(chunks) > 10
    for chunk in chunks[1:]:
        assert chunk.startswith('<body style="font-size:10pt"><div>')
    text = re.sub(r"<[^>]*>", "", "".join(chunks))
    assert text == re.sub(r"<[^>]*>", "", out.html)


def test_a_prefix_gives_the_first_slices_of_the_whole():
    """What lets the view show the start of a long filing before the whole is sanitised."""
    body = "".join(f"<p>p{i} <b>bold</b></p><table><tr><td>{i}</td><td>x</td></tr></table>" for i in range(20000))
    source = f"<html><body>{body}</body></html>"
    whole = sanitise(source).chunks()
    part = sanitise(source, until=len(source) // 3).chunks()
    assert part[:-1] == sanitise(source[:len(source) // 3]).chunks()[:len(part) - 1]
    assert len(part) > 2
    assert part[:-1] == whole[:len(part) - 1]


@pytest.mark.skipif(not LARGE.is_dir(), reason="the shared corpus is absent")
def test_a_prefix_of_a_real_10k_gives_the_first_slices_of_the_whole():
    source = (LARGE / "abbv-10k-2025.html").read_text(encoding="utf-8")
    whole = sanitise(source).chunks()
    part = sanitise(source, until=256 * 1024).chunks()
    assert len(part) > 2 and part[:-1] == whole[:len(part) - 1]


def test_plain_text_is_preformatted_and_escaped_in_slices():
    text = "".join(f"line {i} <b>&amp;\r\n" for i in range(5000))
    out = preformatted(text, line_chunk=1000)
    assert "<b>" not in out.html and "&lt;b&gt;&amp;amp;" in out.html and "\r" not in out.html
    chunks = out.chunks(1000)
    assert len(chunks) > 10 and all(c.startswith("<pre") and c.endswith("</pre>") for c in chunks)


def test_markdown_renders_tables_and_raw_html_is_sanitised():
    md = "# Title\n\n| Item | Amount |\n|---|---|\n| Proceeds | $1.5 million |\n\n<script>alert(1)</script>\n"
    assert "<table>" in markdown_html(md)
    out = render(md, "markdown", "")
    assert "<h1>Title</h1>" in out.html and "<td>Proceeds</td>" in out.html and "alert" not in out.html


def test_each_format_renders_from_the_right_text():
    assert "&lt;PAGE&gt;" in render("Text <PAGE> 2", "text", "Text 2").html  # as filed
    assert render("<a><b>x</b></a>", "xml", "x").html == '<pre style="margin:0; white-space:pre-wrap">x</pre>'  # its text
