"""Cross-field checks recomputed from the reviewed values.

Extraction computes a document's checks from its candidates; once a reviewer edits,
rejects or adds a field that a check reads, the check is computed again from the
fields as they now stand (rejected ones and "not in document" marks left out).
"""

from __future__ import annotations

from reviewer.core.extract import deal
from reviewer.core.extract.base import Candidate
from reviewer.core.model import Check, Field

# the labels the checks read (see deal.checks)
CHECKED_LABELS = frozenset({"shares_sold", "offering_price", "gross_proceeds", "commission", "net_proceeds",
                            "report_date"})
_SIGNATURE_CHECK = "report_before_signature"


def reads(labels) -> bool:
    """Whether a change to fields of these labels can change a check."""
    return not CHECKED_LABELS.isdisjoint(labels)


def recheck(fields: list[Field], previous: list[Check]) -> list[Check]:
    """The checks of a document whose fields are ``fields`` (any order), given the checks
    stored before (they keep the signature date, which no field holds)."""
    found: dict[str, list[Candidate]] = {}
    for f in sorted(fields, key=lambda f: (f.start, f.end, f.id or 0)):
        if f.label in CHECKED_LABELS and f.status not in ("rejected", "absent") and f.value is not None:
            found.setdefault(f.label, []).append(
                Candidate(f.label, f.start, f.end, f.value, f.confidence or 1.0, f.extractor or ""))
    signed = signature_date(previous)
    checks = deal.checks(found, signed)
    for check in checks:
        if check["name"] == _SIGNATURE_CHECK:
            check["signature_date"] = signed
    if signed and not any(c["name"] == _SIGNATURE_CHECK for c in checks):
        # no report date now (rejected): the check is unknown, and keeps the date for later
        checks.append({"name": _SIGNATURE_CHECK, "description": "report date is not after the signature date",
                       "ok": None, "expected": f"≤ {signed}", "actual": None, "spans": [],
                       "signature_date": signed})
    return [Check.from_dict(c) for c in checks]


def signature_date(checks: list[Check]) -> str | None:
    for check in checks or []:
        if check.name == _SIGNATURE_CHECK:
            if check.signature_date:
                return check.signature_date
            expected = check.expected or ""  # "≤ 2021-03-30", as extraction writes it
            return expected[-10:] if len(expected) >= 10 else None
    return None
