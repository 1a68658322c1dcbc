import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.sources.html import html_to_text

PAGE = """<html><head><title>T</title><style>p {color:red}</style>
<script>var x = "hidden";</script></head>
<body>
<div style="display:none"><ix:header><ix:hidden>dei:EntityCentralIndexKey 0000001</ix:hidden></ix:header></div>
<p>First&nbsp;paragraph with   lots
of  space &amp; an entity&#8217;s apostrophe.</p>
<div>Line one<br>Line two</div>
<table><tr><td><p>Kentucky</p></td><td>61-1206757</td></tr>
<tr><td>$</td><td>4,307,075</td></tr></table>
</body></html>"""


def test_visible_text_only():
    text, _, _ = html_to_text(PAGE)
    assert "hidden" not in text
    assert "color" not in text
    assert "dei:" not in text
    assert "T\n" not in text


def test_whitespace_entities_and_blocks():
    text, _, _ = html_to_text(PAGE)
    assert "First paragraph with lots of space & an entity’s apostrophe." in text
    assert "Line one\nLine two" in text


def test_table_rows_are_lines_with_tab_separated_cells():
    text, _, _ = html_to_text(PAGE)
    assert "Kentucky\t61-1206757" in text
    assert "$\t4,307,075" in text


def test_offsets_lead_back_to_the_source():
    text, omap, _ = html_to_text(PAGE)
    for m in re.finditer(r"[A-Za-z0-9,-]{4,}", text):
        s = omap.to_source(m.start())
        assert PAGE[s : s + len(m.group())] == m.group()


def test_entity_maps_to_its_reference():
    text, omap, _ = html_to_text(PAGE)
    i = text.index("’")
    assert PAGE[omap.to_source(i) :].startswith("&#8217;")


def test_malformed_markup_is_repaired_with_a_warning():
    text, _, warnings = html_to_text("<html><body><p>Open <b>bold <i>both</p><div>After</body>")
    assert "Open bold both" in text and "After" in text
    assert warnings and "unclosed" in warnings[0]


def test_xml_becomes_name_value_lines():
    xml = "<?xml version='1.0'?><doc><issuer><issuerName>AAR CORP</issuerName></issuer>" \
          "<price><value>66.903</value></price><t>A &amp; B</t></doc>"
    text, omap, _ = html_to_text(xml, xml=True)
    assert "issuerName: AAR CORP" in text
    assert "price: 66.903" in text
    assert "t: A & B" in text
    i = text.index("AAR CORP")
    assert xml[omap.to_source(i) :].startswith("AAR CORP")


words = st.text(alphabet=st.sampled_from("abcXYZ019 "), min_size=1, max_size=12)
tags = st.sampled_from(["p", "div", "span", "td", "tr", "b", "table", "br", "li"])


@settings(max_examples=200)
@given(st.lists(st.tuples(tags, words, st.booleans()), max_size=30))
def test_every_visible_word_maps_to_its_source(parts):
    source = "".join(f"<{t}>{w}" + (f"</{t}>" if close else "") for t, w, close in parts)
    text, omap, _ = html_to_text(source)
    for m in re.finditer(r"\S", text):
        s = omap.to_source(m.start())
        assert source[s] == m.group()


def test_inline_xbrl_filing(data_dir):
    source = (data_dir / "0000887919-21-000012-8k.html").read_text(encoding="utf-8")
    text, omap, _ = html_to_text(source)
    assert "PREMIER FINANCIAL BANCORP, INC." in text
    assert "Date of report (Date of earliest event reported) March 29, 2021" in text
    assert "Common Stock, no par value\tPFBI\tThe Nasdaq Stock Market LLC" in text
    assert "xbrli" not in text


