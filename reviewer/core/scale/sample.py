"""Draw a sample from a corpus run's Parquet and hand it, with its fields, to the review database.

DuckDB reads the tables where they are (hive partitions ``form`` and ``year``); only the
batches whose done marker exists count. ``--where`` is DuckDB SQL over one row per
document and field (the view ``rows``: the document's columns without its text, and the
field's ``label``, ``start``, ``"end"``, ``text``, ``value`` (JSON text), ``confidence``,
``extractor``; ``company`` is the header's, else the extracted company's value), so ``form = '8-K' and label = 'money'`` picks the 8-Ks with an amount.
A document qualifies when any of its rows does; identical texts count once. Stratified,
the sample is spread over the strata in proportion to their sizes (each stratum at least
one while the sample is as large as their number); ``confidence`` strata are bands of a
document's lowest confidence among its qualifying fields. The same seed gives the same
sample. Storing is storage's (``Storage.add_filing``), as for any ingest.
"""

from __future__ import annotations

import glob
import json
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from reviewer.core.model import Field, FilingMetadata, OffsetMap, SourceDocument, SourceFiling
from reviewer.core.scale.tables import DOCUMENTS, FIELDS, parquet_glob

STRATA = ("form", "company", "confidence")
_CONFIDENCE_BANDS = ("CASE WHEN c IS NULL THEN 'no confidence' WHEN c < 0.5 THEN 'below 0.5' "
                     "WHEN c < 0.8 THEN '0.5 to 0.8' WHEN c < 0.95 THEN '0.8 to 0.95' ELSE '0.95 and over' END")
_STRATUM_SQL = {None: "'all'", "form": "coalesce(form, '(none)')", "company": "coalesce(company, '(none)')",
                "confidence": _CONFIDENCE_BANDS}
_ROW_COLUMNS = ("d.doc_id, d.batch, d.source, d.kind, d.seq, d.part, d.filename, d.description, d.doc_type, "
                "d.source_format, d.sha256, d.chars, d.form_type, d.accession, d.cik, "
                "coalesce(d.company, k.name) AS company, d.filed_date, "
                'd.period, d.items, d.n_fields, d.form, d.year, f.label, f.start, f."end", f.text, f.value, '
                "f.confidence, f.extractor")


class SampleError(Exception):
    """A sample that cannot be drawn: no corpus run in the folder, or a --where DuckDB refuses."""


@dataclass
class Sample:
    eligible: int = 0  # documents that qualify (identical texts once)
    chosen: list[str] = field(default_factory=list)  # doc ids, in (source, seq) order
    sources: list[str] = field(default_factory=list)  # the source of each chosen document
    strata: dict[str, tuple[int, int]] = field(default_factory=dict)  # stratum -> (chosen, eligible)


def allocate(n: int, sizes: dict[str, int], rng: random.Random | None = None) -> dict[str, int]:
    """How many to draw from each stratum: proportional to its size by largest remainders,
    each stratum at least one when ``n`` allows, never more than a stratum holds. With
    fewer to draw than strata, ``n`` strata get one each, drawn with ``rng`` in proportion
    to their sizes."""
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    names = sorted(sizes, key=lambda s: (-sizes[s], s))
    if n < len(names):
        rng = rng or random.Random(0)
        pool, picked = list(names), set()
        while len(picked) < n:
            s = rng.choices(pool, weights=[sizes[p] for p in pool])[0]
            pool.remove(s)
            picked.add(s)
        return {s: int(s in picked) for s in names}
    take = {s: 1 for s in names}
    left = n - len(names)
    room = {s: sizes[s] - 1 for s in names}
    spare = sum(room.values())
    quotas = {s: left * room[s] / spare if spare else 0 for s in names}
    for s in names:
        take[s] += int(quotas[s])
    rest = n - sum(take.values())
    for s in sorted(names, key=lambda s: (-(quotas[s] - int(quotas[s])), s)):
        if rest <= 0:
            break
        if take[s] < sizes[s]:
            take[s] += 1
            rest -= 1
    return take


