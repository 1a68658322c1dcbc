"""Corpus scale: extract a whole corpus on Dask into Parquet, then review a sample of it.

``run`` (run.py) cuts the inputs (files, folders, EDGAR daily feed archives read as
streams) into batches (inputs.py) and runs each batch as one Dask task (work.py), which
reads and extracts exactly as local extraction does and writes the documents, fields
and errors tables (tables.py). ``sample`` (sample.py) queries those tables with DuckDB
and hands the chosen documents, with their fields, to the review database's storage.

Dask, distributed, pyarrow and DuckDB are the optional extra ``filing-reviewer[scale]``;
nothing here is imported by the rest of the program until asked for.
"""

from __future__ import annotations

MISSING_EXTRA = "needs the optional extra: pip install 'filing-reviewer[scale]'"


def missing_extra() -> str | None:
    """None when the scale extra is installed, else what to install (one line)."""
    from importlib.util import find_spec

    missing = [m for m in ("dask", "distributed", "pyarrow", "duckdb") if find_spec(m) is None]
    return f"{', '.join(missing)} not installed: {MISSING_EXTRA}" if missing else None