# -- hostile markup: linear reading, and what it shows ---------------------------------
def test_an_unterminated_comment_hides_the_rest_of_the_file_with_a_warning():
    source = "<p>Shown</p><!-- never closed <p>hidden</p>"
    text, _, warnings = html_to_text(source)
    assert text == "Shown"
    assert any("unterminated comment (<!--) at offset 12" in w for w in warnings)


@pytest.mark.parametrize(
    "tail",
    ["<!--", "<!", "<?", "<![CDATA[", "<![", "<!DOCTYPE", "<a x='", '<a x="', "<a ", "<a x=",
     "<a x='1' ", "</a", "</", "<", "<div", "&#", "&x", "<script>x", "<pre>x\r\n"],
)
def test_what_the_file_leaves_open_at_its_end_never_shows_the_sentinel(tail):
    for source in ("<p>Kept</p>" + tail, "<p>Kept</p>" + tail + "more", "<p>Kept</p>" + tail + "\n"):
        text, omap, _ = html_to_text(source)
        assert text.startswith("Kept")
        for m in re.finditer(r"\S", text):
            s = omap.to_source(m.start())
            assert source[s] == m.group(), (source, text)


def test_a_bogus_marked_section_is_a_comment_not_a_reason_to_reject_the_file():
    text, _, _ = html_to_text("<p>a</p><![ x ]><p>b</p>")
    assert text == "a\n\nb"


def test_preformatted_crlf_maps_back_to_the_source():
    source = "<pre>one\r\ntwo\rthree\nfour</pre>"
    text, omap, _ = html_to_text(source)
    assert text == "one\ntwo\nthree\nfour"
    for i, ch in enumerate(text):
        s = omap.to_source(i)
        assert source[s] == ch or (ch == "\n" and source[s] == "\r")


def test_a_numeric_reference_too_long_for_unicode_is_a_replacement_character():
    text, _, _ = html_to_text("<p>a &#" + "9" * 5000 + "; &#x" + "f" * 50 + "; &#0000065; b</p>")
    assert text == "a \ufffd \ufffd A b"


def test_stray_end_tags_and_unclosed_elements_on_a_deep_stack():
    source = "<table><tr><td>" + "<div><span>x" * 500 + "</b>" * 500 + "</td><td>y</td></tr></table>"
    text, omap, warnings = html_to_text(source)
    assert text == "x" + " x" * 499 + "\ty"
    assert warnings == ["markup repaired: 1000 element(s) left unclosed"]


bad_pieces = st.sampled_from(
    ["<!--", "-->", "<!", "<?", ">", "<![CDATA[", "]]>", "<a x='", "'", '"', "<a ", "</a", "<", "&#", "&"]
)


@settings(max_examples=300)
@given(st.lists(st.one_of(st.tuples(tags, words, st.booleans()), bad_pieces), max_size=30))
def test_every_visible_character_maps_to_its_source_whatever_is_left_open(parts):
    source = "".join(
        p if isinstance(p, str) else f"<{p[0]}>{p[1]}" + (f"</{p[0]}>" if p[2] else "") for p in parts
    )
    text, omap, _ = html_to_text(source)
    for m in re.finditer(r"\S", text):
        assert source[omap.to_source(m.start())] == m.group()


def test_an_xml_label_maps_inside_the_source_onto_its_tag():
    import random

    source = "<doc><rptOwnerName>Jane Roe</rptOwnerName></doc>"
    text, omap, _ = html_to_text(source, xml=True)
    assert text == "rptOwnerName: Jane Roe"
    start = omap.to_source(0)
    assert source[start:start + len("rptOwnerName")] == "rptOwnerName"
    rng = random.Random(3)  # generated XML: every text offset maps into the source
    pieces = ["<br/>", "<td>", "</td>", "x", " ", "\n", "<value>", "</value>", "<a>", "</a>", "&amp;", "&#"]
    for _ in range(3000):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        text, omap, _ = html_to_text(source, xml=True)
        assert all(0 <= omap.to_source(t) <= len(source) for t in range(len(text) + 1)), source
