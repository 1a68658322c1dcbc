"""Readers: turn a file on disk into a SourceFiling, detecting its format by content.

Formats: plain text (also old EDGAR text with <PAGE>-style markers), HTML / XHTML /
inline XBRL, XML (e.g. a bare Form 4), EDGAR full-submission SGML, and Markdown
(by suffix: .md, .markdown). ``read_file`` raises SourceError with a one-line
reason for anything it cannot read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reviewer.core.model import FilingMetadata, SourceFiling
from reviewer.core.sources.errors import SourceError
from reviewer.core.sources.html import read_markup
from reviewer.core.sources.marked import looks_marked, read_marked
from reviewer.core.sources.sgml import looks_like_sgml, read_submission
from reviewer.core.sources.text import binary_reason, decode, read_text

__all__ = ["SourceError", "detect_format", "read_bytes", "read_file", "DEFAULT_MAX_BYTES", "MARKDOWN_SUFFIXES"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_HTML_HINT = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<(div|p|table|font|span)[\s>]", re.I)
_XML_HINT = re.compile(r"^\s*<\?xml|^\s*<[A-Za-z][\w:.-]*[\s>]", re.S)


def detect_format(text_head: str) -> str:
    """"sgml", "marked" (text with old EDGAR markers), "html", "xml" or "text", from the
    first few KB of decoded text."""
    if looks_like_sgml(text_head):
        return "sgml"
    if looks_marked(text_head):
        return "marked"
    if _HTML_HINT.search(text_head):
        return "html"
    if _XML_HINT.match(text_head):
        return "xml"
    return "text"


def read_bytes(path: str, data: bytes) -> SourceFiling:
    if not data.strip():
        raise SourceError("empty file")
    reason = binary_reason(data)
    if reason:
        raise SourceError(reason)
    source, encoding = decode(data)
    if not source.strip():
        raise SourceError("empty file")
    fmt = detect_format(source[:8192])
    if fmt == "sgml":
        return read_submission(path, source, encoding)
    if os.path.splitext(path)[1].lower() in MARKDOWN_SUFFIXES:
        from reviewer.core.sources.markdown import read_markdown  # its patterns compile on first use

        fmt = "markdown"
        doc = read_markdown(source, encoding)
    elif fmt == "text":
        doc = read_text(source, encoding)
    elif fmt == "marked":
        fmt = "text"
        doc = read_marked(source, encoding)
    else:
        doc = read_markup(source, encoding, xml=fmt == "xml")
    if not doc.text.strip():
        raise SourceError(f"no visible text in the {'Markdown' if fmt == 'markdown' else fmt.upper()}")
    doc.filename = os.path.basename(path)
    return SourceFiling(path, "file", FilingMetadata(), [doc])


def read_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFiling:
    """Read one file; SourceError says why when it cannot be ingested."""
    p = Path(os.path.abspath(path))
    try:
        st = p.stat()
    except OSError as err:
        raise SourceError(_os_reason(err)) from None
    if not p.is_file():
        raise SourceError("not a regular file")
    if st.st_size > max_bytes:
        raise SourceError(
            f"file too large: {st.st_size / 1e6:.1f} MB over the limit of {max_bytes / 1e6:.1f} MB"
        )
    try:
        data = p.read_bytes()
    except OSError as err:
        raise SourceError(_os_reason(err)) from None
    return read_bytes(str(p), data)


def _os_reason(err: OSError) -> str:
    import errno

    if err.errno == errno.ELOOP:
        return "symlink loop"
    if err.errno == errno.ENOENT:
        return "unreadable file: it does not exist (broken link?)"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "unreadable file: permission denied"
    return f"unreadable file: {err.strerror or err}"
