"""Filings and documents: ingest, the queue, document decisions and counts."""

from __future__ import annotations

import zlib

from reviewer.core.model import (
    DOCUMENT_STATUSES,
    Check,
    Document,
    Field,
    Filing,
    FilingMetadata,
    OffsetMap,
    SourceDocument,
    SourceFiling,
)
from reviewer.core.storage.common import (
    DOC_COLUMNS,
    decode_value,
    dumps_value,
    fts_query,
    insert_audit,
    now,
    text_sha256,
)
from reviewer.core.storage.queue import Queue


def document_from_row(row, text: str | None = None) -> Document:
    return Document(
        id=row["id"], filing_id=row["filing_id"], seq=row["seq"], part=row["part"], doc_type=row["doc_type"],
        filename=row["filename"], description=row["description"], source_path=row["source_path"],
        source_format=row["source_format"], sha256=row["sha256"], text_length=row["text_length"],
        metadata=decode_value(row["metadata"]), checks=[Check.from_dict(c) for c in decode_value(row["checks"]) or []], status=row["status"],
        reviewer=row["reviewer"], decided_at=row["decided_at"], ingested_at=row["ingested_at"], text=text,
    )


class Documents(Queue):
    """Filings and documents (a part of Storage; uses its connection); the queue's queries
    are in Queue (storage/queue.py)."""

    # -- filings and documents -------------------------------------------------
    def has_text(self, sha256: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def add_filing(
        self,
        filing: SourceFiling,
        *,
        doc_types: list[str] | None = None,
        fields: list[list[Field]] | None = None,
        checks: list[list[dict]] | None = None,
    ) -> tuple[int | None, list[int], int]:
        """Store a filing and those of its documents whose text is new.

        ``doc_types``, ``fields`` and ``checks`` run parallel to ``filing.documents``.
        Returns (filing id or None when every document was a duplicate, ids of the
        documents added, number of duplicate documents).
        """
        meta = filing.metadata
        added: list[int] = []
        duplicates = 0
        stamp = now()
        with self.transaction():
            new_docs = []
            seen: set[str] = set()  # digests of this filing's documents so far (no scan per document)
            for index, doc in enumerate(filing.documents):
                digest = text_sha256(doc.text)
                if digest in seen or self.has_text(digest):
                    duplicates += 1
                else:
                    new_docs.append((index, digest))
                    seen.add(digest)
            if not new_docs:
                return None, [], duplicates
            filing_id = self.db["filings"].insert(
                {
                    "kind": filing.kind,
                    "source_path": filing.path,
                    "accession": meta.accession,
                    "cik": meta.cik,
                    "form_type": meta.form_type,
                    "company": meta.company,
                    "filed_date": meta.filed_date,
                    "period": meta.period,
                    "items": dumps_value(meta.items),
                    "item_titles": dumps_value(meta.item_titles),
                    "header": dumps_value(meta.header),
                    "ingested_at": stamp,
                }
            ).last_pk
            for index, digest in new_docs:
                doc = filing.documents[index]
                doc_type = doc_types[index] if doc_types else "other"
                doc_id = self._insert_document(filing_id, filing, doc, index, digest, doc_type, stamp)
                if checks:
                    self.set_checks(doc_id, checks[index])
                if fields:
                    self.add_fields(doc_id, fields[index])
                added.append(doc_id)
        return filing_id, added, duplicates

    def _insert_document(self, filing_id, filing, doc: SourceDocument, index, digest, doc_type, stamp):
        meta = filing.metadata.as_dict()
        meta.update(doc.metadata)  # what the reader found in this document (inline XBRL cover facts)
        meta.update({"exhibit": doc.part if doc.part and doc.part.upper().startswith("EX-") else None,
                     "part": doc.part, "filename": doc.filename, "description": doc.description})
        return self.db["documents"].insert(
            {
                "filing_id": filing_id,
                "seq": doc.sequence if doc.sequence is not None else index + 1,
                "part": doc.part,
                "doc_type": doc_type,
                "filename": doc.filename,
                "description": doc.description,
                "source_path": filing.path,
                "source_format": doc.source_format,
                "source_encoding": doc.encoding,
                "text": doc.text,
                "sha256": digest,
                "text_length": len(doc.text),
                "source_zlib": zlib.compress(doc.source.encode("utf-8", "surrogatepass"), 6),
                "offset_map": doc.offset_map.to_bytes(),
                "metadata": dumps_value(meta),
                "checks": "[]",
                "status": "pending",
                "ingested_at": stamp,
            }
        ).last_pk

    def get_filing(self, filing_id: int) -> Filing:
        row = self.rows(
            "SELECT id, kind, source_path, accession, cik, form_type, company, filed_date, period,"
            " items, item_titles, header, ingested_at FROM filings WHERE id = ?",
            (filing_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no filing {filing_id}")
        meta = FilingMetadata(
            accession=row["accession"], cik=row["cik"], form_type=row["form_type"], company=row["company"],
            filed_date=row["filed_date"], period=row["period"], items=decode_value(row["items"]),
            item_titles=decode_value(row["item_titles"]), header=decode_value(row["header"]),
        )
        return Filing(row["id"], row["kind"], row["source_path"], meta, row["ingested_at"])

    def has_document(self, document_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def get_document(self, document_id: int, *, with_text: bool = True) -> Document:
        cols = DOC_COLUMNS + (", text" if with_text else "")
        row = self.rows(f"SELECT {cols} FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return document_from_row(row, row["text"] if with_text else None)

    def document_source(self, document_id: int) -> tuple[str, str, OffsetMap]:
        """(original source, its format, the text-to-source offset map)."""
        row = self.rows(
            "SELECT source_zlib, source_format, offset_map FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        source = zlib.decompress(row["source_zlib"]).decode("utf-8", "surrogatepass")
        return source, row["source_format"], OffsetMap.from_bytes(row["offset_map"])

    def list_documents(
        self, *, status: str | None = None, search: str | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> list[Document]:
        where, params = self._document_filter(status, search)
        sql = f"SELECT {DOC_COLUMNS} FROM documents {where} ORDER BY id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [document_from_row(r) for r in self.rows(sql, params)]

    def count_documents(self, *, status: str | None = None, search: str | None = None) -> int:
        where, params = self._document_filter(status, search)
        return self.conn.execute(f"SELECT count(*) FROM documents {where}", params).fetchone()[0]

    def _document_filter(self, status, search) -> tuple[str, list]:
        """WHERE clause for a status ("pending", "approved", "rejected", or the queue's
        "to_review": pending, started or not; "not_started": no field decided yet;
        "in_progress": some decided) and a full-text search."""
        clauses, params = [], []
        decided = (f"EXISTS (SELECT 1 FROM fields f INDEXED BY {self.fields_status_index()}"
                   " WHERE f.document_id = documents.id AND f.status != 'pending')")
        if status == "to_review":
            clauses.append("status = 'pending'")  # a document started stays in the list
        elif status == "not_started":
            clauses.append(f"status = 'pending' AND NOT {decided}")
        elif status == "in_progress":
            clauses.append(f"status = 'pending' AND {decided}")
        elif status:
            clauses.append("status = ?")
            params.append(status)
        if search:
            clauses.append("id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            params.append(fts_query(search))
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def set_checks(self, document_id: int, checks: list[Check] | list[dict]) -> None:
        stored = [c.as_dict() if isinstance(c, Check) else c for c in checks]
        self.conn.execute("UPDATE documents SET checks = ? WHERE id = ?", (dumps_value(stored), document_id))

    def set_document_status(self, document_id: int, status: str, *, reviewer: str,
                            action: str | None = None) -> Document:
        if status not in DOCUMENT_STATUSES:
            raise ValueError(f"unknown document status {status!r}")
        with self.transaction():
            before = self.get_document(document_id, with_text=False)
            stamp = now()
            self.conn.execute(
                "UPDATE documents SET status = ?, reviewer = ?, decided_at = ? WHERE id = ?",
                (status, reviewer if status != "pending" else None, stamp if status != "pending" else None,
                 document_id),
            )
            insert_audit(self.conn, stamp, reviewer, action or f"document {status}", document_id, None,
                        {"status": before.status}, {"status": status})
        return self.get_document(document_id, with_text=False)

    def next_document(self, after_id: int, *, needs_review: bool = True) -> int | None:
        """The next document (in ingest order) after ``after_id``, by default one still pending."""
        sql = "SELECT id FROM documents WHERE id > ?" + (" AND status = 'pending'" if needs_review else "")
        row = self.conn.execute(sql + " ORDER BY id LIMIT 1", (after_id,)).fetchone()
        if row is None and needs_review:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE status = 'pending' AND id != ? ORDER BY id LIMIT 1", (after_id,)
            ).fetchone()
        return row[0] if row else None

    def decided_counts(self) -> tuple[int, int]:
        """(fields decided, fields in all) over the whole database, from the trigger-kept counts."""
        counts = self.status_counts("field")
        total = sum(counts.values())
        return total - counts.get("pending", 0), total

    def status_counts(self, kind: str) -> dict[str, int]:
        rows = self.conn.execute("SELECT status, n FROM status_counts WHERE kind = ? AND n > 0", (kind,))
        return dict(rows.fetchall())

    def document_counts(self) -> dict[str, int]:
        return self.status_counts("document")

