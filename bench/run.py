"""`make bench`: every benchmark of the project, in one run, printed as a table.

Targets are reported as ratios measured in the same run, never asserted in tests.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
CORPUS = HERE.parent.parent / "shared" / "corpus"

BENCHES = ["bench_ingest", "bench_extract", "bench_linearity_extract", "bench_gui", "bench_filing_view",
           "bench_queue", "bench_export", "bench_team", "bench_scale", "bench_train"]


def main(names: list[str]) -> int:
    if not CORPUS.is_dir():
        print(f"the shared corpus is missing ({CORPUS})", file=sys.stderr)
        return 1
    for name in names or BENCHES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:
                continue  # not written yet
            print(f"== {name[len('bench_'):]} ==\nskipped: it needs {err.name}, which is not installed\n")
            continue
        print(f"== {name[len('bench_'):]} ==")
        module.run(CORPUS)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
