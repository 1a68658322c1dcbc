"""Extraction speed over corpus/large, beside the cost of merely reading the text, and the
end-to-end figure: reading + extraction against lxml pulling out the visible text of the
same files, in the same run (target: at most 2 times lxml's time). Times are CPU time of
this process, best of five: all three are single-threaded, and other jobs on the machine
then weigh less on the ratios."""

from __future__ import annotations

import os
import time
from pathlib import Path

from reviewer.core.extract import default_extractor
from reviewer.core.sources import read_file
from reviewer.core.sources.html_parser import SENTINEL
from reviewer.core.sources.html_tokens import tokenize

TARGET = 2.0  # read + extract, in multiples of lxml's time for the visible text


def _best(fn, repeat=5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def run(corpus: Path) -> None:
    extractor = default_extractor()
    files = sorted((corpus / "large").glob("*.html"))
    texts = [read_file(p).documents[0].text for p in files]
    extractor.extract(texts[0][:2000])  # warm caches (word lists, compiled patterns)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    source_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"load average before: {_load()}")
    read_s = _best(lambda: [read_file(p) for p in files])
    extract_s = _best(lambda: [extractor.extract(t) for t in texts])
    fields = sum(len(extractor.extract(t).fields) for t in texts)
    print(f"text: {mb:.2f} MB from {source_mb:.2f} MB of HTML in {len(files)} 10-K documents; {fields} fields")
    print(f"reading files to text: {read_s:.3f} s = {source_mb / read_s:.1f} MB of HTML per second")
    print(f"extraction:            {extract_s:.3f} s = {mb / extract_s:.2f} MB of text per second "
          f"(target >= 2), {extract_s / read_s:.2f}x the reading time")
    _against_lxml(files, read_s, extract_s)
    print(f"load average after: {_load()}")


def _against_lxml(files: list[Path], read_s: float, extract_s: float) -> None:
    """Our read + extract beside lxml merely pulling the visible text out of the same files."""
    try:
        import lxml.html
    except ImportError:
        print("lxml is not installed (pip install 'filing-reviewer[bench]'): no comparison")
        return
    datas = [p.read_bytes() for p in files]
    lxml_s = _best(lambda: [lxml.html.document_fromstring(d).text_content() for d in datas])
    total = read_s + extract_s
    ratio = total / lxml_s
    print(f"lxml, visible text only: {lxml_s:.3f} s")
    print(f"  reading    = {read_s / lxml_s:.1f}x lxml ({read_s / total:.0%} of read + extract)")
    print(f"  extraction = {extract_s / lxml_s:.1f}x lxml ({extract_s / total:.0%} of read + extract)")
    print(f"read + extract: {total:.3f} s = {ratio:.1f}x lxml (target <= {TARGET:g}x: "
          f"{'met' if ratio <= TARGET else 'not met'})")
    floor_s = _best(lambda: [tokenize(p.read_text(encoding="utf-8", errors="replace") + SENTINEL, _Ignore())
                             for p in files])
    print(f"  floor: our tokenizer alone, every token ignored: {floor_s:.3f} s = {floor_s / lxml_s:.1f}x lxml "
          f"(the rest of reading is building the text, its offset map and the facts)")


class _Ignore:
    """A tokenizer handler that does nothing: the cost of finding the tokens, in Python."""

    def start(self, *args):
        pass

    end_tag = data = entity = skipped = start
