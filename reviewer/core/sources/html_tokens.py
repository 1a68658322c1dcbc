"""The markup tokenizer: start and end tags, text, character and entity references,
comments, declarations, processing instructions and marked sections, each reported to
a handler with its source offset.

It reads markup as the standard library's tolerant HTMLParser does (CPython 3.11's
tokenizer, without character references converted, and a bogus marked section read as
a bogus comment, as browsers do), but it is ours, so that every Python version reads a
file alike, and it is faster where filings spend their time:

* offsets are indexes into the string, never lines and columns counted again;
* one pattern finds a run of text and the common token after it: a start tag of the
  plain shape (a name, then ``name="value"`` attributes), an end tag or a reference;
  any other token falls back to the tolerant patterns, which decide exactly;
* attributes are parsed only when the handler asks (``attributes``): most tags of a
  filing carry a long style the reader has no use for.

The handler is called as ``start(tag, i, end, closed)``, ``end_tag(tag, i)``,
``data(i, j)`` (the text is ``s[i:j]``), ``entity(ref, bare, i)`` and ``skipped(i, j)``
(a comment, declaration, processing instruction or marked section that opens at ``i``
and whose body ends at ``j``). Reading is linear in the size of the input as long as
every construct it opens is closed (the caller appends a sentinel that closes them).
"""

from __future__ import annotations

import html
import re

