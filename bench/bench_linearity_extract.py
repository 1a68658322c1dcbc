"""Extraction time on hostile input: each case of tests/unit/test_linearity_extract.py (one long
line of repeated amounts, names, sentences...) at n and 2n characters, in CPU seconds.

A ratio near 2 is linear, near 4 quadratic, near 8 cubic. Standalone:
    .venv/bin/python bench/bench_linearity_extract.py [--size 100000] [--budget 60] [case ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from reviewer.core.extract import Extractor

TESTS = Path(__file__).resolve().parent.parent / "tests" / "unit" / "test_linearity_extract.py"


def _cases():
    spec = importlib.util.spec_from_file_location("linearity_cases", TESTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table(size: int, names: list[str] | None = None, budget: float = 60.0, repeat: int = 2) -> None:
    cases = _cases()
    extractor = Extractor()
    extractor.extract("Warm up: John Smith paid $1 for 1,000 shares of Acme Holdings Inc.")
    print(f"{'case':32}{'n s':>10}{'2n s':>10}{'ratio':>8}   (n = {size:,} characters, CPU seconds)")
    for name in names or list(cases.CASES):
        unit, _label, layout, *_ = cases.CASES[name]
        times = []
        for n in (size, 2 * size):
            text = cases._document(unit, n, layout)
            best = min(cases._timed(extractor, text)[0] for _ in range(repeat if not times or times[-1] < 1 else 1))
            times.append(best)
            if best > budget:
                break
        if len(times) == 2:
            print(f"{name:32}{times[0]:10.3f}{times[1]:10.3f}{times[1] / times[0]:8.2f}", flush=True)
        else:
            print(f"{name:32}{times[0]:10.3f}{'-':>10}{'-':>8}   (over the {budget:g} s budget)", flush=True)


def run(corpus: Path) -> None:  # bench/run.py entry point; the corpus is not used
    table(100_000)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--budget", type=float, default=60.0, help="skip 2n when n took longer (s)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    table(args.size, args.cases or None, args.budget, args.repeat)
    sys.exit(0)
