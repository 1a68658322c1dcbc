"""The text and offset map the markup parser builds: separators owed between pieces of
text (a space, a tab between cells, a line break, a blank line), white space collapsed
outside <pre>, kept verbatim inside it, and every piece mapped to its source offset.
"""

from __future__ import annotations

import re

_BLANKS = " \t\n\r\f\v\u00a0\u200b"
_SPACE_RUN = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]{2,}")
_TO_SPACE = str.maketrans({c: " " for c in _BLANKS})
_CR = re.compile(r"\r\n?")
_RANK = {"": 0, " ": 1, "\t": 2, "\n": 3, "\n\n": 4}


class MarkupText:
    """The output half of the markup parser (html_parser.TextBuilder), which sets what it
    reads: ``out``, ``length``, ``omap`` and ``pending`` (the text built so far), ``plain``,
    ``stack`` (open elements: ``hidden``, ``pre``, ``had_text``), ``waiting`` (visible facts
    whose first text is still to come) and ``hidden_open`` (hidden facts collecting text)."""

    # -- output ----------------------------------------------------------------
    def _owe(self, sep: str) -> None:
        if _RANK[sep] > _RANK[self.pending]:
            self.pending = sep

    def _emit(self, text: str, src: int) -> None:
        if self.plain and not self.length:
            stripped = text.lstrip()  # plain text: no blank lines before its first line
            if not stripped:
                return
            src += len(text) - len(stripped)
            text = stripped
        if self.pending:
            if self.length and not (self.plain and self.out[-1].endswith("\n")):
                self.out.append(self.pending)
                self.length += len(self.pending)
            self.pending = ""
        if self.waiting:
            for fact in self.waiting:
                fact.start = self.length
            self.waiting.clear()
        self.omap.add(self.length, src)
        self.out.append(text)
        self.length += len(text)

    def _text(self, data: str, src: int) -> None:
        top = self.stack[-1]
        if top.hidden:
            if self.hidden_open:
                self.hidden_open[-1].collect(data)
            return
        top.had_text = True
        if top.pre:  # verbatim, but CRLF and CR become LF (mapped to the CR)
            pos = 0
            for m in _CR.finditer(data):
                if m.start() > pos:
                    self._emit(data[pos : m.start()], src + pos)
                self._emit("\n", src + m.start())
                pos = m.end()
            if pos < len(data):
                self._emit(data[pos:], src + pos)
            return
        # runs of white space become one space: a run of one character keeps its place (so the
        # text between longer runs is emitted whole, in one piece of the map)
        body = data.strip(_BLANKS)
        if not body:
            if data and not self.pending:
                self.pending = " "
            return
        lead = data.find(body[0])
        if lead and not self.pending:
            self.pending = " "
        if _SPACE_RUN.search(body) is None:  # the usual case: no run to collapse
            self._emit(body.translate(_TO_SPACE), src + lead)
            if lead + len(body) < len(data) and not self.pending:
                self.pending = " "
            return
        pos = 0
        for m in _SPACE_RUN.finditer(body):
            self._emit(body[pos : m.start()].translate(_TO_SPACE), src + lead + pos)
            self._owe(" ")
            pos = m.end()
        self._emit(body[pos:].translate(_TO_SPACE) if pos else body.translate(_TO_SPACE), src + lead + pos)
        if lead + len(body) < len(data):
            self._owe(" ")
