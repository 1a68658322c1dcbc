"""Decoding bytes to text and reading plain-text files."""

from __future__ import annotations

import codecs
import re

from reviewer.core.model import OffsetMap, SourceDocument
from reviewer.core.sources.errors import SourceError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, LF, VT, FF, CR and ESC are rare in text and common in binaries.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 27))
_NEWLINES = re.compile(r"\r\n?")


def sniff_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


_BINARY = "binary file (not text, HTML or an EDGAR submission)"


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text in any encoding we read (UTF-16 needs a BOM), or None.

    A NUL byte anywhere makes a file binary: text, HTML and EDGAR documents have no
    use for one, so it marks a binary file or a damaged one (a download cut short
    and padded with zeros, say), and dropping NULs quietly would hide that damage.
    The whole file is searched (one fast linear scan), not only its start. Other
    control characters are judged on the first 8 KB.
    """
    if sniff_bom(data) in ("utf-16", "utf-32"):
        return None
    nul = data.find(b"\x00")
    if nul >= 0:
        return f"{_BINARY}: a NUL byte at offset {nul}"
    head = data[:8192]
    if not head:
        return None
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return _BINARY if controls / len(head) > 0.05 else None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (UTF-16 needs a BOM)."""
    return binary_reason(data) is not None


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as text: BOM-marked UTF-8/16/32, else UTF-8, else cp1252.

    Returns (text, encoding name). Raises SourceError for bytes none of these read,
    and for UTF-16/32 text with a NUL character (see ``binary_reason``).
    """
    bom = sniff_bom(data)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as err:
            raise SourceError(f"undecodable bytes: not valid {bom} at byte {err.start}") from None
        nul = text.find("\x00")  # UTF-16/32 text has NUL bytes, but no NUL characters
        if nul >= 0:
            raise SourceError(f"{_BINARY}: a NUL character at character {nul}")
        return text, bom
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise SourceError(
                f"undecodable bytes: neither UTF-8 (byte {utf8_err.start}) nor cp1252"
            ) from None


def normalize_newlines(source: str) -> tuple[str, OffsetMap]:
    """CRLF and CR become LF; the map leads each text offset back to ``source``."""
    omap = OffsetMap.identity()
    if "\r" not in source:
        return source, omap
    parts = []
    pos = 0
    removed = 0
    for m in _NEWLINES.finditer(source):
        parts.append(source[pos : m.start()])
        parts.append("\n")
        removed += len(m.group()) - 1
        pos = m.end()
        omap.add(pos - removed, pos)
    parts.append(source[pos:])
    return "".join(parts), omap


def read_text(source: str, encoding: str) -> SourceDocument:
    text, omap = normalize_newlines(source)
    return SourceDocument(
        text=text, source=source, source_format="text", offset_map=omap, encoding=encoding
    )
