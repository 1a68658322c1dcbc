"""Every reader is linear in its input, so that no hostile file can stall a run.

Each case reads an input of n characters (n >= 100 KB) and one of 2n with
``read_bytes``, best of three rounds taken in turn, and asserts that the time ratio
stays under 3.0: a linear reader gives about 2, a quadratic one about 4. Times are the
reading thread's CPU time (neither other processes on a busy machine nor other threads
of the test process count), a round lasts 50 ms or more, and the cyclic garbage
collector is paused during a round (its passes cost what the whole test process holds,
not what the read does). A ratio over the limit earns up to nine more rounds: the best
times only come nearer the true ones, so a quadratic reader still fails. A read of n
that takes longer than SLOW seconds fails at once (interrupted where the platform
allows): a quadratic reader fails quickly, it does not hang the suite.

REVIEWER_LONG=1 (``make test-long``) makes every input 11 times larger: n = 1.1 MB,
nesting 100,000 and 200,000 levels deep, submissions of 11,000 and 22,000 documents.
"""

from __future__ import annotations

import gc
import os
import re
import signal
import time

import pytest

from reviewer.core.sources import SourceError, read_bytes

LONG = os.environ.get("REVIEWER_LONG") == "1"
SCALE = 11 if LONG else 1
N = 100_000 * SCALE
# time(2n) / time(n): a linear reader gives about 2, a quadratic one about 4. Reads of 0.02-0.5 s
# measured 2.66 on a quiet machine (cache and allocator effects), so the bar sits between.
MAX_RATIO = 3.0
SLOW = 10.0 * SCALE  # seconds for one read of n: far beyond any linear reader


