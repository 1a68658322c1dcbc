"""What the token-based formats (prodigy, spacy, conll) share: spaCy's blank English
tokenizer, stored offsets aligned to its tokens, the one entity per token chosen from
overlapping spans, and sequences of at most MAX_TOKENS tokens.

spaCy is an optional extra: blank_english() raises ExportError with the install hint
when it is missing, so the formats that do not need it never import it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from reviewer.core.export.common import ExportError

MAX_TOKENS = 512  # the longest sequence a CoNLL export writes (BERT-style encoders' limit)


def blank_english(fmt: str):
    """spaCy's blank English pipeline (a tokenizer, no model, nothing downloaded), for
    texts of any length: only the tokenizer runs, which needs no memory per character."""
    try:
        import spacy
    except ImportError:
        raise ExportError(f"the {fmt} format needs spaCy: pip install 'filing-reviewer[spacy]'") from None
    nlp = spacy.blank("en")
    nlp.max_length = 2**31 - 1  # the limit guards the parser and NER, which never run here
    return nlp


@dataclass(frozen=True)
class Aligned:
    """A field's span on token edges: characters [start, end), tokens [token_start, token_end)."""

    start: int
    end: int
    token_start: int
    token_end: int

    def moved(self, start: int, end: int) -> bool:
        return (self.start, self.end) != (start, end)


def align(doc, length: int, start: int, end: int) -> Aligned | None:
    """The tokens a stored span [start, end) covers: widened to the edges of the tokens it
    touches, then without whitespace tokens at either end (entities and Prodigy spans
    must not start or end on one). None when nothing but whitespace is left, or the span
    is empty or outside the text (of ``length`` characters: doc.text would join every
    token again, for each span)."""
    if not 0 <= start < end <= length:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    i, j = span.start, span.end
    while i < j and doc[i].is_space:
        i += 1
    while j > i and doc[j - 1].is_space:
        j -= 1
    if i == j:
        return None
    last = doc[j - 1]
    return Aligned(doc[i].idx, last.idx + len(last.text), i, j)


@dataclass(frozen=True)
class TokenSpan:
    """A field aligned to the tokens of its document."""

    label: str
    aligned: Aligned
    text: str  # the stored text of the field
    status: str


def align_fields(doc, text: str, doc_id: int, fields: Iterable[tuple[int, int, str, str, str]],
                 warnings: list[str]) -> list[TokenSpan]:
    """The fields (start, end, label, text, status) aligned to the tokens of ``doc``, made
    from ``text``, in the order given. Each field moved to token edges (widened to the
    tokens it touches, whitespace at its ends dropped), and each left out because no
    token is left of it, is reported in ``warnings`` (never silent)."""
    spans = []
    for start, end, label, field_text, status in fields:
        aligned = align(doc, len(text), start, end)
        if aligned is None:
            warnings.append(f"document {doc_id}: {label} {start}-{end} {field_text!r} covers no token; left out")
            continue
        if aligned.moved(start, end):
            warnings.append(f"document {doc_id}: {label} {start}-{end} {field_text!r} moved to token edges "
                            f"{aligned.start}-{aligned.end} {text[aligned.start:aligned.end]!r}")
        spans.append(TokenSpan(label, aligned, field_text, status))
    return spans


def entity_key(span: TokenSpan, order: dict[str, int]) -> tuple[int, int, int]:
    """The priority of a span when overlapping spans compete for the same tokens (one
    entity per token: doc.ents, CoNLL tags): the label's place in the schema first, then
    the longer span (in tokens), then the earlier one."""
    a = span.aligned
    return order.get(span.label, len(order)), a.token_start - a.token_end, a.token_start


def choose_entities(spans: Sequence[TokenSpan], order: dict[str, int]) -> tuple[list[TokenSpan], list[TokenSpan]]:
    """(kept, left out): the spans taken in entity_key order, each kept when none of its
    tokens is taken yet; kept in position order."""
    taken: set[int] = set()
    kept, left_out = [], []
    for span in sorted(spans, key=lambda s: entity_key(s, order)):
        tokens = range(span.aligned.token_start, span.aligned.token_end)
        if taken.isdisjoint(tokens):
            taken.update(tokens)
            kept.append(span)
        else:
            left_out.append(span)
    kept.sort(key=lambda s: (s.aligned.token_start, s.aligned.token_end))
    return kept, left_out


def sequences(doc, entities: Sequence[TokenSpan], limit: int = MAX_TOKENS) -> Iterator[list[int]]:
    """The indices of the non-whitespace tokens of ``doc``, cut into sequences: a sentence
    ends where spaCy's sentencizer ends one and at a blank line, never inside one of
    ``entities`` (non-overlapping); a sequence that would pass ``limit`` tokens is cut
    at ``limit``, wherever that falls."""
    from spacy.pipeline import Sentencizer

    Sentencizer()(doc)
    inside = bytearray(len(doc))  # 1 where a token continues an entity
    for span in entities:
        first, end = span.aligned.token_start, span.aligned.token_end
        inside[first + 1:end] = b"\x01" * (end - first - 1)
    current: list[int] = []
    starts, newlines = False, 0  # over the whitespace tokens since the last word
    for token in doc:
        starts = starts or token.is_sent_start
        if token.is_space:
            newlines += token.text.count("\n")
            continue
        if current and ((starts or newlines >= 2) and not inside[token.i] or len(current) == limit):
            yield current
            current = []
        current.append(token.i)
        starts, newlines = False, 0
    if current:
        yield current
