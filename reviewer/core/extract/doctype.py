"""The document type of a document: from the EDGAR header when present, else the text."""

from __future__ import annotations

import re

_FORMS = (
    (re.compile(r"^8-K"), "8-K"),
    (re.compile(r"^10-K"), "10-K"),
    (re.compile(r"^10-Q"), "10-Q"),
    (re.compile(r"^4(/A)?$"), "4"),
    (re.compile(r"^EX-99"), "press_release"),
)
_TEXT_FORMS = re.compile(
    r"\bFORM\s+(8-K|10-K|10-Q)\b|(?P<own><ownershipDocument>|documentType:\s*4\b|\bFORM\s+4\b)",
    re.I,
)
_PRESS = re.compile(
    r"/\s*PRNewswire|\(\s*BUSINESS\s+WIRE\s*\)|\bGLOBE\s*NEWSWIRE\b|\bACCESSWIRE\b|"
    r"\bFOR\s+IMMEDIATE\s+RELEASE\b|\bNEWS\s+RELEASE\b|\bPRESS\s+RELEASE\b|^[^\S\n]*Exhibit\s+99",
    re.I | re.M,
)


def classify(part: str | None, form_type: str | None, text: str) -> str:
    """One of 8-K, 10-K, 10-Q, press_release, 4, other."""
    for name in (part, form_type if not part else None):
        if name:
            name = name.strip().upper()
            for pattern, doc_type in _FORMS:
                if pattern.search(name):
                    return doc_type
    head = text[:5000]
    press = _PRESS.search(head)
    m = _TEXT_FORMS.search(head)
    if press and (not m or press.start() < m.start()):
        return "press_release"
    if m:
        return "4" if m.group("own") else m.group(1).upper()
    return "other"
