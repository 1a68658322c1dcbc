"""Prodigy tasks: one JSON line per document, in the format of Prodigy's ner and spans
interfaces (ner_manual, spans_manual), ready for `prodigy db-in` and its training recipes:

    {"text", "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "text", "label", "token_start", "token_end"}],
     "answer": "accept" | "reject" | "ignore", "meta": {...},
     "_input_hash": int, "_task_hash": int}

Tokens are spaCy's blank English tokenizer's (tokens.py), whitespace tokens included as
Prodigy's add_tokens makes them; token_end is inclusive, as in Prodigy. A span not on
token edges is widened to them, and one that covers no token left out, each reported in
the export's warnings. Spans may overlap (spans_manual shows that; ner_manual needs one
label per token). "answer" is the reviewer's decision on the document: approved ->
accept, rejected -> reject, pending -> ignore. meta: the document's metadata, the labels
marked "not in document" (absent), and span_status, each span's status (accepted,
edited, added, pending) in the order of "spans". Rejected fields are never exported.

Hashes follow Prodigy's set_hashes as its documentation and support forum describe it:
the input hash is a 32-bit MurmurHash3 (murmurhash, which spaCy ships) of the task's
input keys (text, image, html, input) serialized as JSON with sorted keys; the task hash
the same of the task keys (spans, label, options, arcs), prefixed by the input hash.
Both are stable: the same text gives the same _input_hash, the same text and spans the
same _task_hash. Prodigy's own implementation is not public; Prodigy keeps hashes a task
already has (db-in) and computes its own when a recipe rehashes a stream."""

from __future__ import annotations

import json

from reviewer.core.export.common import Run, document_meta
from reviewer.core.export.tokens import align_fields, blank_english
from reviewer.core.export.training import absent_labels, answer, documents, json_line, present

INPUT_HASH_KEYS = ("text", "image", "html", "input")
TASK_HASH_KEYS = ("spans", "label", "options", "arcs")


def task_hashes(task: dict) -> tuple[int, int]:
    """(_input_hash, _task_hash) of a task, as set_hashes makes them (see the module)."""
    import murmurhash

    def hashed(keys: tuple[str, ...], prefix: str = "") -> int:
        values = {key: task[key] for key in keys if key in task}
        return murmurhash.hash(prefix + json.dumps(values, sort_keys=True))

    input_hash = hashed(INPUT_HASH_KEYS)
    return input_hash, hashed(TASK_HASH_KEYS, str(input_hash))


def tokens(doc, text: str) -> list[dict]:
    """The tokens of ``doc`` (made from ``text``) as Prodigy's add_tokens writes them. Read
    as one array (offset, length, followed by a space) rather than a Token object each."""
    from spacy.attrs import IDX, LENGTH, SPACY

    return [{"text": text[start:start + n], "start": start, "end": start + n, "id": i, "ws": bool(space)}
            for i, (start, n, space) in enumerate(doc.to_array([IDX, LENGTH, SPACY]).tolist())]


def write_prodigy(run: Run, handle) -> None:
    """One Prodigy task per document (bytes, UTF-8), keys sorted; see the module."""
    nlp = blank_english("prodigy")
    warnings = run.result.warnings
    lines = []
    for document, text in documents(run):
        doc = nlp.make_doc(text)
        aligned = align_fields(doc, text, document[0], present(document), warnings)
        spans = [{"start": s.aligned.start, "end": s.aligned.end, "text": text[s.aligned.start:s.aligned.end],
                  "label": s.label, "token_start": s.aligned.token_start, "token_end": s.aligned.token_end - 1}
                 for s in aligned]
        meta = document_meta(document)
        meta["absent"] = absent_labels(document)
        meta["span_status"] = [s.status for s in aligned]
        task = {"text": text, "tokens": tokens(doc, text), "spans": spans, "answer": answer(document), "meta": meta}
        task["_input_hash"], task["_task_hash"] = task_hashes(task)
        run.result.fields += len(spans)
        lines.append(json_line(task))
        if len(lines) == 100:
            handle.write(b"\n".join(lines) + b"\n")
            lines = []
    if lines:
        handle.write(b"\n".join(lines) + b"\n")
