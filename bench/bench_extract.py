"""Extraction speed over corpus/large, beside the cost of merely reading the text."""

from __future__ import annotations

import time
from pathlib import Path

from reviewer.core.extract import default_extractor
from reviewer.core.sources import read_file


def _best(fn, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run(corpus: Path) -> None:
    extractor = default_extractor()
    files = sorted((corpus / "large").glob("*.html"))
    texts = [read_file(p).documents[0].text for p in files]
    extractor.extract(texts[0][:2000])  # warm caches (word lists, compiled patterns)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    read_s = _best(lambda: [read_file(p) for p in files])
    extract_s = _best(lambda: [extractor.extract(t) for t in texts])
    fields = sum(len(extractor.extract(t).fields) for t in texts)
    print(f"text: {mb:.2f} MB in {len(files)} 10-K documents; {fields} fields")
    print(f"reading files to text: {read_s:.3f} s")
    print(f"extraction:            {extract_s:.3f} s = {mb / extract_s:.2f} MB of text per second "
          f"(target >= 2), {extract_s / read_s:.2f}x the reading time")
    _against_lxml(files, read_s + extract_s)


def _against_lxml(files: list[Path], ours_s: float) -> None:
    """Our read + extract beside lxml merely pulling the visible text out of the same files."""
    try:
        import lxml.html
    except ImportError:
        print("lxml is not installed (pip install 'filing-reviewer[bench]'): no comparison")
        return
    datas = [p.read_bytes() for p in files]
    lxml_s = _best(lambda: [lxml.html.document_fromstring(d).text_content() for d in datas])
    print(f"lxml, visible text only: {lxml_s:.3f} s; read + extract is {ours_s / lxml_s:.1f}x that (target <= 2)")
