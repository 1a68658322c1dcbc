"""A merge's SQL: bring another database of the same corpus into this one (ATTACH), mapping
its documents, filings and fields onto ours and adding the audit rows we do not have.

Identity across databases: a document is its text (sha256); an extracted field is the id the
corpus gave it (``team_field_ids`` when stored here under another); a reviewer's added field
is its extractor ("reviewer:NAME") and creation time, or a key recorded in
``team_field_alias`` when a merge found it identical to one already here. An audit row is
its content (time, reviewer, action, document, field, before, after): a row we hold already
is never added twice, so merging the same database again adds nothing.

Which state a field (or document) takes from the reviewers' decisions is decided outside
SQL (reviewer/core/team/decisions.py); storage/team_outcome.py reads the decisions and
writes the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.core.storage.team import common_columns, has_team_tables
from reviewer.core.storage.team_outcome import (  # noqa: F401  (the merge's reads and writes of outcomes)
    apply_documents,
    apply_fields,
    conflicted_documents,
    delete_fields,
    document_decisions,
    document_rows,
    field_decisions,
    field_rows,
)

ADDED = "coalesce(s.extractor, '') LIKE 'reviewer:%'"
_KEY = "'a:' || s.extractor || '@' || s.created_at"  # the key of an added field
# the corpus id of a field of the attached database
_SRC_CID = "coalesce((SELECT r.corpus_id FROM src.team_field_ids r WHERE r.field_id = s.id), s.id)"


@dataclass
class Imported:
    documents: int = 0  # documents added here
    fields: int = 0  # fields added here
    audit: int = 0  # audit rows added here
    aliases: int = 0  # added fields found identical to one here
    new_documents: list[tuple[int, int]] = field(default_factory=list)  # (its id there, here) of those added


def source_meta(storage) -> dict[str, str]:
    """The team facts of the attached database ({} when it has none)."""
    if not has_team_tables(storage.conn, "src"):
        return {}
    return dict(storage.conn.execute("SELECT key, value FROM src.team_meta").fetchall())


def _select(cols: str, overrides: dict[str, str], alias: str = "s", skip: str = "") -> str:
    """A select list over ``alias`` for the quoted column list ``cols``, some columns computed,
    the column ``skip`` left out."""
    out = []
    for col in cols.split(", "):
        name = col.strip('"')
        if name != skip:
            out.append(overrides.get(name, f"{alias}.{col}"))
    return ", ".join(out)


def _without(cols: str, name: str) -> str:
    return ", ".join(c for c in cols.split(", ") if c.strip('"') != name)


def import_source(storage) -> tuple[Imported, list[int], list[int]]:
    """Inside the caller's transaction, with a database attached as ``src``: add what it has
    and we have not. Returns (counts, the fields and the documents that got new audit rows)."""
    conn = storage.conn
    got = Imported()
    conn.execute("DROP TABLE IF EXISTS temp.dmap")
    conn.execute("DROP TABLE IF EXISTS temp.filing_map")
    conn.execute("DROP TABLE IF EXISTS temp.fldmap")
    conn.execute("DROP TABLE IF EXISTS temp.new_audit")
    conn.execute("DROP TABLE IF EXISTS temp.byrows")
    # -- documents and their filings -------------------------------------------
    conn.execute("CREATE TEMP TABLE dmap (src_id INTEGER PRIMARY KEY, out_id INTEGER, keep INTEGER,"
                 " fresh INTEGER NOT NULL, new INTEGER NOT NULL)")
    # fresh: a document new here that keeps its id, which no audit row here names yet (its rows
    # cannot be here already, and only its own reviewers' rows will speak of it)
    conn.execute("INSERT INTO temp.dmap SELECT s.id, o.id, s.id NOT IN (SELECT id FROM main.documents),"
                 " o.id IS NULL AND s.id NOT IN (SELECT id FROM main.documents)"
                 " AND NOT EXISTS (SELECT 1 FROM main.audit a INDEXED BY audit_document WHERE a.document_id = s.id),"
                 " o.id IS NULL FROM src.documents s LEFT JOIN main.documents o ON o.sha256 = s.sha256")
    missing = conn.execute("SELECT count(*) FROM temp.dmap WHERE out_id IS NULL").fetchone()[0]
    if missing:
        _copy_filings(conn)
        cols = common_columns(conn, "documents")
        filing = {"filing_id": "(SELECT m.out_id FROM temp.filing_map m WHERE m.src_id = s.filing_id)"}
        pick = _select(cols, filing)
        conn.execute(f"INSERT INTO main.documents ({cols}) SELECT {pick} FROM src.documents s"
                     " WHERE s.id IN (SELECT src_id FROM temp.dmap WHERE out_id IS NULL AND keep) ORDER BY s.id")
        conn.execute("UPDATE temp.dmap SET out_id = src_id WHERE out_id IS NULL AND keep")
        rest = [r[0] for r in conn.execute("SELECT src_id FROM temp.dmap WHERE out_id IS NULL ORDER BY src_id")]
        cols_no_id = _without(cols, "id")
        pick_no_id = _select(cols, filing, skip="id")
        for src_id in rest:  # an id taken here by another document: a new id
            cur = conn.execute(f"INSERT INTO main.documents ({cols_no_id}) SELECT {pick_no_id}"
                               " FROM src.documents s WHERE s.id = ?", (src_id,))
            conn.execute("UPDATE temp.dmap SET out_id = ? WHERE src_id = ?", (cur.lastrowid, src_id))
        got.documents = missing
        got.new_documents = conn.execute("SELECT src_id, out_id FROM temp.dmap WHERE new ORDER BY src_id").fetchall()
    # -- fields ------------------------------------------------------------------
    # gone: a field deleted there, known here by its audit rows (_known_by_rows)
    conn.execute("CREATE TEMP TABLE fldmap (src_id INTEGER PRIMARY KEY, out_id INTEGER, cid INTEGER,"
                 " added INTEGER NOT NULL, fresh INTEGER NOT NULL DEFAULT 0, gone INTEGER NOT NULL DEFAULT 0)")
    conn.execute(f"""
        INSERT INTO temp.fldmap (src_id, out_id, cid, added)
        SELECT c.id, CASE WHEN d.fresh THEN NULL ELSE (SELECT o.id FROM main.fields o
                      WHERE o.id = coalesce((SELECT t.field_id FROM main.team_field_ids t WHERE t.corpus_id = c.cid),
                                            c.cid)
                        AND o.document_id = d.out_id AND coalesce(o.extractor, '') NOT LIKE 'reviewer:%'
                        AND NOT EXISTS (SELECT 1 FROM main.team_field_ids t2
                                        WHERE t2.field_id = o.id AND t2.corpus_id != c.cid)) END,
               c.cid, 0  -- a document new here has none of its fields here yet
        FROM (SELECT s.id, s.document_id, {_SRC_CID} AS cid FROM src.fields s WHERE NOT ({ADDED})) c
        JOIN temp.dmap d ON d.src_id = c.document_id""")
    conn.execute(f"""
        INSERT INTO temp.fldmap (src_id, out_id, cid, added)
        SELECT s.id, coalesce(
            (SELECT a.field_id FROM main.team_field_alias a WHERE a.key = 'a:' || s.extractor || '@' || s.created_at),
            (SELECT o.id FROM main.fields o INDEXED BY fields_document
             WHERE o.document_id = d.out_id AND o.extractor = s.extractor AND o.created_at = s.created_at)),
            NULL, 1
        FROM src.fields s JOIN temp.dmap d ON d.src_id = s.document_id WHERE {ADDED}""")
    _known_by_rows(conn)
    restored = _restore_deleted_here(conn)
    got.fields, got.aliases = _copy_missing_fields(conn)
    if has_team_tables(conn, "src"):  # the keys it knows its added fields by
        conn.execute("INSERT OR IGNORE INTO main.team_field_alias (key, field_id) SELECT a.key, m.out_id"
                     " FROM src.team_field_alias a JOIN temp.fldmap m ON m.src_id = a.field_id")
    # -- the audit rows we do not have ---------------------------------------------
    conn.execute("""
        CREATE TEMP TABLE new_audit AS
        SELECT s.id AS src_id, s.document_id AS src_document, s.field_id AS src_field, s.at, s.reviewer,
               s.action, d.out_id AS document_id, m.out_id AS field_id, s.before, s.after
        FROM src.audit s LEFT JOIN temp.dmap d ON d.src_id = s.document_id
                         LEFT JOIN temp.fldmap m ON m.src_id = s.field_id
        WHERE d.fresh  -- a document new here has no rows here yet
           OR CASE WHEN m.out_id IS NOT NULL AND NOT m.gone  -- a field's row: among that field's rows here
               THEN NOT EXISTS (SELECT 1 FROM main.audit a INDEXED BY team_audit_field
                                WHERE a.field_id = m.out_id AND a.reviewer IS s.reviewer AND a.at = s.at
                                  AND a.action = s.action AND a.document_id IS d.out_id
                                  AND a.before IS s.before AND a.after IS s.after)
               -- a document's row, or a row of a field gone there (matched without its field:
               -- ours may name it by its old id, or by none): among the document's rows here
               ELSE NOT EXISTS (SELECT 1 FROM main.audit a INDEXED BY audit_document
                                WHERE a.document_id IS d.out_id AND a.at = s.at AND a.action = s.action
                                  AND a.reviewer IS s.reviewer AND (a.field_id IS NULL OR s.field_id IS NOT NULL)
                                  AND a.before IS s.before AND a.after IS s.after) END""")
    cur = conn.execute("INSERT INTO main.audit (at, reviewer, action, document_id, field_id, before, after)"
                       " SELECT at, reviewer, action, document_id, field_id, before, after FROM temp.new_audit"
                       " ORDER BY src_id")
    got.audit = cur.rowcount
    # to decide again: what was here before and got new rows, and what came with the decisions
    # of two reviewers or more (a field or document new here, decided by one reviewer only,
    # is as its database left it: the outcome of that reviewer's latest decision)
    # (and a field deleted here that came back, to be decided again with its rows here)
    fields = sorted({r[0] for r in conn.execute(
        "SELECT n.field_id FROM temp.new_audit n JOIN temp.fldmap m ON m.src_id = n.src_field"
        " WHERE n.field_id IS NOT NULL GROUP BY n.field_id"
        " HAVING max(m.fresh) = 0 OR count(DISTINCT n.reviewer) > 1")} | set(restored))
    documents = [r[0] for r in conn.execute(
        "SELECT n.document_id FROM temp.new_audit n JOIN temp.dmap d ON d.src_id = n.src_document"
        " WHERE n.document_id IS NOT NULL AND n.field_id IS NULL GROUP BY n.document_id"
        " HAVING max(d.fresh) = 0 OR count(DISTINCT n.reviewer) > 1 ORDER BY 1")]
    for table in ("dmap", "filing_map", "fldmap", "new_audit", "byrows"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    return got, fields, documents


def _known_by_rows(conn) -> None:
    """Added fields found here by their audit rows rather than their key: a field deleted
    there (its rows name it, the field is gone) or deleted here (our rows name it, its key may
    not be known here: the first input's fields come with their rows, not their keys). Their
    rows held alike on both sides (the addition) tell which field here they are."""
    conn.execute("CREATE TEMP TABLE byrows (src_id INTEGER PRIMARY KEY, out_id INTEGER NOT NULL,"
                 " gone INTEGER NOT NULL)")
    conn.execute("""
        INSERT INTO temp.byrows
        SELECT s.field_id, min(a.field_id), m.src_id IS NULL
        FROM src.audit s JOIN temp.dmap d ON d.src_id = s.document_id
             LEFT JOIN temp.fldmap m ON m.src_id = s.field_id
             JOIN main.audit a INDEXED BY audit_document
               ON a.document_id = d.out_id AND a.at = s.at AND a.action = s.action AND a.reviewer IS s.reviewer
              AND a.before IS s.before AND a.after IS s.after
        WHERE NOT d.fresh AND s.field_id IS NOT NULL AND (m.src_id IS NULL OR (m.added AND m.out_id IS NULL))
          AND a.field_id IS NOT NULL
        GROUP BY s.field_id""")
    conn.execute("UPDATE temp.fldmap SET out_id = (SELECT b.out_id FROM temp.byrows b WHERE b.src_id = fldmap.src_id)"
                 " WHERE added AND out_id IS NULL AND src_id IN (SELECT src_id FROM temp.byrows)")
    conn.execute("INSERT INTO temp.fldmap (src_id, out_id, cid, added, gone)"
                 " SELECT src_id, out_id, NULL, 1, 1 FROM temp.byrows WHERE gone")


def _restore_deleted_here(conn) -> list[int]:
    """An added field deleted here that the other database still has comes back under its
    id here (its rows name it), with its key; it is decided again with all its rows (the
    deletion may still win). Returns the fields restored."""
    where = ("m.added AND NOT m.gone AND m.out_id IS NOT NULL AND m.out_id NOT IN (SELECT id FROM main.fields)")
    restored = [r[0] for r in conn.execute(f"SELECT DISTINCT m.out_id FROM temp.fldmap m WHERE {where}")]
    if restored:
        cols = common_columns(conn, "fields")
        pick = _select(cols, {"id": "m.out_id", "document_id": "d.out_id"})
        # two fields of the other database known here as one (aliases): it comes back once
        conn.execute(f"INSERT INTO main.fields ({cols}) SELECT {pick} FROM temp.fldmap m JOIN src.fields s"
                     f" ON s.id = m.src_id JOIN temp.dmap d ON d.src_id = s.document_id WHERE {where}"
                     f" AND m.src_id IN (SELECT min(m.src_id) FROM temp.fldmap m WHERE {where} GROUP BY m.out_id)")
        conn.execute(f"INSERT OR IGNORE INTO main.team_field_alias (key, field_id) SELECT {_KEY}, id FROM main.fields s"
                     f" WHERE id IN ({', '.join('?' * len(restored))})", restored)
    return restored


def _copy_filings(conn) -> None:
    """The filings of the documents we lack: ours when the same filing (id, path and ingest
    time) is here, else copied (under their id when it is free)."""
    conn.execute("CREATE TEMP TABLE filing_map (src_id INTEGER PRIMARY KEY, out_id INTEGER, keep INTEGER)")
    conn.execute("""
        INSERT INTO temp.filing_map
        SELECT f.id, (SELECT o.id FROM main.filings o WHERE o.id = f.id AND o.source_path = f.source_path
                      AND o.ingested_at = f.ingested_at AND o.kind = f.kind),
               f.id NOT IN (SELECT id FROM main.filings)
        FROM src.filings f WHERE f.id IN (SELECT s.filing_id FROM src.documents s
                                          JOIN temp.dmap d ON d.src_id = s.id WHERE d.out_id IS NULL)""")
    cols = common_columns(conn, "filings")
    conn.execute(f"INSERT INTO main.filings ({cols}) SELECT {_select(cols, {})} FROM src.filings s"
                 " WHERE s.id IN (SELECT src_id FROM temp.filing_map WHERE out_id IS NULL AND keep) ORDER BY s.id")
    conn.execute("UPDATE temp.filing_map SET out_id = src_id WHERE out_id IS NULL AND keep")
    cols_no_id = _without(cols, "id")
    for (src_id,) in conn.execute("SELECT src_id FROM temp.filing_map WHERE out_id IS NULL").fetchall():
        cur = conn.execute(f"INSERT INTO main.filings ({cols_no_id}) SELECT {cols_no_id} FROM src.filings"
                           " WHERE id = ?", (src_id,))
        conn.execute("UPDATE temp.filing_map SET out_id = ? WHERE src_id = ?", (cur.lastrowid, src_id))


def _copy_missing_fields(conn) -> tuple[int, int]:
    """Add the fields of ``temp.fldmap`` we lack; (fields added, added fields aliased)."""
    cols = common_columns(conn, "fields")
    doc = "(SELECT d.out_id FROM temp.dmap d WHERE d.src_id = s.document_id)"
    # extracted fields under their corpus id, when it is free here
    pick = _select(cols, {"id": "m.cid", "document_id": "d.out_id"})
    # its corpus id is free here: no field has it, no audit row names it (a field deleted here had it)
    conn.execute("UPDATE temp.fldmap SET fresh = 1 WHERE out_id IS NULL AND NOT added"
                 " AND cid NOT IN (SELECT id FROM main.fields) AND NOT EXISTS (SELECT 1 FROM main.audit a"
                 " INDEXED BY team_audit_field WHERE a.field_id = temp.fldmap.cid)")
    conn.execute(f"""
        INSERT INTO main.fields ({cols}) SELECT {pick} FROM temp.fldmap m JOIN src.fields s ON s.id = m.src_id
        JOIN temp.dmap d ON d.src_id = s.document_id WHERE m.out_id IS NULL AND m.fresh ORDER BY m.cid""")
    added = conn.execute("UPDATE temp.fldmap SET out_id = cid WHERE out_id IS NULL AND fresh").rowcount
    cols_no_id = _without(cols, "id")
    pick_no_id = _select(cols, {"document_id": doc}, skip="id")
    aliases = 0
    rest = conn.execute("SELECT m.src_id, m.cid, m.added, s.document_id, s.label, s.start, s.\"end\", s.status,"
                        " s.value, s.extractor, s.created_at FROM temp.fldmap m JOIN src.fields s ON s.id = m.src_id"
                        " WHERE m.out_id IS NULL ORDER BY m.src_id").fetchall()
    # a new id is above every field's and every id an audit row names (a field deleted here
    # had it): no field takes the decisions of another
    next_id = conn.execute("SELECT max(coalesce((SELECT max(id) FROM main.fields), 0),"
                           " coalesce((SELECT max(field_id) FROM main.audit), 0)) + 1").fetchone()[0]
    for src_id, cid, is_added, src_doc, label, start, end, status, value, extractor, created in rest:
        out_doc = conn.execute("SELECT out_id FROM temp.dmap WHERE src_id = ?", (src_doc,)).fetchone()[0]
        same = None
        if is_added:  # the same field added by someone else: one field, known by both keys
            same = conn.execute(
                'SELECT id FROM main.fields INDEXED BY fields_document WHERE document_id = ? AND label = ?'
                ' AND start = ? AND "end" = ? AND status = ? AND value IS ?'
                " AND coalesce(extractor, '') LIKE 'reviewer:%' ORDER BY id LIMIT 1",
                (out_doc, label, start, end, status, value)).fetchone()
        if same is not None:
            conn.execute("INSERT OR IGNORE INTO main.team_field_alias (key, field_id) VALUES (?, ?)",
                         (f"a:{extractor}@{created}", same[0]))
            new_id = same[0]
            aliases += 1
        else:
            new_id, next_id = next_id, next_id + 1
            conn.execute(f"INSERT INTO main.fields (id, {cols_no_id}) SELECT ?, {pick_no_id} FROM src.fields s"
                         " WHERE s.id = ?", (new_id, src_id))
            conn.execute("UPDATE temp.fldmap SET fresh = 1 WHERE src_id = ?", (src_id,))
            added += 1
            if not is_added:  # its corpus id was taken here: remember which field it is
                conn.execute("INSERT INTO main.team_field_ids (field_id, corpus_id) VALUES (?, ?)", (new_id, cid))
        conn.execute("UPDATE temp.fldmap SET out_id = ? WHERE src_id = ?", (new_id, src_id))
    return added, aliases
