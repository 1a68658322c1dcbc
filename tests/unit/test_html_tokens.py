"""The markup tokenizer: its quick pattern for common tokens agrees with the tolerant
patterns, attributes are read as HTMLParser reads them, and well-formed markup gives
the standard parser's tokens."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.sources import html_tokens
from reviewer.core.sources.html import html_to_text
from reviewer.core.sources.html_rules import may_hide


class Recorder:
    def __init__(self, s):
        self.s = s
        self.events = []

    def start(self, tag, i, end, closed):
        self.events.append(("start", tag, i, end, closed))

    def end_tag(self, tag, i):
        self.events.append(("end", tag, i))

    def data(self, i, j):
        if self.events and self.events[-1][0] == "data" and self.events[-1][2] == i:
            i = self.events.pop()[1]  # one run of text, however it was split
        self.events.append(("data", i, j))

    def entity(self, ref, bare, i):
        self.events.append(("entity", ref, i))

    def skipped(self, i, j):
        self.events.append(("skipped", i, j))


def tokens(s):
    r = Recorder(s)
    html_tokens.tokenize(s, r)
    return r.events


def test_attributes_are_read_as_html_parser_reads_them():
    s = "<a B=\"x &amp; y\" c d='e' f=g h = \"i\" j=>"
    assert html_tokens.attributes(s, 0, len(s)) == [
        ("b", "x & y"), ("c", None), ("d", "e"), ("f", "g"), ("h", "i"), ("j", "")
    ]


def test_a_self_closing_tag_and_a_bare_value_ending_in_a_slash():
    assert tokens("<br/><a href=x/>") == [("start", "br", 0, 5, True), ("start", "a", 5, 16, False)]


def test_script_content_is_text_up_to_its_end_tag():
    assert tokens("<script>a<b>&amp;</p></script >c") == [
        ("start", "script", 0, 8, False), ("data", 8, 21), ("end", "script", 21), ("data", 31, 32)
    ]


@pytest.mark.parametrize("style", ["display:none", "DISPLAY : NONE", "visibility:hidden", "display&#58;none",
                                   "diſplay:none", "dısplay:none"])
def test_a_hiding_style_however_written_hides_its_element(style):
    text, _, _ = html_to_text(f'<p>a<span style="{style}">b</span>c</p>')
    assert text == "ac"


def test_the_hidden_attribute_in_any_case_hides_its_element():
    text, _, _ = html_to_text("<p>a<b hidden>b</b><i HIDDEN=x>c</i>d</p>")
    assert text == "ad"


names = st.sampled_from(["a", "div", "ix:nonNumeric", "x.y-z_1", "A1", "td"])
spaces = st.sampled_from([" ", "\t", "\n", "\r\n", "  ", "\x0b", "\xa0", "\f", ""])
values = st.sampled_from(['"v"', "'v'", "v", '"a>b"', "'x\"y'", "1%", "#f", "x/", '""', "", "a=b", "`x`", "\u00e9"])
attr_names = st.sampled_from(["style", "id", "x:y", "_a", "a-b", "B", "=", "\"q", "é", "/"])


@st.composite
def start_tags(draw):
    tag = "<" + draw(names)
    for _ in range(draw(st.integers(0, 4))):
        tag += draw(spaces) + draw(attr_names)
        if draw(st.booleans()):
            tag += draw(st.sampled_from(["=", " = ", "=="])) + draw(values)
    return tag + draw(spaces) + draw(st.sampled_from([">", "/>", " />", "/ >", ""])) + draw(st.sampled_from(["", "x", ">", "<p>"]))


@settings(max_examples=500)
@given(start_tags())
def test_the_quick_pattern_reads_a_start_tag_as_the_tolerant_patterns_do(tag):
    s = tag + "\"'\"'>-->]]>"
    m = html_tokens._PLAIN.match(s)
    if m.lastindex != 3:
        return  # not a plain start tag: the tolerant patterns alone read it
    end = html_tokens._whole_starttag_end(s, 0)
    _, after_attributes = html_tokens._attributes(s, 0, end)
    assert end == m.end()
    assert html_tokens._TAGFIND.match(s, 1).group(1) == m.group(2)
    assert (s[after_attributes:end].strip() == "/>") == bool(m.group(3))


@settings(max_examples=300)
@given(st.lists(st.one_of(start_tags(), st.sampled_from(["a", " ", "\n", "&amp;", "&#38;", "&#x26;", "&bogus;", "&x ",
                                                         "</a>", "</ a >", "</a b>", "<!-- c -->", "<!DOCTYPE html>",
                                                         "<?pi?>", "<![CDATA[x]]>", "<", "&", "&#", ";"])), max_size=12))
def test_text_maps_back_to_the_source_whatever_the_tags(parts):
    source = "".join(parts)
    text, omap, _ = html_to_text(source)
    for m in re.finditer(r"\S", text):
        assert source[omap.to_source(m.start())] == m.group()


class StandardRecorder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.events = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, self._at(), self._at() + len(self.get_starttag_text()), False))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("start", tag, self._at(), self._at() + len(self.get_starttag_text()), True))

    def handle_endtag(self, tag):
        self.events.append(("end", tag, self._at()))

    def handle_data(self, data):
        i = self._at()
        if self.events and self.events[-1][0] == "data" and self.events[-1][2] == i:
            i = self.events.pop()[1]
        self.events.append(("data", i, self._at() + len(data)))

    def handle_entityref(self, name):
        self.events.append(("entity", f"&{name};", self._at()))

    def handle_charref(self, name):
        self.events.append(("entity", f"&#{name};", self._at()))

    def _at(self):
        line, col = self.getpos()
        return sum(len(x) + 1 for x in self.rawdata_lines[: line - 1]) + col


words = st.sampled_from(["Item 8.01", " ", "\n", "Acme, Inc.", "&amp;", "&#8217;", "&#x2014;", "&nbsp;", "$4,307"])
plain_attrs = st.sampled_from(["", ' style="font-weight:bold"', " id='x1'", " colspan=2", ' name="dei:X" contextRef="c"'])


@st.composite
def documents(draw):
    out = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(["p", "div", "span", "td", "tr", "b", "ix:nonNumeric"]))
        out.append(f"<{tag}{draw(plain_attrs)}>" + draw(words) + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(out) + "."


@settings(max_examples=200)
@given(documents())
def test_well_formed_markup_gives_the_standard_parsers_tokens(source):
    standard = StandardRecorder()
    standard.rawdata_lines = source.split("\n")
    standard.feed(source)
    standard.close()
    ours = [e for e in tokens(source)]
    assert ours == standard.events


def test_may_hide_finds_every_tag_that_could_hide():
    for tag in ['<p style="display:none">', "<p HIDDEN>", '<p style="a&#58;b">', '<p style="visibility:hidden">',
                '<p style="diſplay:none">']:
        assert may_hide(tag, 0, len(tag))
    assert not may_hide('<td style="padding:2px;width:10%">', 0, 34)
