"""Training data: JSONL in the span format spaCy and Prodigy read, a spaCy DocBin, and
CoNLL-2003 IOB2. Spans are the stored offsets into the stored text, unchanged."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import orjson

from reviewer.core.export.common import ExportError, Run, document_meta

_TOKEN = re.compile(r"\w+(?:[.,'’-]\w+)*|[^\w\s]")
FIELDS = 7  # where a document of Storage.export_documents has its fields


def _present(document: list) -> list[tuple[int, int, str, str]]:
    """(start, end, label, text) of a document's fields that are in its text, by position."""
    return [(f[1], f[2], f[0], f[3]) for f in document[FIELDS] if f[5] != "absent"]


def _documents(run: Run) -> Iterator[tuple[list, str]]:
    """(document, text) for every document exported: fields from the reader, texts read here."""
    def query(storage):
        return storage.export_documents(run.status, statuses=run.statuses, labels=run.labels)

    for documents in run.batches(query):
        yield from zip(documents, run.storage.document_texts([d[0] for d in documents]))


def _line(record: dict) -> bytes:
    """One JSON line, keys sorted. orjson writes it; the standard library takes over for
    what orjson refuses (integers beyond 64 bits), with the same compact separators."""
    try:
        return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def write_jsonl(run: Run, handle) -> None:
    """One line per document (bytes, UTF-8): {"answer", "meta", "record", "spans", "text"}.
    "not in document" marks are null in the record and listed in meta.absent."""
    many = {label.name for label in run.schema.labels if label.many}
    lines = []
    for document, text in _documents(run):
        fields = document[FIELDS]
        spans, record, absent = [], {}, set()
        for label, start, end, field_text, value, status in fields:  # by position
            if status == "absent":
                absent.add(label)
                value = None
            else:
                spans.append({"end": end, "label": label, "start": start, "text": field_text})
            if label in many:
                record.setdefault(label, []).append(value)
            elif label not in record:
                record[label] = value
        meta = document_meta(document)
        meta["absent"] = sorted(absent)
        run.result.fields += len(fields)
        lines.append(_line({"answer": "accept", "meta": meta, "record": record, "spans": spans, "text": text}))
        if len(lines) == 500:
            handle.write(b"\n".join(lines) + b"\n")
            lines = []
    if lines:
        handle.write(b"\n".join(lines) + b"\n")


def write_spacy(run: Run, path: str) -> None:
    """A DocBin: every field in doc.spans["fields"], the non-overlapping ones as entities."""
    try:
        import spacy
        from spacy.tokens import DocBin
        from spacy.util import filter_spans
    except ImportError:
        raise ExportError("the spacy format needs spaCy: pip install 'filing-reviewer[spacy]'") from None
    nlp = spacy.blank("en")
    docbin = DocBin(store_user_data=True)
    for document, text in _documents(run):
        doc_id = document[0]
        sdoc = nlp.make_doc(text)
        spans = []
        for start, end, label, field_text in _present(document):
            span = sdoc.char_span(start, end, label=label, alignment_mode="strict")
            if span is None:
                run.result.warnings.append(f"document {doc_id}: {label} {start}-{end} {field_text!r} does "
                                           "not align to token boundaries; kept as an expanded span")
                span = sdoc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                run.result.fields += 1
        sdoc.spans["fields"] = spans  # every field, overlaps included
        sdoc.ents = filter_spans(spans)  # the non-overlapping ones as entities
        sdoc.user_data["document_id"] = doc_id
        docbin.add(sdoc)
    docbin.to_disk(path)


def write_conll(run: Run, handle) -> None:
    """CoNLL-2003 IOB2, a token per line; overlapping fields keep the longer one (reported)."""
    order = {n: i for i, n in enumerate(run.schema.names)}
    for document, text in _documents(run):
        doc_id = document[0]
        chosen = _present(document)
        # overlapping spans cannot both be IOB2 tags: keep the longer, then the earlier
        kept: list[tuple] = []
        for f in sorted(chosen, key=lambda f: (f[0] - f[1], f[0], order.get(f[2], len(order)))):
            if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
                kept.append(f)
        kept.sort()
        if len(kept) < len(chosen):
            run.result.warnings.append(f"document {doc_id}: {len(chosen) - len(kept)} overlapping field(s) "
                                       "left out of CoNLL tags")
        run.result.fields += len(kept)
        handle.write("-DOCSTART- -X- -X- O\n\n")
        i = 0
        line_has_tokens = False
        previous_end = 0
        for m in _TOKEN.finditer(text):
            if line_has_tokens and "\n\n" in text[previous_end:m.start()]:
                handle.write("\n")
            while i < len(kept) and kept[i][1] <= m.start():
                i += 1
            tag = "O"
            if i < len(kept) and kept[i][0] < m.end() and m.start() < kept[i][1]:
                tag = ("B-" if m.start() <= kept[i][0] else "I-") + kept[i][2]
            handle.write(f"{m.group()} _ _ {tag}\n")
            line_has_tokens = True
            previous_end = m.end()
        handle.write("\n")
