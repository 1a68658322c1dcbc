"""Documents as spaCy docs for training and prediction: the tokenizer and span alignment
of the spaCy export (spacy.blank("en"); a span that is not on token boundaries is
widened to them), applied to pieces of a document so that a 10-K never meets spaCy's
length limit and a batch stays small. Offsets stay the stored text's throughout."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

SPANS_KEY = "sc"
CANDIDATES_KEY = "candidates"  # where a span finder learns and writes the spans it proposes
PIECE_CHARS = 4000  # a piece ends at a paragraph break at most this far from its start


def spacy_or_reason():
    """spaCy, or raise ImportError with the one-line way to get it."""
    try:
        import spacy
    except ImportError:
        raise ImportError("models need spaCy: pip install 'filing-reviewer[spacy]'") from None
    return spacy


def pieces(text: str, limit: int = PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces covering ``text``, cut at a blank line, else a line
    break, else a space, within ``limit`` characters (a hard cut only when none is found).
    Linear: each cut looks back once over at most ``limit`` characters."""
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + limit // 4, end)
                if cut > start:
                    end = cut + len(sep)
                    break
        yield start, end
        start = end


@dataclass
class Piece:
    """A piece of a document: where it starts in the stored text, and its spans there."""

    document_id: int | None
    offset: int
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, label) in the stored text


def split_document(document_id, text: str, spans: list[tuple[int, int, str]],
                   limit: int = PIECE_CHARS) -> tuple[list[Piece], int]:
    """The document's pieces with the spans inside each, and how many spans crossed a cut
    (left out: no piece holds them)."""
    ordered = sorted(spans)
    out, crossed, i = [], 0, 0
    for start, end in pieces(text, limit):
        mine = []
        while i < len(ordered) and ordered[i][0] < end:
            s, e, label = ordered[i]
            if e <= end:
                mine.append((s, e, label))
            else:
                crossed += 1
            i += 1
        out.append(Piece(document_id, start, text[start:end], mine))
    return out, crossed


def aligned_span(doc, start: int, end: int, label: str):
    """The doc's span for [start, end) (offsets in the doc's text), widened to token
    boundaries as the export does; None when no token lies there."""
    span = doc.char_span(start, end, label=label, alignment_mode="strict")
    if span is None:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
    return span


def reference_doc(nlp, piece: Piece, component: str):
    """The piece as an annotated doc: its spans in doc.spans[SPANS_KEY] (spancat) or, the
    non-overlapping ones, as entities (ner)."""
    from spacy.util import filter_spans

    doc = nlp.make_doc(piece.text)
    spans = []
    for s, e, label in piece.spans:
        span = aligned_span(doc, s - piece.offset, e - piece.offset, label)
        if span is not None:
            spans.append(span)
    if component == "ner":
        doc.ents = filter_spans(spans)
    else:
        doc.spans[SPANS_KEY] = spans
        doc.spans[CANDIDATES_KEY] = spans
    return doc
