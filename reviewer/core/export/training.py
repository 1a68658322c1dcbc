"""Training data: JSONL records with spans (fast, no tokens), a spaCy DocBin, and CoNLL-2003
IOB2. The JSONL keeps the stored offsets as they are; the DocBin and CoNLL use the tokens
of spaCy's blank English tokenizer (tokens.py), the same as the Prodigy tasks, with every
span moved to token edges reported in the export's warnings.

A document's "answer" is the reviewer's decision on it (ANSWERS): approved documents are
accepted, rejected ones rejected, the others ignored. Rejected fields are never exported."""

from __future__ import annotations

import json
from collections.abc import Iterator

import orjson

from reviewer.core.export.common import Run, document_meta
from reviewer.core.export.tokens import (
    MAX_TOKENS, TokenSpan, align_fields, blank_english, choose_entities, sequences,
)
from reviewer.core.values import stored_shape

FIELDS = 7  # where a document of Storage.export_documents has its fields
STATUS = 4  # and its status
ANSWERS = {"approved": "accept", "rejected": "reject", "pending": "ignore"}
SPANS_KEY = "sc"  # where spaCy's spancat looks for spans by default
FIELDS_KEY = "fields"  # the same spans under the key earlier exports used


def answer(document: list) -> str:
    """The Prodigy-style answer for a document: its decision (ANSWERS)."""
    return ANSWERS.get(document[STATUS], "ignore")


def present(document: list) -> list[tuple[int, int, str, str, str]]:
    """(start, end, label, text, status) of a document's fields that are in its text, by position."""
    return [(f[1], f[2], f[0], f[3], f[5]) for f in document[FIELDS] if f[5] != "absent"]


def absent_labels(document: list) -> list[str]:
    return sorted({f[0] for f in document[FIELDS] if f[5] == "absent"})


def documents(run: Run) -> Iterator[tuple[list, str]]:
    """(document, text) for every document exported: fields from the reader, texts read here."""
    def query(storage):
        return storage.export_documents(run.status, statuses=run.statuses, labels=run.labels)

    for batch in run.batches(query):
        yield from zip(batch, run.storage.document_texts([d[0] for d in batch]))


def json_line(record: dict) -> bytes:
    """One JSON line, keys sorted. orjson writes it; the standard library takes over for
    what orjson refuses (integers beyond 64 bits), with the same compact separators."""
    try:
        return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def write_jsonl(run: Run, handle) -> None:
    """One line per document (bytes, UTF-8): {"answer", "meta", "record", "spans", "text"}.
    "spans" are the stored offsets, unchanged (no tokens); meta.span_status gives each
    span's status (accepted, edited, added, pending), in the order of "spans"; "not in
    document" marks are null in the record and listed in meta.absent."""
    many = {label.name for label in run.schema.labels if label.many}
    reshaped = {label.name: label.type for label in run.schema.labels if label.type == "defined_name"}
    lines = []
    for document, text in documents(run):
        fields = document[FIELDS]
        spans, statuses, record, absent = [], [], {}, set()
        for label, start, end, field_text, value, status in fields:  # by position
            if status == "absent":
                absent.add(label)
                value = None
            else:
                spans.append({"end": end, "label": label, "start": start, "text": field_text})
                statuses.append(status)
                if label in reshaped:  # one type of value per label, as Arrow needs
                    value = stored_shape(reshaped[label], value)
            if label in many:
                record.setdefault(label, []).append(value)
            elif label not in record:
                record[label] = value
        meta = document_meta(document)
        meta["absent"] = sorted(absent)
        meta["span_status"] = statuses
        run.result.fields += len(fields)
        lines.append(json_line({"answer": answer(document), "meta": meta, "record": record, "spans": spans,
                                "text": text}))
        if len(lines) == 500:
            handle.write(b"\n".join(lines) + b"\n")
            lines = []
    if lines:
        handle.write(b"\n".join(lines) + b"\n")


