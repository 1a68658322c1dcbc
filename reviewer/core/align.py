"""An alignment between two renderings of the same words: the stored document text and the
plain text of the rendered filing (Qt's QTextDocument.toPlainText), which differ in white
space (cells on lines of their own, collapsed runs, no-break spaces), in object characters
(images, table frames) and here and there in words one of them shows and the other hides.

``align(stored, rendered)`` compares the two with every white-space and object character
taken out ("squeezed") and walks both at once (linear in their length):

* while they agree, it extends the run in long steps (string comparisons of doubling
  length, so a matching stretch costs about its length once);
* where they differ, it looks for the nearest place where they agree again: anchors are
  ``K``-character pieces of each text taken every ``K`` characters (kept only when
  unique); it reads the other text one position at a time, from both sides at once, and
  stops as soon as no closer anchor can turn up. The positions it reads are never more
  than the characters it then skips, so the walk stays linear.

``Alignment.to_rendered`` / ``to_stored`` map a span both ways, or return None when the
span's first or last character has no counterpart (or the words between them differ by
more than a few characters): the caller says so rather than highlighting other text.
"""

from __future__ import annotations

import array
import bisect
import re

K = 16  # characters of an anchor
_STEP_MAX = 1 << 15  # longest single comparison while extending a run
_SKIP = re.compile("[\\s\u00a0\u200b\u200c\u200d\u2060\ufeff\ufffc\ufdd0\ufdd1\u00ad]+")


class Squeezed:
    """A text without its white space, and the way back: runs of kept characters, each
    with its start in the squeezed text and in the text."""

    __slots__ = ("text", "_sq", "_orig", "_len", "length")

    def __init__(self, text: str):
        pieces, sq, orig, lens = [], array.array("q"), array.array("q"), array.array("q")
        pos = n = 0
        for m in _SKIP.finditer(text):
            if m.start() > pos:
                sq.append(n)
                orig.append(pos)
                lens.append(m.start() - pos)
                pieces.append(text[pos:m.start()])
                n += m.start() - pos
            pos = m.end()
        if pos < len(text):
            sq.append(n)
            orig.append(pos)
            lens.append(len(text) - pos)
            pieces.append(text[pos:])
            n += len(text) - pos
        self.text = "".join(pieces)
        self._sq, self._orig, self._len, self.length = sq, orig, lens, n

    def before(self, offset: int) -> int:
        """How many kept characters lie before a text offset."""
        i = bisect.bisect_right(self._orig, offset) - 1
        if i < 0:
            return 0
        return self._sq[i] + min(offset - self._orig[i], self._len[i])

    def offset(self, index: int) -> int:
        """The text offset of the kept character at a squeezed index."""
        i = bisect.bisect_right(self._sq, index) - 1
        return self._orig[i] + (index - self._sq[i])


def _run(a: str, i: int, b: str, j: int) -> int:
    """Length of the common prefix of a[i:] and b[j:], in comparisons of doubling length."""
    limit = min(len(a) - i, len(b) - j)
    n, step = 0, 1
    while step and n < limit:
        step = min(step, limit - n)
        if a[i + n:i + n + step] == b[j + n:j + n + step]:
            n += step
            step = min(step * 2, _STEP_MAX)
        else:
            step //= 2
    return n


def _anchors(text: str) -> dict[str, int]:
    """Unique K-character pieces of a text taken every K characters, to their position."""
    seen: dict[str, int] = {}
    for p in range(0, len(text) - K + 1, K):
        key = text[p:p + K]
        seen[key] = -1 if key in seen else p
    return seen


class Alignment:
    """Matched runs between two squeezed texts, in order: (start in a, start in b, length)."""

    def __init__(self, a: Squeezed, b: Squeezed, runs: list[tuple[int, int, int]]):
        self.a, self.b = a, b
        self._a_starts = array.array("q", (r[0] for r in runs))
        self._b_starts = array.array("q", (r[1] for r in runs))
        self._lengths = array.array("q", (r[2] for r in runs))

    @property
    def matched(self) -> int:
        """Squeezed characters with a counterpart."""
        return sum(self._lengths)

    def coverage(self) -> float:
        """The share of the stored text's squeezed characters with a counterpart."""
        return self.matched / self.a.length if self.a.length else 1.0

    def to_rendered(self, start: int, end: int) -> tuple[int, int] | None:
        """The rendered span of stored text[start:end], or None when it cannot be mapped."""
        return self._map(self.a, self.b, self._a_starts, self._b_starts, start, end)

    def to_stored(self, start: int, end: int) -> tuple[int, int] | None:
        """The stored span of rendered text[start:end], or None when it cannot be mapped."""
        return self._map(self.b, self.a, self._b_starts, self._a_starts, start, end)

    def stored_offset(self, rendered_offset: int) -> int | None:
        """The stored offset of the character at a rendered offset (None: none there)."""
        span = self.to_stored(rendered_offset, rendered_offset + 1)
        return span[0] if span else None

    def _map(self, src: Squeezed, dst: Squeezed, starts, other, start: int, end: int):
        first, last = src.before(start), src.before(end) - 1
        if last < first:
            return None
        x = self._point(starts, other, first)
        y = self._point(starts, other, last)
        if x is None or y is None or y < x:
            return None
        if abs((y - x) - (last - first)) > max(2, (last - first) // 20):
            return None  # the words between the ends differ: no honest highlight
        return dst.offset(x), dst.offset(y) + 1

    def _point(self, starts, other, index: int) -> int | None:
        i = bisect.bisect_right(starts, index) - 1
        if i < 0 or index >= starts[i] + self._lengths[i]:
            return None
        return other[i] + (index - starts[i])


def align(stored: str, rendered: str) -> Alignment:
    a, b = Squeezed(stored), Squeezed(rendered)
    return Alignment(a, b, _walk(a.text, b.text))


def _walk(a: str, b: str) -> list[tuple[int, int, int]]:
    runs: list[tuple[int, int, int]] = []
    in_a, in_b = _anchors(a), _anchors(b)
    i = j = 0
    na, nb = len(a), len(b)
    while i < na and j < nb:
        n = _run(a, i, b, j)
        if n:
            runs.append((i, j, n))
            i += n
            j += n
            continue
        found = _resync(a, i, b, j, in_a, in_b)
        if found is None:
            break
        i, j = found
    return runs


def _resync(a: str, i: int, b: str, j: int, in_a: dict, in_b: dict) -> tuple[int, int] | None:
    """The nearest (i', j') past (i, j) where a and b agree again: read a at i + t and b at
    j + t for t = 0, 1, ... and look each K-piece up among the other's anchors; stop when t
    alone costs more than the best found (cost: characters skipped on both sides)."""
    best, best_cost = None, None
    limit = max(len(a) - i, len(b) - j)
    t = 0
    while t < limit and (best_cost is None or t < best_cost):
        p = in_b.get(a[i + t:i + t + K], -1) if i + t + K <= len(a) else -1
        if p >= j:
            cost = t + (p - j)
            if best_cost is None or cost < best_cost:
                best, best_cost = (i + t, p), cost
        q = in_a.get(b[j + t:j + t + K], -1) if j + t + K <= len(b) else -1
        if q >= i:
            cost = t + (q - i)
            if best_cost is None or cost < best_cost:
                best, best_cost = (q, j + t), cost
        t += 1
    return best
