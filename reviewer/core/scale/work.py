"""One batch, on a worker: read, classify and extract every input as local extraction does,
and write the rows to Parquet, then the batch's done marker.

A file on disk goes through ``isolated.prepare``, exactly as ``reviewer extract`` and
ingest read it; an archive member goes through the same reader entry (``read_bytes``)
with its bytes. An input that cannot be read, or on which a reader or rule fails,
becomes a row of the errors table and the batch goes on. Rows are written every
``flush_chars`` characters of text, so a worker's memory stays bounded on a large
archive.
"""

from __future__ import annotations

import hashlib
import re
import time
from functools import lru_cache

from reviewer.core.isolated import Prepared, extracted, prepare
from reviewer.core.scale.inputs import Batch, Member, members
from reviewer.core.scale.tables import dumps, mark_done, write_part
from reviewer.core.sources import DEFAULT_MAX_BYTES

FLUSH_CHARS = 32_000_000
HEAD_BYTES = 16384
# the submission's form in its first bytes: the header's line, else the first <TYPE> tag
_HEAD_FORM = re.compile(rb"CONFORMED SUBMISSION TYPE:[ \t]*([^\s]+)|^<TYPE>[ \t]*([^\s<]+)", re.M)


def head_form(member: Member) -> str | None:
    """The form type a submission names near its start, read without parsing it (None
    when it names none: a loose file)."""
    if member.data is not None:
        head = member.data[:HEAD_BYTES]
    elif member.path is not None:
        try:
            with open(member.path, "rb") as f:
                head = f.read(HEAD_BYTES)
        except OSError:
            return None
    else:
        return None
    m = _HEAD_FORM.search(head)
    return None if m is None else (m.group(1) or m.group(2)).decode("ascii", "replace").upper()


def wanted(member: Member, forms: frozenset[str] | None) -> bool:
    """Whether an input may be of one of ``forms`` (all inputs when None), from its head."""
    if not forms or member.reason is not None:
        return True
    form = head_form(member)
    return form is None or form in forms


@lru_cache(maxsize=4)
def extractor_for(schema_path: str | None):
    """The extractor of a worker process, built once per schema (word lists, patterns)."""
    from reviewer.core.extract import default_extractor

    return default_extractor(schema_path)


def prepare_member(member: Member, extractor, max_bytes: int) -> Prepared:
    if member.reason is not None:
        return Prepared(reason=member.reason)
    if member.path is not None:
        return prepare(member.path, extractor, max_bytes)
    from reviewer.core.sources import SourceError, read_bytes

    try:
        filing = read_bytes(member.name, member.data)
    except SourceError as err:
        return Prepared(reason=str(err))
    return extracted(filing, extractor)


def doc_id(source: str, index: int) -> str:
    return hashlib.blake2b(f"{source}\0{index}".encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def rows_of(source: str, batch: str, prepared: Prepared) -> tuple[list[dict], list[dict]]:
    """The documents' and fields' rows of one input read and extracted."""
    from reviewer.core.ingest import shown_path

    filing, meta = prepared.filing, prepared.filing.metadata
    skipped = dumps([{"part": p.part, "filename": p.filename, "reason": p.reason} for p in filing.skipped])
    documents, fields = [], []
    for index, doc in enumerate(filing.documents):
        did = doc_id(source, index)
        doc_type = prepared.doc_types[index]
        form, year = meta.form_type or doc_type, _year(meta.filed_date)
        doc_fields = prepared.fields[index] if prepared.fields else []
        documents.append({
            "doc_id": did, "batch": batch, "source": source, "kind": filing.kind,
            "seq": doc.sequence if doc.sequence is not None else index + 1, "part": doc.part,
            "filename": doc.filename and shown_path(doc.filename), "description": doc.description,
            "doc_type": doc_type, "source_format": doc.source_format, "encoding": doc.encoding,
            "sha256": hashlib.sha256(doc.text.encode("utf-8")).hexdigest(), "chars": len(doc.text),
            "text": doc.text, "original": doc.source, "offset_map": doc.offset_map.to_bytes(),
            "metadata": dumps(doc.metadata), "form_type": meta.form_type, "accession": meta.accession,
            "cik": meta.cik, "company": meta.company, "filed_date": meta.filed_date, "period": meta.period,
            "items": list(meta.items), "item_titles": list(meta.item_titles), "header": dumps(meta.header),
            "warnings": list(doc.warnings), "skipped": skipped,
            "checks": dumps(prepared.checks[index] if prepared.checks else []), "n_fields": len(doc_fields),
            "form": form, "year": year,
        })
        fields.extend({
            "doc_id": did, "ord": n, "source": source, "part": doc.part, "label": f.label, "start": f.start, "end": f.end,
            "text": f.text, "value": dumps(f.value), "confidence": f.confidence, "extractor": f.extractor,
            "form": form, "year": year,
        } for n, f in enumerate(doc_fields))
    return documents, fields


def process_batch(batch: Batch, out: str, schema_path: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, flush_chars: int = FLUSH_CHARS,
                  forms: frozenset[str] | None = None) -> dict:
    """Run one batch and mark it done. Returns its counts (inputs, documents, fields,
    errors, passed, chars, seconds). ``forms``: keep only inputs of these forms (the
    submission header's form type, else the first document's type), upper case; a
    submission whose head names another form is passed over unread."""
    from reviewer.core.ingest import shown_path

    started = time.perf_counter()
    extractor = extractor_for(schema_path)
    counts = {"batch": batch.id, "inputs": 0, "documents": 0, "fields": 0, "errors": 0, "passed": 0, "chars": 0}
    pending: dict[str, list[dict]] = {"documents": [], "fields": [], "errors": []}
    chunk, chars = 0, 0

    def flush():
        nonlocal chunk, chars
        for name, rows in pending.items():
            write_part(out, name, rows, batch.id, chunk)
            rows.clear()
        chunk += 1
        chars = 0

    for item in batch.items:
        for member in members(item, max_bytes):
            counts["inputs"] += 1
            source = shown_path(member.name)
            if not wanted(member, forms):
                counts["passed"] += 1
                continue
            try:
                prepared = prepare_member(member, extractor, max_bytes)
            except MemoryError:
                prepared = Prepared(reason="reading it needed more memory than the worker has")
            except Exception as err:  # noqa: BLE001 - a bug on one file must not stop the run
                prepared = Prepared(reason=f"the reader failed on it ({type(err).__name__}: {err})")
            member.data = None  # the bytes are not kept past their document
            if prepared.reason is not None:
                pending["errors"].append({"batch": batch.id, "source": source, "stage": "read",
                                          "reason": prepared.reason})
                counts["errors"] += 1
                continue
            if forms and (prepared.filing.metadata.form_type or prepared.doc_types[0]).upper() not in forms:
                counts["passed"] += 1
                continue
            documents, fields = rows_of(source, batch.id, prepared)
            pending["documents"].extend(documents)
            pending["fields"].extend(fields)
            counts["documents"] += len(documents)
            counts["fields"] += len(fields)
            size = sum(d["chars"] + len(d["original"]) for d in documents)
            counts["chars"] += sum(d["chars"] for d in documents)
            chars += size
            if chars >= flush_chars:
                flush()
    flush()
    counts["seconds"] = round(time.perf_counter() - started, 3)
    mark_done(out, batch.id, counts)
    return counts
