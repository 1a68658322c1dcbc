"""EDGAR full-submission SGML (.txt / .nc): the header and every <DOCUMENT>.

The primary document and EX-99.* exhibits become documents of one filing; other
parts (graphics, uuencoded binaries, PDFs, zip files, XBRL and XML attachments,
other exhibits) are skipped, each with its reason.

Reading is linear in the size of the submission, whatever it holds: an opener
(<SEC-HEADER>, <DOCUMENT>, <TEXT>) is matched with its closer by one forward search,
never by rescanning the rest of the file from every opener, and values are trimmed
with str.rstrip rather than by patterns that rescan runs of white space.
"""

from __future__ import annotations

import re

from reviewer.core.model import FilingMetadata, SkippedPart, SourceDocument, SourceFiling
from reviewer.core.edgar_items import item_number
from reviewer.core.sources.errors import SourceError
from reviewer.core.sources.html import read_markup
from reviewer.core.sources.marked import looks_marked, read_marked
from reviewer.core.sources.text import read_text

_MARKERS = re.compile(r"<(SEC-DOCUMENT|SEC-HEADER|IMS-HEADER|IMS-DOCUMENT)>", re.I)
_HEADER_OPEN = re.compile(r"<(SEC-HEADER|IMS-HEADER)>", re.I)
_HEADER_CLOSE = re.compile(r"</(SEC-HEADER|IMS-HEADER)>", re.I)
_DOC_OPEN = re.compile(r"^<DOCUMENT>", re.M | re.I)
_DOC_START = re.compile(r"^<DOCUMENT>[ \t]*\r?\n", re.M | re.I)
_DOC_END = re.compile(r"^</DOCUMENT>", re.M | re.I)
_TAG_LINE = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*(.*)$", re.M | re.I)
_TEXT_START = re.compile(r"<TEXT>[ \t]*\r?\n?", re.I)
_TEXT_END = re.compile(r"</TEXT>", re.I)
_WRAPPER_START = re.compile(r"\s*<(XBRL|XML|PDF)>", re.I)
_HEADER_LINE = re.compile(r"^(\t*)([A-Z][A-Z0-9 ()/&.,'-]*?):[ \t]*(.*)$")
_BINARY_EXT = re.compile(
    r"\.(jpe?g|gif|png|bmp|tiff?|pdf|zip|xlsx?|docx?|pptx?|xsd|js|css|json|xbrl)$", re.I
)
_SECTIONS_FOR_COMPANY = ("ISSUER", "FILER", "SUBJECT COMPANY", "FILED BY")


def looks_like_sgml(head: str) -> bool:
    """True when the start of a file is an EDGAR submission."""
    if _MARKERS.search(head):
        return True
    return bool(re.search(r"^<DOCUMENT>\s*\n<TYPE>", head, re.M | re.I))


def _iso(date: str | None) -> str | None:
    if date and re.fullmatch(r"\d{8}", date):
        return f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return date or None


def _find_header(source: str) -> tuple[int, int] | None:
    """Where the header's text lies: the first <SEC-HEADER> or <IMS-HEADER> that is
    closed, up to its nearest closer (what ``<(X)>(.*?)</\\1>`` finds, without
    rescanning the file from every unclosed opener)."""
    last_close: dict[str, int] = {}
    for m in _HEADER_CLOSE.finditer(source):
        last_close[m.group(1).upper()] = m.start()
    if not last_close:
        return None
    final = max(last_close.values())
    for m in _HEADER_OPEN.finditer(source):
        if m.end() > final:
            return None
        name = m.group(1).upper()
        if last_close.get(name, -1) >= m.end():
            close = re.compile(f"</{name}>", re.I).search(source, m.end())
            return m.end(), close.start()
    return None


def _documents(source: str):
    """The bodies of the <DOCUMENT> blocks, as ``^<DOCUMENT>[ \\t]*\\r?\\n(.*?)^</DOCUMENT>``
    (multiline, dot-all) finds them; once an opener has no closer after it, none has."""
    ends = [m.start() for m in _DOC_END.finditer(source)]
    k = 0  # ends[k] is the first closer not yet passed
    pos = 0
    while True:
        start = _DOC_START.search(source, pos)
        if not start:
            return
        while k < len(ends) and ends[k] < start.end():
            k += 1
        if k == len(ends):
            return
        yield source[start.end() : ends[k]]
        pos = ends[k] + len("</DOCUMENT>")


def _text_body(inner: str) -> str | None:
    """What ``<TEXT>[ \\t]*\\r?\\n?(.*?)</TEXT>`` captures: the first <TEXT> (all later
    ones come after it too) up to the nearest </TEXT>."""
    start = _TEXT_START.search(inner)
    if not start:
        return None
    end = _TEXT_END.search(inner, start.end())
    return inner[start.end() : end.start()] if end else None


def _tag_value(value: str) -> str:
    """A tag line's value without the trailing blanks (and CR) of its line."""
    if value.endswith("\r"):
        value = value[:-1]
    return value.rstrip(" \t")


def _unwrap(body: str) -> tuple[str, int] | None:
    """The content of a body wrapped whole in <XBRL>, <XML> or <PDF>, and its offset:
    what ``^\\s*<(X)>\\s*(.*?)\\s*</\\1>\\s*$`` (dot-all) captures, in linear time."""
    m = _WRAPPER_START.match(body)
    if not m:
        return None
    stripped = body.rstrip()
    closer = re.compile(f"</{m.group(1)}>", re.I)  # the same name, in any case
    close_at = len(stripped) - len(m.group(1)) - 3
    if close_at < m.end() or not closer.fullmatch(stripped, close_at):
        return None
    start = close_at - len(body[m.end() : close_at].lstrip())
    end = max(start, len(body[:close_at].rstrip()))
    return body[start:end], start


