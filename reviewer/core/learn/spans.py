"""Documents as spaCy docs for training and prediction: the tokenizer and span alignment
of the spaCy export (reviewer/core/export/tokens.py: blank English, a span widened to the
edges of its tokens), applied to pieces of a document so that a 10-K never meets spaCy's
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


def reference_doc(nlp, piece: Piece, component: str, order: dict[str, int] | None = None):
    """The piece as an annotated doc, aligned as the spaCy export aligns a document
    (reviewer/core/export/tokens.py): every span in doc.spans (spancat), or one entity per
    token, chosen as the export chooses them (ner). A piece is cut at white space, so its
    tokens are the document's own."""
    from spacy.tokens import Span

    from reviewer.core.export.tokens import TokenSpan, align, choose_entities

    doc = nlp.make_doc(piece.text)
    aligned = []
    for s, e, label in piece.spans:
        a = align(doc, len(piece.text), s - piece.offset, e - piece.offset)
        if a is not None:
            aligned.append(TokenSpan(label, a, piece.text[a.start:a.end], "accepted"))
    if component == "ner":
        entities, _ = choose_entities(aligned, order or {})
        doc.ents = [Span(doc, t.aligned.token_start, t.aligned.token_end, label=t.label) for t in entities]
    else:
        spans = [Span(doc, t.aligned.token_start, t.aligned.token_end, label=t.label) for t in aligned]
        doc.spans[SPANS_KEY] = spans
        doc.spans[CANDIDATES_KEY] = spans
    return doc


def training_windows(document_id, text: str, spans: list[tuple[int, int, str]], limit: int,
                     negatives: float, rng) -> tuple[list[Piece], int]:
    """What a document is trained on: its windows of at most ``limit`` characters (cut as
    pieces are, at a paragraph break first) that hold an approved span, and a seeded
    sample (``negatives``, a share between 0 and 1) of those that hold none, so that the
    model still reads text where nothing is to be found; and the spans crossing a cut."""
    windows, crossed = split_document(document_id, text, spans, limit)
    return [w for w in windows if w.spans or rng.random() < negatives], crossed
