"""Markdown press releases: rendered to text, every character mapped back to its source."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import find_files
from reviewer.core.isolated import prepare
from reviewer.core.sources import read_bytes
from reviewer.core.sources.markdown import markdown_to_text

RELEASE = """# Northwind Trading Closes \\$5.0 Million Private Placement ##

**SEATTLE, June 3, 2015 /PRNewswire/** -- [Northwind Trading Corp.](https://ir.example.com "Investors")
(NASDAQ: NWTC) today announced *the closing* of its private placement of 1,000,000 shares
at \\$5.00 per share, for gross proceeds of \\$5,000,000.

Highlights*

* Revenue of \\$12.5 million, up __8%__
- Net income of ~~$0.1~~ $0.2 million
1. Ordered items keep their number

| Metric | Q2 2015 | Q2 2014 |
|:-------|--------:|--------:|
| Revenue | \\$12.5 | $11.6 |
| Net income | | 0.2 |

> Quoted **line**  
> second &amp; last

![Logo](https://img.example.com/logo.png)

Contact: Jane Roe, <ir@example.com>, <https://example.com> `code *kept*` snake_case_name
*A lone star stays.

[home]: https://example.com
See [our site][home] and [home].
"""


def _render(source):
    text, omap = markdown_to_text(source)
    return text, omap


def _mapped(text, omap, source):
    """Every character of the text that the source shows as such maps to itself."""
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        assert source[omap.to_source(i)] == ch or source[omap.to_source(i)] == "&", (i, ch, text[max(0, i - 20):i + 5])


def test_a_contact_block_keeps_its_lines():
    source = "Contact:\nMira Okonjo\nOrbitly Systems\n(+65) 6123 4567\nmira@orbitly.io\n"
    text, omap = _render(source)
    assert text == source.rstrip("\n")
    _mapped(text, omap, source)
    fields = default_extractor().extract(text, doc_type="press_release").fields
    assert [f.text for f in fields if f.label == "person"] == ["Mira Okonjo"]
    assert [f.text for f in fields if f.label == "phone"] == ["(+65) 6123 4567"]


def test_blocks_become_lines():
    text, _ = _render(RELEASE)
    lines = text.split("\n")
    assert lines[0] == "Northwind Trading Closes $5.0 Million Private Placement"
    assert "First" not in text
    assert "Revenue of $12.5 million, up 8%" in lines
    assert "Net income of $0.1 $0.2 million" in lines
    assert "1. Ordered items keep their number" in lines
    assert "Quoted line" in lines and "second & last" in lines


def test_inline_markup_is_rendered():
    text, _ = _render(RELEASE)
    # the lines of a paragraph keep their breaks (the rules read a break inside a sentence as a space)
    assert ("SEATTLE, June 3, 2015 /PRNewswire/ -- Northwind Trading Corp.\n(NASDAQ: NWTC) today announced "
            "the closing of its private placement of 1,000,000 shares\nat $5.00 per share, for gross proceeds "
            "of $5,000,000.") in text
    assert "https://ir.example.com" not in text and "Investors" not in text
    assert "img.example.com" not in text and "Logo" not in text
    assert "Contact: Jane Roe, ir@example.com, https://example.com code *kept* snake_case_name" in text
    assert "See our site and home." in text
    assert "[home]:" not in text
    assert "\\" not in text and "**" not in text and "~~" not in text


def test_unpaired_markers_stay_text():
    text, _ = _render(RELEASE)
    assert "Highlights*" in text
    assert "*A lone star stays." in text
    assert _render("a * b * c 2*3")[0] == "a * b * c 2*3"
    assert _render("**a*b")[0] == "*ab"
    assert _render("_a_ foo_bar_ _b_")[0] == "a foo_bar_ b"


def test_tables_are_tab_separated_lines():
    text, _ = _render(RELEASE)
    assert "Metric\tQ2 2015\tQ2 2014\nRevenue\t$12.5\t$11.6\nNet income\t0.2" in text
    assert "---" not in text


def test_paragraph_lines_keep_their_breaks_and_blank_lines_stay():
    text, _ = _render("first line\nsecond line\n\n\n\nnext paragraph\nhard break  \nafter it\\\nand this")
    assert text == "first line\nsecond line\n\nnext paragraph\nhard break\nafter it\nand this"


def test_headings_setext_rules_and_fences():
    text, _ = _render("Title\n=====\n\ntext\n\n---\n\n```\nkept *as is* \\$\n```\n## Sub ##\n")
    assert text == "Title\n\ntext\n\nkept *as is* \\$\nSub"


def test_offsets_map_back_to_the_source():
    text, omap = _render(RELEASE)
    _mapped(text, omap, RELEASE)
    crlf = RELEASE.replace("\n", "\r\n")
    text2, omap2 = _render(crlf)
    assert text2 == text
    _mapped(text2, omap2, crlf)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab $\\*_~`[]()<>!&#|-=:>\n\t1.;")), max_size=120))
def test_any_markdown_renders_with_a_valid_map(source):
    text, omap = _render(source)
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        src = omap.to_source(i)
        assert 0 <= src < len(source)
        assert source[src] == ch or source[src] == "&", (source, text, i)


def test_markdown_is_read_by_suffix_and_walked_in_folders(tmp_path):
    (tmp_path / "release.md").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "other.markdown").write_text("# T\n\ntext", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("x", encoding="utf-8")
    found = dict(find_files([tmp_path]))
    assert found[str(tmp_path / "release.md")] is None
    assert found[str(tmp_path / "other.markdown")] is None
    assert found[str(tmp_path / "notes.json")].startswith("passed over")
    assert found[str(tmp_path / ".hidden.md")].startswith("passed over")
    doc = read_bytes(str(tmp_path / "release.md"), RELEASE.encode()).documents[0]
    assert doc.source_format == "markdown"
    assert doc.filename == "release.md"


def test_an_empty_rendering_is_refused():
    import pytest

    from reviewer.core.sources import SourceError

    with pytest.raises(SourceError, match="no visible text in the Markdown"):
        read_bytes("x.md", b"![only](an-image.png)\n\n---\n")


def test_a_markdown_release_extracts_like_one(tmp_path):
    path = tmp_path / "release.md"
    path.write_text(RELEASE, encoding="utf-8")
    prepared = prepare(str(path), default_extractor(), 10_000_000)
    assert prepared.reason is None
    doc, fields = prepared.filing.documents[0], prepared.fields[0]
    assert prepared.doc_types[0] == "press_release"
    by_label = {}
    for f in fields:
        assert doc.text[f.start:f.end] == f.text
        by_label.setdefault(f.label, []).append(f.text)
    assert by_label["location"] == ["SEATTLE"]
    assert by_label["report_date"] == ["June 3, 2015"]
    assert "$5,000,000" in by_label["money"]
    assert "$5.00 per share" in by_label["per_share_price"]
    assert not any(re.search(r"[\\*\[\]]", t) for ts in by_label.values() for t in ts)


def test_cli_extract_says_what_it_passes_over(tmp_path):
    from click.testing import CliRunner

    from reviewer.cli import cli

    (tmp_path / "release.md").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = result.stdout if hasattr(result, "stdout") else result.output
    assert '"source": "' + str(tmp_path / "release.md") in out
    assert "passed" in result.output and "notes.json" in result.output and ".json files are not filings" in result.output


def test_front_matter_is_no_text():
    source = ('---\ntitle: "Vantor Labs Closes Its Round"\ndate: "2025-02-14 09:59:39"\ntags:\n  - "wire"\n---\n\n'
              "OSLO, Feb. 13, 2025 -- Vantor Labs AS closed its round.\n")
    text, omap = _render(source)
    assert text == "OSLO, Feb. 13, 2025 -- Vantor Labs AS closed its round."
    _mapped(text, omap, source)
    fields = default_extractor().extract(text, doc_type="press_release").fields
    assert [f.text for f in fields if f.label == "report_date"] == ["Feb. 13, 2025"]
    # a rule and a paragraph, or a setext heading, are no front matter
    assert _render("---\n\nText\n---\nmore")[0] == "Text\nmore"
    assert _render("---\nNot: a key line\nbut text\n")[0] == "Not: a key line\nbut text"


def test_the_filing_view_does_not_show_front_matter():
    from reviewer.core.render_html import markdown_html

    html = markdown_html('---\ntitle: "Vantor Labs Closes Its Round"\ndate: "2025-02-14"\n---\n\nOSLO -- Vantor Labs AS.\n')
    assert "title:" not in html and "2025-02-14" not in html and "OSLO -- Vantor Labs AS." in html