def parse_header(header: str) -> FilingMetadata:
    values: dict[str, object] = {}
    sections: dict[str, dict[str, str]] = {}
    section = None
    titles: list[str] = []
    for line in header.splitlines():
        m = _HEADER_LINE.match(line)
        if not m:
            continue
        indent, key, value = m.groups()
        key = key.strip()
        value = value.rstrip()
        if not indent and not value:
            section = key
            sections.setdefault(section, {})
            continue
        if not indent:
            section = None
            if key == "ITEM INFORMATION":
                if value:
                    titles.append(value)
                continue
            values.setdefault(key, value)
        elif section is not None:
            sections[section].setdefault(key, value)
    company = cik = None
    for name in _SECTIONS_FOR_COMPANY:
        data = sections.get(name)
        if data and data.get("COMPANY CONFORMED NAME"):
            company = data["COMPANY CONFORMED NAME"]
            cik = data.get("CENTRAL INDEX KEY")
            break
    items = []
    for title in titles:
        number = item_number(title)
        if number and number not in items:
            items.append(number)
    values["sections"] = sections
    return FilingMetadata(
        accession=values.get("ACCESSION NUMBER") or None,
        cik=cik,
        form_type=values.get("CONFORMED SUBMISSION TYPE") or None,
        filed_date=_iso(values.get("FILED AS OF DATE")),
        period=_iso(values.get("CONFORMED PERIOD OF REPORT")),
        company=company,
        items=items,
        item_titles=titles,
        header=values,
    )


def _skip_reason(part: str, filename: str | None, body: str, primary: bool) -> str | None:
    kind = part.upper()
    stripped = body.lstrip()[:200]
    if re.match(r"begin [0-7]{3} ", stripped):
        return "uuencoded binary"
    if stripped.upper().startswith("<PDF>") or kind == "PDF":
        return "PDF"
    if kind.startswith("EX-101") or kind == "XML":
        return f"XBRL/XML attachment ({filename or kind})"
    if kind in ("GRAPHIC", "ZIP", "EXCEL", "JSON"):
        return f"{kind.lower()} ({filename or kind})"
    if filename and _BINARY_EXT.search(filename):
        return f"attachment ({filename})"
    if primary or kind.startswith("EX-99"):
        return None
    return f"exhibit {kind} not reviewed (only the primary document and EX-99 are)"


def _read_body(body: str, encoding: str) -> SourceDocument:
    inner, offset = body, 0
    unwrapped = _unwrap(body)
    if unwrapped:
        inner, offset = unwrapped
    head = inner[:4096].lower()
    if looks_marked(inner):  # old ASCII filings: text with <PAGE>, <S>, <C>, <TABLE>... markers
        doc = read_marked(inner, encoding)
    elif "<html" in head or "<body" in head or re.search(r"<(div|p|table|font)\b", head):
        doc = read_markup(inner, encoding)
    elif head.lstrip().startswith("<?xml") or re.match(r"\s*<[a-z]", head):
        doc = read_markup(inner, encoding, xml=True)
    else:
        doc = read_text(inner, encoding)
    # the document's source is the whole <TEXT> body: map into it
    doc.offset_map = doc.offset_map.shifted(offset)
    doc.source = body
    return doc


def read_submission(path: str, source: str, encoding: str) -> SourceFiling:
    header = _find_header(source)
    if _MARKERS.search(source[:65536]) and not header:
        raise SourceError("truncated SGML: the submission header is not closed (</SEC-HEADER>)")
    metadata = parse_header(source[header[0] : header[1]]) if header else FilingMetadata()
    opened = sum(1 for _ in _DOC_OPEN.finditer(source))
    blocks = list(_documents(source))
    if opened == 0:
        raise SourceError("SGML submission without any <DOCUMENT>")
    if len(blocks) != opened:
        raise SourceError(
            f"truncated SGML: {opened} <DOCUMENT> opened, {len(blocks)} closed"
        )
    documents: list[SourceDocument] = []
    skipped: list[SkippedPart] = []
    for index, inner in enumerate(blocks):
        head = inner.split("<TEXT>", 1)[0]
        tags = {k.upper(): _tag_value(v) for k, v in _TAG_LINE.findall(head)}
        part = tags.get("TYPE") or "UNKNOWN"
        filename = tags.get("FILENAME") or None
        body = _text_body(inner)
        if body is None:
            raise SourceError(f"truncated SGML: document {index + 1} ({part}) has no closed <TEXT>")
        reason = _skip_reason(part, filename, body, primary=index == 0)
        if reason:
            skipped.append(SkippedPart(part, filename, reason))
            continue
        doc = _read_body(body, encoding)
        if not doc.text.strip():
            skipped.append(SkippedPart(part, filename, "no visible text"))
            continue
        doc.part = part
        doc.sequence = int(tags["SEQUENCE"]) if tags.get("SEQUENCE", "").isdigit() else index + 1
        doc.filename = filename
        doc.description = tags.get("DESCRIPTION") or None
        documents.append(doc)
    if not documents:
        raise SourceError("no reviewable document in the submission")
    return SourceFiling(path, "edgar" if header else "file", metadata, documents, skipped)