class Corpus:
    """The tables of one corpus run, open in DuckDB (in memory; the Parquet stays where it is)."""

    def __init__(self, folder: str | os.PathLike):
        import duckdb

        self.folder = os.fspath(folder)
        done = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(self.folder, "_done", "*.json")))
        if not done or not glob.glob(parquet_glob(self.folder, "documents"), recursive=True):
            raise SampleError(f"{self.folder}: no finished corpus run here (reviewer extract --engine dask --out)")
        self.db = duckdb.connect()
        self.db.execute("CREATE TABLE done (batch VARCHAR)")
        self.db.executemany("INSERT INTO done VALUES (?)", [(b,) for b in done])
        self.db.execute(f"CREATE VIEW documents AS SELECT * FROM {self._read('documents', DOCUMENTS)} "
                        "WHERE batch IN (SELECT batch FROM done)")
        self.db.execute(f"CREATE VIEW fields AS SELECT f.* FROM {self._read('fields', FIELDS)} f "
                        "SEMI JOIN documents d ON f.doc_id = d.doc_id")
        self.db.execute("CREATE VIEW companies AS SELECT doc_id, json_extract_string(min(value), '$') AS name "
                        "FROM fields WHERE label = 'company' GROUP BY doc_id")
        self.db.execute(f"CREATE VIEW rows AS SELECT {_ROW_COLUMNS} FROM documents d "
                        "LEFT JOIN companies k ON k.doc_id = d.doc_id LEFT JOIN fields f ON f.doc_id = d.doc_id")

    def _read(self, table: str, schema) -> str:
        pattern = parquet_glob(self.folder, table)
        if glob.glob(pattern, recursive=True):
            return (f"read_parquet({_quote(pattern)}, hive_partitioning = true, union_by_name = true, "
                    "hive_types = {'form': VARCHAR, 'year': INTEGER})")
        import pyarrow as pa

        self.db.register(f"empty_{table}", pa.Table.from_pylist([], schema=schema))
        return f"empty_{table}"

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def choose(self, n: int | None = None, *, where: str | None = None, stratify: str | None = None,
               seed: int = 0) -> Sample:
        """The documents of a sample of ``n`` (all that qualify when None)."""
        import duckdb

        if stratify not in _STRATUM_SQL:
            raise SampleError(f"cannot stratify by {stratify!r}: one of {', '.join(STRATA)}")
        condition = f"WHERE ({where})" if where and where.strip() else ""
        per_document = ("SELECT doc_id, any_value(sha256) AS sha256, any_value(source) AS source, any_value(seq) AS seq,"
                        " any_value(form) AS form, any_value(company) AS company, min(confidence) AS c"
                        f" FROM rows {condition} GROUP BY doc_id")
        sql = (f"SELECT doc_id, {_STRATUM_SQL[stratify]} AS stratum, source, seq FROM ({per_document}) "
               "QUALIFY row_number() OVER (PARTITION BY sha256 ORDER BY doc_id) = 1 ORDER BY doc_id")
        try:
            rows = self.db.execute(sql).fetchall()
        except duckdb.Error as err:
            raise SampleError(f"--where {where!r}: {str(err).splitlines()[0]}") from None
        by_stratum: dict[str, list[tuple]] = {}
        for row in rows:
            by_stratum.setdefault(row[1], []).append(row)
        rng = random.Random(seed)
        take = allocate(len(rows) if n is None else n, {s: len(v) for s, v in by_stratum.items()}, rng)
        chosen = []
        sample = Sample(eligible=len(rows))
        for stratum in sorted(by_stratum):
            picked = rng.sample(by_stratum[stratum], take[stratum])
            chosen.extend(picked)
            sample.strata[stratum] = (take[stratum], len(by_stratum[stratum]))
        chosen.sort(key=lambda r: (r[2], r[3], r[0]))
        sample.chosen = [r[0] for r in chosen]
        sample.sources = [r[2] for r in chosen]
        return sample

    def filings(self, sample: Sample, chunk: int = 200) -> Iterator[tuple[SourceFiling, list[str],
                                                                           list[list[Field]], list[list[dict]]]]:
        """The chosen documents as filings ready to store (the documents of one source
        together), each with its documents' types, fields and checks; read ``chunk``
        documents at a time (a filing is never cut)."""
        ids, sources = sample.chosen, sample.sources
        start = 0
        while start < len(ids):
            end = min(start + chunk, len(ids))
            while end < len(ids) and sources[end] == sources[end - 1]:
                end += 1
            wanted = ids[start:end]
            start = end
            docs = self._fetch("SELECT d.* FROM documents d JOIN wanted w ON d.doc_id = w.doc_id "
                               "ORDER BY d.source, d.seq, d.doc_id", wanted)
            fields: dict[str, list[Field]] = {}
            for f in self._fetch("SELECT f.* FROM fields f JOIN wanted w ON f.doc_id = w.doc_id "
                                 "ORDER BY f.doc_id, f.ord", wanted):
                fields.setdefault(f["doc_id"], []).append(_field(f))
            group: list[dict] = []
            for d in docs:
                if group and d["source"] != group[0]["source"]:
                    yield _filing(group, fields)
                    group = []
                group.append(d)
            if group:
                yield _filing(group, fields)

    def _fetch(self, sql: str, ids: list[str]) -> list[dict]:
        import pyarrow as pa

        self.db.register("wanted", pa.table({"doc_id": pa.array(ids, pa.string())}))
        try:
            result = self.db.execute(sql)
            fetch = getattr(result, "to_arrow_table", None) or result.fetch_arrow_table  # (DuckDB < 1.4)
            return fetch().to_pylist()
        finally:
            self.db.unregister("wanted")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _loads(text: str | None):
    return None if text is None else json.loads(text)