def rep(unit: str, size: int) -> str:
    return unit * (size // len(unit) + 1)


def nest(open_: str, inner: str, close: str, size: int) -> str:
    depth = size // (len(open_) + len(close)) + 1
    return open_ * depth + inner + close * depth


# -- HTML: the element stack ---------------------------------------------------------
STACK = {
    "div nested": lambda n: nest("<div>", "x", "</div>", n),
    "span nested, a line break in each": lambda n: nest("<span>x<br>", "x", "</span>", n),
    "b nested, a paragraph in each": lambda n: nest("<b><p>x</p>", "x", "</b>", n),
    "div unclosed": lambda n: rep("<div>x", n),
    "td unclosed": lambda n: "<table>" + rep("<td>x", n),
    "tr td unclosed": lambda n: "<table>" + rep("<tr><td>x", n),
    "stray end tags on a deep stack": lambda n: "<p>x" + rep("<div>", n // 2) + rep("</span>", n // 2),
}

# -- HTML: constructs left open, which the standard parser rescans ---------------------
# Each follows a page of ordinary HTML (half the size), whose reading dominates the time
# of a linear reader. "<!DOCTYPE" and "<!x" openers cost the standard parser only a fast
# search each, so their run is longer (quadratic all the same).
def page(n: int) -> str:
    return rep("<p>Item 8.01 <b>Other</b> Events &amp; a <a href='#x'>link</a></p>\n", n // 2)


OPENERS = {
    "comment opener repeated": lambda n: page(n) + rep("<!--", n),
    "one comment opener, then text": lambda n: page(n) + "<!--" + rep("text and more ", n),
    "CDATA opener repeated": lambda n: page(n) + rep("<![CDATA[", n),
    "processing instruction opener repeated": lambda n: page(n) + rep("<?", n),
    "DOCTYPE opener repeated": lambda n: page(n) + rep("<!DOCTYPE", 8 * n),
    "declaration opener repeated": lambda n: page(n) + rep("<!x", 8 * n),
    "end tag opener repeated": lambda n: page(n) + rep("</a", n),
    "start tag opener repeated": lambda n: page(n) + rep("<a ", n),
    "quoted attribute opener repeated": lambda n: page(n) + rep("<a x='", n),
    "one huge attribute": lambda n: page(n) + "<a href='" + rep("x", n),
    "ampersands": lambda n: page(n) + rep("&", n // 2),
    "entities": lambda n: page(n) + rep("&amp;&#38;&#x26;&bogus;", n // 2),
    "broken character references": lambda n: page(n) + rep("&#", n) + ";",
}

# -- EDGAR SGML ------------------------------------------------------------------------
HEADER = (
    "<SEC-DOCUMENT>0000000000-24-000001.txt : 20240103\n<SEC-HEADER>\n"
    "ACCESSION NUMBER:\t\t0000000000-24-000001\nCONFORMED SUBMISSION TYPE:\t8-K\n"
)
PRIMARY = "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nItem 8.01 Other Events\n</TEXT>\n</DOCUMENT>\n"
EXHIBIT = (
    "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<TEXT>\n<html><p>Press release</p></html>\n"
    "</TEXT>\n</DOCUMENT>\n"
)
GRAPHIC = (
    "<DOCUMENT>\n<TYPE>GRAPHIC\n<FILENAME>g.jpg\n<TEXT>\nbegin 644 g.jpg\nM_]C_X\n`\nend\n"
    "</TEXT>\n</DOCUMENT>\n"
)


def submission(documents: str, header_lines: str = "") -> str:
    return HEADER + header_lines + "</SEC-HEADER>\n" + documents + "</SEC-DOCUMENT>\n"


SGML = {
    "header opener repeated": lambda n: "<SEC-DOCUMENT>x\n" + rep("<SEC-HEADER>\n", n),
    "header unclosed, documents after": lambda n: HEADER + rep(PRIMARY, n),
    "header line with a run of blanks": lambda n: submission(PRIMARY, "FILER:\ta" + " " * n + "b\n"),
    "document opener repeated": lambda n: submission(rep("<DOCUMENT>\n", n)),
    "document unclosed, lines after": lambda n: submission(
        PRIMARY + "<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n" + rep("a line\n", n)
    ),
    "text opener repeated": lambda n: submission(
        "<DOCUMENT>\n<TYPE>8-K\n" + rep("<TEXT>\n", n) + "</DOCUMENT>\n"
    ),
    "tag line with a run of blanks": lambda n: submission(
        PRIMARY.replace("<TYPE>8-K", "<TYPE>8-K" + " " * n + "x")
    ),
    "XML wrapper with a run of blanks": lambda n: submission(
        "<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n<a>" + " " * n + "x</a>\n</XML>\n</TEXT>\n</DOCUMENT>\n"
    ),
    "many documents": lambda n: submission(PRIMARY + rep(EXHIBIT + GRAPHIC, n)),
}

# -- NUL bytes -------------------------------------------------------------------------
NUL = {
    "NUL bytes after the first 8 KB": lambda n: rep("<p>plain text</p>\n", n) + "\x00\x00",
}

# -- plain text with old EDGAR markers, and plain text in an HTML wrapper -------------------
LINES = {
    "marked text: page markers": lambda n: rep("<PAGE>  2\nItem 5. Other Events\n<S>   <C>\n", n),
    "marked text: a marker in a long line": lambda n: "<PAGE>\n\n\n" + rep("word <F1> ", n),
    "marked text in a submission": lambda n: submission(
        "<DOCUMENT>\n<TYPE>8-K\n<TEXT>\n<PAGE>\n" + rep("a line\n<PAGE>\n", n) + "</TEXT>\n</DOCUMENT>\n"
    ),
    "plain text in a div": lambda n: "<html><body><div>" + rep("Item 8.01 Other  Events &amp; more\n", n)
    + "</div></body></html>",
    "plain text in a div, one long line": lambda n: "<body><div>" + rep("word ", n) + "</div></body>",
    # inline XBRL facts, recorded with their spans
    "inline XBRL facts": lambda n: "<p>" + rep('<ix:nonNumeric name="dei:TradingSymbol">AB</ix:nonNumeric> ', n),
    "inline XBRL facts nested, unclosed": lambda n: "<p>" + rep('<ix:nonNumeric name="dei:X">a', n),
    "inline XBRL facts nested, closed at once": lambda n: "<p><div>" + rep('<ix:nonNumeric name="dei:X">', n)
    + "a</div>",
    "hidden inline XBRL facts": lambda n: "<div><ix:header>" + rep('<ix:nonNumeric name="dei:X">a b</ix:nonNumeric>', n)
    + "</ix:header></div><p>x</p>",
    "a hidden fact of many parts": lambda n: '<div><ix:header><ix:nonNumeric name="dei:X">' + rep("a&amp;", n),
}

# -- Markdown (read by suffix) -----------------------------------------------------------
MARKDOWN = {
    "md: a release": lambda n: rep("# Title\n\n**NEW YORK, May 1, 2024** -- [Acme](https://a.example) "
                                   "sold \\$5 *million* of `notes`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n", n),
    "md: star openers": lambda n: rep("*a ", n),
    "md: star closers after openers": lambda n: rep("*a ", n // 2) + rep("a* ", n // 2),
    "md: underscores inside words": lambda n: rep("a_b ", n),
    "md: alternating markers": lambda n: rep("*a _b ", n // 2) + rep("a* b_ ", n // 2),
    "md: bracket openers": lambda n: rep("[", n),
    "md: brackets, then closers": lambda n: rep("[a", n // 2) + rep("]", n // 2),
    "md: link openers without a target": lambda n: rep("[a](", n),
    "md: link targets left open": lambda n: rep("[a](b", n),
    "md: link titles left open": lambda n: rep('[a](b "c', n),
    "md: reference labels": lambda n: "[x]: https://x.example\n\n" + rep("[x] [y][x] ", n),
    "md: backtick runs of growing length": lambda n: "".join("`" * k + "a" for k in range(1, 2000))[:n] + rep("a", n),
    "md: backticks": lambda n: rep("`", n),
    "md: comment openers": lambda n: rep("<!--", n),
    "md: tag openers": lambda n: rep("<a ", n),
    "md: autolink openers": lambda n: rep("<http:a", n),
    "md: entities and ampersands": lambda n: rep("&amp; &#36; & &bogus; ", n),
    "md: escapes": lambda n: rep("\\$\\*\\", n),
    "md: quote markers": lambda n: rep(">", n) + " a",
    "md: pipes without a table": lambda n: rep("|a", n),
    "md: a long table": lambda n: "| a | b |\n|---|---|\n" + rep("| 1 | \\| x |\n", n),
    "md: blanks in a line": lambda n: "a" + " " * n + "b",
    "md: many short lines": lambda n: rep("a\n", n),
    "md: heading markers": lambda n: rep("#", n) + " a",
}
SUFFIX = {name: ".md" for name in MARKDOWN}

CASES = {**STACK, **OPENERS, **SGML, **NUL, **LINES, **MARKDOWN}


class _TooSlow(BaseException):  # not an Exception: no reader may turn it into a reason
    pass


def _read(data: bytes, suffix: str = ".txt"):
    try:
        return read_bytes("hostile" + suffix, data)
    except SourceError as err:
        return err


def _interrupt_after(seconds: float):
    """Interrupt the test after ``seconds`` (where SIGALRM exists); returns an undo."""
    if not hasattr(signal, "setitimer"):
        return lambda: None

    def on_alarm(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def undo():
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return undo


ROUND = 0.05  # seconds: a round repeats a short read until it has lasted this long


class _Timer:
    """The best time of one read of ``data``, in CPU time of this thread; a round repeats
    the read until it has lasted ROUND or more, so that short reads are timed well too."""

    def __init__(self, data: bytes, suffix: str = ".txt"):
        self.data = data
        self.suffix = suffix
        start = time.thread_time()
        _read(data, suffix)
        self.once = time.thread_time() - start
        self.reps = max(1, int(ROUND / max(self.once, 1e-6)))
        self.best = self.once if self.reps == 1 else float("inf")  # a short read is no round

    def round(self) -> float:
        gc.collect()
        gc.disable()
        try:
            start = time.thread_time()
            for _ in range(self.reps):
                _read(self.data, self.suffix)
            elapsed = time.thread_time() - start
        finally:
            gc.enable()
        self.best = min(self.best, elapsed / self.reps)
        return self.best


def _ratio(small: bytes, large: bytes, suffix: str = ".txt") -> tuple[float, float]:
    """Best times of n and 2n, in alternate rounds so that both meet the same load.

    Reads of a second or more need no more rounds to tell linear from quadratic; a
    ratio over the limit (noise on a loaded machine) earns up to nine more rounds.
    More rounds only bring the best times nearer the true ones: a quadratic reader's
    ratio stays near 4."""
    timers = _Timer(small, suffix), _Timer(large, suffix)
    if timers[0].once >= 1.0:
        return timers[0].once, timers[1].once
    for _ in range(4):
        for _ in range(3):
            t_small, t_large = timers[0].round(), timers[1].round()
        if t_large / t_small < MAX_RATIO:
            break
    return t_small, t_large


def _check_offsets(result) -> None:
    """Whatever the input, the text still maps back to its source."""
    if isinstance(result, SourceError):
        return
    for doc in result.documents:
        if doc.source_format == "xml":
            continue  # "name: value" lines: the names are not in the source there
        for m in re.finditer(r"[A-Za-z0-9]", doc.text[:2000]):
            assert doc.source[doc.offset_map.to_source(m.start())] == m.group()


@pytest.mark.parametrize("name", list(CASES))
def test_reading_time_is_linear(name):
    small = CASES[name](N).encode()
    large = CASES[name](2 * N).encode()
    suffix = SUFFIX.get(name, ".txt")
    assert len(small) >= N
    undo = _interrupt_after(SLOW)
    try:
        start = time.perf_counter()
        result = _read(small, suffix)
        first = time.perf_counter() - start
    except _TooSlow:
        pytest.fail(f"{name}: reading {len(small):,} bytes took more than {SLOW:.0f} s")
    finally:
        undo()
    assert first < SLOW, f"{name}: reading {len(small):,} bytes took {first:.1f} s"
    _check_offsets(result)
    t_small, t_large = _ratio(small, large, suffix)
    ratio = t_large / t_small
    assert ratio < MAX_RATIO, (
        f"{name}: {len(small):,} bytes in {t_small:.4f} s, {len(large):,} in {t_large:.4f} s "
        f"(ratio {ratio:.2f})"
    )


def test_nul_bytes_anywhere_make_a_file_binary():
    data = NUL["NUL bytes after the first 8 KB"](N).encode()
    with pytest.raises(SourceError, match=r"^binary file .*NUL byte at offset \d+"):
        read_bytes("late-nul.html", data)
