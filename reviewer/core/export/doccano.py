"""doccano: JSONL for a sequence-labelling project's import, one document a line,
{"text": ..., "label": [[start, end, label], ...]} (doccano's JSONL import with its default
columns "text" and "label"; backend/data_import/pipeline/examples/sequence_labeling).

doccano keeps every other key of a line as the example's metadata, as it is
(data_import/pipeline/data.py: BaseData.parse), and shows it beside the text: the
document's metadata go there flat, with "absent" (the labels marked "not in document")
and, with --status all, "pending" (those of "label" nobody has reviewed yet). None of them
is one of the names doccano's reader uses itself (filename, upload_name, example_uuid).

What doccano would drop without a word is said in the export's warnings: an empty text
(it refuses the line), an empty span (it needs start < end; the span is left out here),
and overlapping spans, which a project keeps only when "Allow overlapping entity" is on
(otherwise doccano keeps the first of each overlap).
"""

from __future__ import annotations

from reviewer.core.export.common import Run, document_meta
from reviewer.core.export.training import FIELDS, documents, json_line


def write_doccano(run: Run, handle) -> None:
    """One line per document (bytes, UTF-8), spans by position."""
    with_pending = run.status == "all"
    overlapping = 0
    lines = []
    for document, text in documents(run):
        doc_id = document[0]
        spans, pending, absent = [], [], set()
        previous_end = -1
        overlaps = False
        for label, start, end, _, _, status in document[FIELDS]:  # by start, end, label
            run.result.fields += 1
            if status == "absent":
                absent.add(label)
                continue
            if end <= start:
                run.result.warnings.append(f"document {doc_id}: {label} at {start} is empty; doccano "
                                           "takes no empty span, so it was left out")
                continue
            overlaps = overlaps or start < previous_end
            previous_end = max(previous_end, end)
            spans.append([start, end, label])
            if status == "pending":
                pending.append([start, end, label])
        if not text:
            run.result.warnings.append(f"document {doc_id}: its text is empty; doccano refuses such a line")
        overlapping += overlaps
        record = {"text": text, "label": spans, **document_meta(document), "absent": sorted(absent)}
        if with_pending:
            record["pending"] = pending
        lines.append(json_line(record))
        if len(lines) == 500:
            handle.write(b"\n".join(lines) + b"\n")
            lines = []
    if lines:
        handle.write(b"\n".join(lines) + b"\n")
    if overlapping:
        run.result.warnings.append(f"{overlapping} document(s) have overlapping spans: doccano keeps them only "
                                   "in a project with \"Allow overlapping entity\" on")
