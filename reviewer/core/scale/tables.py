"""The Parquet tables of a corpus run: documents, fields and errors.

Layout under the output folder (hive partitioning, ``form`` then ``year``)::

    documents/form=8-K/year=2024/part-<batch>-<n>.parquet
    fields/form=8-K/year=2024/part-<batch>-<n>.parquet
    errors/part-<batch>-<n>.parquet
    _done/<batch>.json        written last: the batch is complete

``form`` is the form type of the submission's header, else the type the classifier gives
the document ("press_release" for a loose release); ``year`` is the filing year of the
header (null, ``__HIVE_DEFAULT_PARTITION__``, when there is none). A document carries
everything the review database stores of it (text, original source, offset map,
metadata, checks), so a sample is ingested without reading or extracting again.
Values are JSON texts, as the review database keeps them.
"""

from __future__ import annotations

import json
import os

import pyarrow as pa
import pyarrow.parquet as pq

_str, _int, _list = pa.string(), pa.int64(), pa.list_(pa.string())

DOCUMENTS = pa.schema([
    ("doc_id", _str), ("batch", _str), ("source", _str), ("kind", _str), ("seq", _int), ("part", _str),
    ("filename", _str), ("description", _str), ("doc_type", _str), ("source_format", _str),
    ("encoding", _str), ("sha256", _str), ("chars", _int), ("text", pa.large_string()),
    ("original", pa.large_string()), ("offset_map", pa.binary()), ("metadata", _str),
    ("form_type", _str), ("accession", _str), ("cik", _str), ("company", _str), ("filed_date", _str),
    ("period", _str), ("items", _list), ("item_titles", _list), ("header", _str), ("warnings", _list),
    ("skipped", _str), ("checks", _str), ("n_fields", _int), ("form", _str), ("year", pa.int32()),
])
FIELDS = pa.schema([
    ("doc_id", _str), ("ord", _int), ("source", _str), ("part", _str), ("label", _str), ("start", _int),
    ("end", _int),
    ("text", _str), ("value", _str), ("confidence", pa.float64()), ("extractor", _str),
    ("form", _str), ("year", pa.int32()),
])
ERRORS = pa.schema([("batch", _str), ("source", _str), ("stage", _str), ("reason", _str)])
PARTITIONS = ["form", "year"]
TABLES = ("documents", "fields", "errors")


def dumps(value) -> str | None:
    """JSON text as the review database stores a value (None stays null)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def write_part(out: str, table_name: str, rows: list[dict], batch: str, chunk: int) -> None:
    """Write rows of one table for one batch; a rerun of the batch overwrites the same
    file names (a batch that stopped half-way leaves nothing behind that counts)."""
    if not rows:
        return
    schema = {"documents": DOCUMENTS, "fields": FIELDS, "errors": ERRORS}[table_name]
    table = pa.Table.from_pylist(rows, schema=schema)
    root = os.path.join(out, table_name)
    if table_name == "errors":
        os.makedirs(root, exist_ok=True)
        pq.write_table(table, os.path.join(root, f"part-{batch}-{chunk}.parquet"), compression="zstd")
        return
    pq.write_to_dataset(table, root, partition_cols=PARTITIONS, basename_template=f"part-{batch}-{chunk}-{{i}}.parquet",
                        existing_data_behavior="overwrite_or_ignore", compression="zstd")


def done_path(out: str, batch: str) -> str:
    return os.path.join(out, "_done", f"{batch}.json")


def is_done(out: str, batch: str) -> bool:
    return os.path.exists(done_path(out, batch))


def mark_done(out: str, batch: str, counts: dict) -> None:
    """The batch's marker, written last and renamed into place."""
    path = done_path(out, batch)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(counts, f)
    os.replace(tmp, path)


def parquet_glob(out: str, table_name: str) -> str:
    """Where a table's files are, as a glob DuckDB reads."""
    return os.path.join(out, table_name, "**", "*.parquet")