def _field(row: dict) -> Field:
    return Field(None, None, row["label"], row["start"], row["end"], row["text"], _loads(row["value"]),
                 row["confidence"], row["extractor"])


def _filing(group: list[dict], fields: dict[str, list[Field]]):
    first = group[0]
    meta = FilingMetadata(accession=first["accession"], cik=first["cik"], form_type=first["form_type"],
                          filed_date=first["filed_date"], period=first["period"], company=first["company"],
                          items=list(first["items"] or []), item_titles=list(first["item_titles"] or []),
                          header=_loads(first["header"]) or {})
    documents = [SourceDocument(d["text"], d["original"], d["source_format"], OffsetMap.from_bytes(d["offset_map"]),
                                encoding=d["encoding"], part=d["part"], sequence=d["seq"], filename=d["filename"],
                                description=d["description"], warnings=list(d["warnings"] or []),
                                metadata=_loads(d["metadata"]) or {}) for d in group]
    filing = SourceFiling(first["source"], first["kind"], meta, documents)
    return (filing, [d["doc_type"] for d in group], [fields.get(d["doc_id"], []) for d in group],
            [_loads(d["checks"]) or [] for d in group])


@dataclass
class IngestedSample:
    sample: Sample
    filings: int = 0
    added: int = 0
    duplicates: int = 0
    fields: int = 0


def ingest_sample(storage, folder: str | os.PathLike, n: int | None = None, *, where: str | None = None,
                  stratify: str | None = None, seed: int = 0,
                  on_filing: Callable[[SourceFiling, list[int], int], None] | None = None) -> IngestedSample:
    """Draw a sample and store it with its fields and checks, as extracted (no reading or
    extraction again). ``on_filing(filing, ids added, duplicates)`` after each filing."""
    from reviewer.core.storage import ReadOnlyError

    if storage.read_only:
        raise ReadOnlyError(f"cannot ingest: {storage.path} is open read-only ({storage.read_only_reason})")
    with Corpus(folder) as corpus:
        sample = corpus.choose(n, where=where, stratify=stratify, seed=seed)
        result = IngestedSample(sample)
        for filing, doc_types, fields, checks in corpus.filings(sample):
            _, added, duplicates = storage.add_filing(filing, doc_types=doc_types, fields=fields, checks=checks)
            result.filings += 1
            result.added += len(added)
            result.duplicates += duplicates
            result.fields += sum(sum(storage.field_counts(i).values()) for i in added)
            if on_filing is not None:
                on_filing(filing, added, duplicates)
    return result
