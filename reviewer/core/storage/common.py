"""What every part of the storage package shares: errors, timestamps, JSON values, column lists."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Any

from reviewer.core.model import Field


class StorageError(Exception):
    """A database that cannot be used; the message says why."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# the columns Documents and Fields read back, in the order their row converters expect
DOC_COLUMNS = (
    "id, filing_id, seq, part, doc_type, filename, description, source_path, source_format, "
    "sha256, text_length, metadata, checks, status, reviewer, decided_at, ingested_at"
)
FIELD_COLUMNS = (
    'id, document_id, label, start, "end", text, value, confidence, extractor, status, '
    "reviewer, decided_at, original_value"
)


def dumps_value(value: Any) -> str | None:
    """A value as the JSON text stored (None stays NULL)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def decode_value(text: str | None) -> Any:
    """A stored JSON value as Python (fast paths for plain strings and whole numbers)."""
    if text is None:
        return None
    # fast paths for the common values (a plain string, a whole number); json for the rest
    if text[:1] == '"' and "\\" not in text and text.count('"') == 2:
        return text[1:-1]
    if text.isdigit():
        return int(text)
    return json.loads(text)


def field_state(f: Field) -> dict[str, Any]:
    """What the audit log keeps of a field before and after a decision."""
    return {"label": f.label, "start": f.start, "end": f.end, "text": f.text,
            "value": f.value, "status": f.status}


def fts_query(search: str) -> str:
    """A safe FTS5 query: every word quoted, all words required, last one as a prefix."""
    words = [w.replace('"', '""') for w in search.split()]
    if not words:
        return '""'
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)
