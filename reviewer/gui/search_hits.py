"""The search hits of SourceView: every whole-word occurrence of the queue's search words
marked in the text, at once for a short text, in a worker for a long one."""

from __future__ import annotations

from reviewer.gui import workers
from reviewer.gui.highlight import Utf16Offsets
from reviewer.gui.words import find_spans, term_pattern

SEARCH_IN_WORKER = 1_000_000  # texts longer than this (characters) find their search hits in a worker


class SearchHits:
    """Mixed into SourceView: reads its _text, _offsets, _terms, _document_id, highlighter,
    _search_job and _search_pending, and calls its _rehighlight."""

    # -- search hits -------------------------------------------------------------
    def set_search_terms(self, terms: list[str]) -> None:
        """Mark every case-insensitive, whole-word occurrence of the terms in the text (the
        queue's search words, say); an empty list clears the marks."""
        terms = [t for t in (t.strip() for t in terms) if t]
        if terms == self._terms:
            return
        self._terms = terms
        self._find_search_hits(before_layout=False)
        self._start_search_job()

    def _find_search_hits(self, before_layout: bool) -> None:
        """Hits at once for a short text; a long one waits for _start_search_job's worker."""
        if self._search_job is not None:
            self._search_job.cancel()
            self._search_job = None
        self._search_pending = None
        if self._terms and len(self._text) > SEARCH_IN_WORKER:
            self._search_pending = (self._document_id, self._text, tuple(self._terms))
            hits = []
        else:
            hits = self._hit_ranges(self._text, self._terms, self._offsets)
        old = self.highlighter.replace_marks(hits)
        if not before_layout:
            self._rehighlight(sorted(old + hits))

    @staticmethod
    def _hit_ranges(text: str, terms, offsets: Utf16Offsets) -> list[tuple[int, int]]:
        spans = find_spans(term_pattern(list(terms)), text)
        return [(offsets.to_qt(a), offsets.to_qt(b)) for a, b in spans]

    def _start_search_job(self) -> None:
        if self._search_pending is None:
            return
        document_id, text, terms = self._search_pending
        offsets = self._offsets

        def search(progress, item, cancelled):
            return document_id, terms, self._hit_ranges(text, terms, offsets)

        job = workers.Job(search)
        job.signals.finished.connect(self._apply_search_hits)  # a bound method: see OriginalPane.load
        self._search_job = workers.start(job)

    def _apply_search_hits(self, result) -> None:
        document_id, terms, hits = result
        if document_id != self._document_id or list(terms) != self._terms:
            return  # an older search, or the reviewer moved on
        self._search_job = self._search_pending = None
        old = self.highlighter.replace_marks(hits)
        self._rehighlight(sorted(old + hits))

    def search_hits(self) -> list[tuple[int, int]]:
        """The marked hits, as text offsets."""
        return [(self._offsets.from_qt(a), self._offsets.from_qt(b)) for a, b in self.highlighter.marks()]