def label_order(run: Run) -> dict[str, int]:
    return {name: i for i, name in enumerate(run.schema.names)}


def write_spacy(run: Run, path: str) -> None:
    """A DocBin of spaCy's blank English tokens. Every field, overlaps included, is a span
    in doc.spans["sc"] (where spancat reads by default) and doc.spans["fields"]; doc.ents
    holds one entity per token, chosen among overlapping spans by tokens.entity_key: the
    label's place in the schema first, then the longer span, then the earlier. Spans
    moved to token edges, and spans left out of the entities, are reported in warnings.
    user_data: the document's id, status and answer."""
    from spacy.tokens import DocBin, Span

    nlp = blank_english("spacy")
    order = label_order(run)
    warnings = run.result.warnings
    docbin = DocBin(store_user_data=True)
    for document, text in documents(run):
        doc_id = document[0]
        doc = nlp.make_doc(text)
        aligned = align_fields(doc, text, doc_id, present(document), warnings)
        spans = [Span(doc, s.aligned.token_start, s.aligned.token_end, label=s.label) for s in aligned]
        doc.spans[SPANS_KEY] = spans
        doc.spans[FIELDS_KEY] = spans
        entities, left_out = choose_entities(aligned, order)
        _report_left_out(warnings, doc_id, left_out, "doc.ents")
        doc.ents = [Span(doc, s.aligned.token_start, s.aligned.token_end, label=s.label) for s in entities]
        doc.user_data.update({"document_id": doc_id, "status": document[STATUS], "answer": answer(document)})
        run.result.fields += len(spans)
        docbin.add(doc)
    docbin.to_disk(path)


def _report_left_out(warnings: list[str], doc_id: int, left_out: list[TokenSpan], where: str) -> None:
    if left_out:
        names = ", ".join(f"{s.label} {s.aligned.start}-{s.aligned.end}" for s in left_out)
        warnings.append(f"document {doc_id}: {len(left_out)} overlapping field(s) left out of {where}"
                        f" (a span of an earlier label or a longer one holds their tokens): {names}")


def write_conll(run: Run, handle) -> None:
    """CoNLL-2003 with IOB2 tags ("token _ _ tag"), "-DOCSTART- -X- -X- O" before each
    document, a blank line after each sequence. Tokens are the DocBin's (whitespace
    tokens left out); sequences are sentences (spaCy's sentencizer, blank lines), never
    split inside a field and never longer than tokens.MAX_TOKENS tokens: a longer one is
    cut there (a field cut so is reported). Overlapping fields: the entities of the
    DocBin (the same priority), the others reported."""
    nlp = blank_english("conll")
    order = label_order(run)
    warnings = run.result.warnings
    for document, text in documents(run):
        doc_id = document[0]
        doc = nlp.make_doc(text)
        entities, left_out = choose_entities(align_fields(doc, text, doc_id, present(document), warnings), order)
        _report_left_out(warnings, doc_id, left_out, "CoNLL tags")
        run.result.fields += len(entities)
        owner = [-1] * len(doc)  # the entity each token belongs to
        for n, span in enumerate(entities):
            first, end = span.aligned.token_start, span.aligned.token_end
            owner[first:end] = [n] * (end - first)
        out = ["-DOCSTART- -X- -X- O\n\n"]
        for sequence in sequences(doc, entities, MAX_TOKENS):
            previous = -1
            for i in sequence:
                n = owner[i]
                if n < 0:
                    tag = "O"
                elif n == previous:
                    tag = "I-" + entities[n].label
                else:
                    tag = "B-" + entities[n].label
                    if i != entities[n].aligned.token_start:
                        warnings.append(f"document {doc_id}: {entities[n].label} {entities[n].aligned.start}-"
                                        f"{entities[n].aligned.end} cut by the {MAX_TOKENS}-token limit of a sequence")
                previous = n
                out.append(f"{doc[i].text} _ _ {tag}\n")
            out.append("\n")
        handle.write("".join(out))