_ENTITYREF = re.compile("&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]")
_CHARREF = re.compile("&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_INCOMPLETE = re.compile("&[a-zA-Z#]")
_STARTTAGOPEN = re.compile("<[a-zA-Z]")
_COMMENTCLOSE = re.compile(r"--\s*>")
_TAGFIND = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTRFIND = re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)
_LOCATE_STARTTAG_END = re.compile(r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*       # tag name
  (?:[\s/]*                          # optional white space before an attribute name
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*  # attribute name
      (?:\s*=+\s*                    # value indicator
        (?:'[^']*'                   # value in single quotes
          |"[^"]*"                   # value in double quotes
          |(?!['"])[^>\s]*           # bare value
         )
        \s*                          # possibly followed by white space
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*                                # trailing white space
""", re.VERBOSE)
_ENDTAGFIND = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
# The common tokens, whose reading by the tolerant patterns above is plain: a run of text,
# then a start tag (an ASCII name, then attributes each after white space, valued in
# quotes or by a bare word that white space or ">" ends), an end tag ("</name>"), an
# entity or a character reference. Whatever else falls back to the tolerant patterns.
_PLAIN = re.compile(
    r"([^&<]*)(?:<(?:([a-zA-Z][-.:a-zA-Z0-9_]*)"
    r"(?:[ \t\n\r]+[a-zA-Z_:][-.:a-zA-Z0-9_]*(?:=(?:\"[^\"]*\"|'[^']*'|[-.:a-zA-Z0-9_%#]+(?=[ \t\n\r>])))?)*"
    r"[ \t\n\r]*(/?)>|/([a-zA-Z][-.a-zA-Z0-9:_]*)[ \t\n\r]*>)"
    r"|&(?:([a-zA-Z][-.a-zA-Z0-9]*)(?=[^a-zA-Z0-9])(;?)|#([0-9]+|[xX][0-9a-fA-F]+)(?=[^0-9a-fA-F])(;?)))?"
)
_DECLNAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_MARKED_CLOSE = re.compile(r"]\s*]\s*>")
_MS_MARKED_CLOSE = re.compile(r"]\s*>")
_VERBATIM = ("script", "style")  # their content is text up to their end tag
_VERBATIM_END = {tag: re.compile(r"</\s*%s\s*>" % tag, re.I) for tag in _VERBATIM}


def attributes(s: str, i: int, end: int) -> list[tuple[str, str | None]]:
    """The attributes of the start tag ``s[i:end]``: (lower-case name, decoded value or None)."""
    return _attributes(s, i, end)[0]


def _attributes(s, i, end):
    k = _TAGFIND.match(s, i + 1).end()
    attrs = []
    while k < end:
        m = _ATTRFIND.match(s, k)
        if not m:
            break
        name, rest, value = m.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        if value:
            value = html.unescape(value)
        attrs.append((name.lower(), value))
        k = m.end()
    return attrs, k


def _whole_starttag_end(s, i):
    """Where the start tag at ``i`` ends, or -1 when the input ends inside it."""
    j = _LOCATE_STARTTAG_END.match(s, i).end()
    nxt = s[j : j + 1]
    if nxt == ">":
        return j + 1
    if nxt == "/":
        if s.startswith("/>", j):
            return j + 2
        return -1  # a "/" the tolerant pattern left: only at the end of the input
    if nxt == "" or nxt in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/":
        return -1  # the input ends in or before an attribute value
    return j if j > i else i + 1


def _bogus_comment(s, i, h):
    pos = s.find(">", i + 2)
    if pos == -1:
        return -1
    h.skipped(i, pos)
    return pos + 1


def _declaration(s, i, h):
    if s.startswith("<!--", i):
        return _comment(s, i, h)
    if s.startswith("<![", i):
        return _marked_section(s, i, h)
    if s[i : i + 9].lower() == "<!doctype":
        gt = s.find(">", i + 9)
        if gt == -1:
            return -1
        h.skipped(i, gt)
        return gt + 1
    return _bogus_comment(s, i, h)


def _comment(s, i, h):
    m = _COMMENTCLOSE.search(s, i + 4)
    if not m:
        return -1
    h.skipped(i, m.start())
    return m.end()


def _marked_section(s, i, h):
    # "<![" and a keyword; an unknown keyword (or none) makes a bogus comment, as in a browser
    if i + 3 == len(s):
        return -1
    m = _DECLNAME.match(s, i + 3)
    if not m:
        return _bogus_comment(s, i, h)
    if m.end() == len(s):
        return -1
    name = m.group().strip().lower()
    if name in ("temp", "cdata", "ignore", "include", "rcdata"):
        close = _MARKED_CLOSE.search(s, i + 3)
    elif name in ("if", "else", "endif"):
        close = _MS_MARKED_CLOSE.search(s, i + 3)
    else:
        return _bogus_comment(s, i, h)
    if not close:
        return -1
    h.skipped(i, close.start())
    return close.end()


_pi = _bogus_comment  # "<?...>" ends at the next ">" as a bogus comment "<!...>" does


def tokenize(s: str, h) -> None:
    """Read all of ``s``, calling the handler ``h`` for what it finds."""
    n = len(s)
    i = 0
    final = False  # the tolerant parser's second pass, which reads an unfinished construct as text
    verbatim = None  # "script" or "style" while inside one
    data, start, end_tag, entity = h.data, h.start, h.end_tag, h.entity
    plain = _PLAIN.match
    while True:
        while i < n:
            if verbatim:
                m = _VERBATIM_END[verbatim].search(s, i)
                if not m:
                    break
                j = m.start()
                if i < j:
                    data(i, j)
                i = j
            else:
                m = plain(s, i)
                j = m.end(1)
                if i < j:
                    data(i, j)
                i = j
                kind = m.lastindex
                if kind == 3:  # a plain start tag
                    k = m.end()
                    tag = m.group(2).lower()
                    if m.group(3):
                        start(tag, i, k, True)
                    else:
                        start(tag, i, k, False)
                        if tag in _VERBATIM:
                            verbatim = tag
                    i = k
                    continue
                if kind == 4:  # a plain end tag
                    end_tag(m.group(4).lower(), i)
                    i = m.end()
                    continue
                if kind == 6:  # an entity reference
                    name = m.group(5)
                    entity(f"&{name};", f"&{name}", i)
                    i = m.end()
                    continue
                if kind == 8:  # a character reference
                    name = m.group(7)
                    entity(f"&#{name};", f"&#{name}", i)
                    i = m.end()
                    continue
                if i == n:
                    break
            c = s[i + 1 : i + 2]
            if s[i] == "<":
                if c.isascii() and c.isalpha():
                    k = _whole_starttag_end(s, i)
                    if k >= 0:
                        a = _attributes(s, i, k)[1]  # where the attributes end
                        tag = _TAGFIND.match(s, i + 1).group(1).lower()
                        tail = s[a:k].strip()
                        if tail not in (">", "/>"):
                            data(i, k)
                        elif tail == "/>":
                            start(tag, i, k, True)
                        else:
                            start(tag, i, k, False)
                            if tag in _VERBATIM:
                                verbatim = tag
                elif c == "/":
                    k = _end_tag(s, i, h, verbatim)
                    if k < -1:  # the end of the verbatim element
                        k = -k
                        verbatim = None
                elif c == "!":
                    k = _declaration(s, i, h)
                elif c == "?":
                    k = _pi(s, i, h)
                elif i + 1 < n:
                    data(i, i + 1)
                    k = i + 1
                else:
                    break
                if k < 0:
                    if not final:
                        break
                    k = s.find(">", i + 1)
                    if k < 0:
                        k = s.find("<", i + 1)
                        if k < 0:
                            k = i + 1
                    else:
                        k += 1
                    data(i, k)
                i = k
            elif c == "#":
                m = _CHARREF.match(s, i)
                if m:
                    k = m.end()
                    ref = m.group()
                    if ref[-1] != ";":
                        k -= 1
                    entity("&#" + ref[2:-1] + ";", "&#" + ref[2:-1], i)
                    i = k
                    continue
                if ";" in s[i:]:  # a bare "&#" is text
                    data(i, i + 2)
                    i += 2
                break
            else:
                m = _ENTITYREF.match(s, i)
                if m:
                    name = m.group(1)
                    k = m.end()
                    if s[k - 1] != ";":
                        k -= 1
                    entity(f"&{name};", f"&{name}", i)
                    i = k
                    continue
                m = _INCOMPLETE.match(s, i)
                if m:
                    if final and m.group() == s[i:]:
                        i += 1
                    break
                if i + 1 < n:
                    data(i, i + 1)
                    i += 1
                else:
                    break
        if final or i >= n:
            break
        final = True
    if i < n and not verbatim:
        data(i, n)


def _end_tag(s, i, h, verbatim):
    """Read the end tag at ``i``: where it ends, -1 if unfinished, or minus where it ends
    when it closes the verbatim element."""
    gt = s.find(">", i + 1)
    if gt < 0:
        return -1
    gtpos = gt + 1
    m = _ENDTAGFIND.match(s, i)
    if not m:
        if verbatim is not None:
            h.data(i, gtpos)
            return gtpos
        name = _TAGFIND.match(s, i + 2)
        if not name:
            if s.startswith("</>", i):
                return i + 3
            return _bogus_comment(s, i, h)
        h.end_tag(name.group(1).lower(), i)
        return s.find(">", name.end()) + 1
    tag = m.group(1).lower()
    if verbatim is not None and tag != verbatim:
        h.data(i, gtpos)
        return gtpos
    h.end_tag(tag, i)
    return -gtpos if verbatim is not None else gtpos
