"""EDGAR full-submission SGML (.txt / .nc): the header and every <DOCUMENT>.

The primary document and EX-99.* exhibits become documents of one filing; other
parts (graphics, uuencoded binaries, PDFs, zip files, XBRL and XML attachments,
other exhibits) are skipped, each with its reason.
"""

from __future__ import annotations

import re

from reviewer.core.model import FilingMetadata, SkippedPart, SourceDocument, SourceFiling
from reviewer.core.edgar_items import item_number
from reviewer.core.sources.errors import SourceError
from reviewer.core.sources.html import read_markup
from reviewer.core.sources.text import read_text

_MARKERS = re.compile(r"<(SEC-DOCUMENT|SEC-HEADER|IMS-HEADER|IMS-DOCUMENT)>", re.I)
_HEADER = re.compile(r"<(SEC-HEADER|IMS-HEADER)>(.*?)</\1>", re.S | re.I)
_DOC_OPEN = re.compile(r"^<DOCUMENT>", re.M | re.I)
_DOC = re.compile(r"^<DOCUMENT>[ \t]*\r?\n(.*?)^</DOCUMENT>", re.S | re.M | re.I)
_TAG_LINE = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*(.*?)[ \t]*\r?$", re.M | re.I)
_TEXT = re.compile(r"<TEXT>[ \t]*\r?\n?(.*?)</TEXT>", re.S | re.I)
_WRAPPER = re.compile(r"^\s*<(XBRL|XML|PDF)>\s*(.*?)\s*</\1>\s*$", re.S | re.I)
_HEADER_LINE = re.compile(r"^(\t*)([A-Z][A-Z0-9 ()/&.,'-]*?):[ \t]*(.*?)\s*$")
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
    m = _WRAPPER.match(body)
    if m:
        inner, offset = m.group(2), m.start(2)
    head = inner[:4096].lower()
    if "<html" in head or "<body" in head or re.search(r"<(div|p|table|font)\b", head):
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
    header_match = _HEADER.search(source)
    if _MARKERS.search(source[:65536]) and not header_match:
        raise SourceError("truncated SGML: the submission header is not closed (</SEC-HEADER>)")
    metadata = parse_header(header_match.group(2)) if header_match else FilingMetadata()
    opened = len(_DOC_OPEN.findall(source))
    blocks = list(_DOC.finditer(source))
    if opened == 0:
        raise SourceError("SGML submission without any <DOCUMENT>")
    if len(blocks) != opened:
        raise SourceError(
            f"truncated SGML: {opened} <DOCUMENT> opened, {len(blocks)} closed"
        )
    documents: list[SourceDocument] = []
    skipped: list[SkippedPart] = []
    for index, block in enumerate(blocks):
        inner = block.group(1)
        tags = {k.upper(): v for k, v in _TAG_LINE.findall(inner.split("<TEXT>", 1)[0])}
        part = tags.get("TYPE") or "UNKNOWN"
        filename = tags.get("FILENAME") or None
        text_match = _TEXT.search(inner)
        if not text_match:
            raise SourceError(f"truncated SGML: document {index + 1} ({part}) has no closed <TEXT>")
        body = text_match.group(1)
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
    return SourceFiling(path, "edgar" if header_match else "file", metadata, documents, skipped)
