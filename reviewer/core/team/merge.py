"""Merging the databases of a team: shards into one, or the merged one back into a shard.

Each input is attached to the output database and brought in in one transaction: the
documents and fields it has that the output lacks, and every audit row the output does not
hold (storage/team_merge.py). The fields and documents that got new rows are then decided
again from all their rows (decisions.py): identical decisions agree, different ones become
conflicts, and an adjudication settles those before it; a field its reviewers deleted is
removed (a deletion against another reviewer's decision is a conflict). For a new output the
text index is built beside the merge (storage/team_fts.py). Nothing is overwritten silently,
merging an input twice adds nothing, and the order of the inputs does not change the result.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.extract import recheck
from reviewer.core.storage import Storage, StorageError, now
from reviewer.core.storage import team as team_db
from reviewer.core.storage import team_merge as merge_db
from reviewer.core.storage.common import decode_value
from reviewer.core.storage.team_fts import TextIndexBuilder
from reviewer.core.team.decisions import agreed, decisions, resolve_document, resolve_field


class TeamError(Exception):
    """A team operation refused; the message says why in one line."""


@dataclass
class MergeReport:
    out: Path
    inputs: list[Path] = field(default_factory=list)
    documents: int = 0
    fields: int = 0
    audit: int = 0
    aliases: int = 0
    changed_fields: int = 0
    conflicts: int = 0  # fields and documents in conflict in the output, after the merge
    created: bool = False


def _corpus_of(path: Path) -> str:
    if not path.is_file():
        raise TeamError(f"no review database at {path}")
    try:
        with Storage(path, create=False, read_only=True) as s:
            found = team_db.team_meta(s).get("corpus_id")
    except StorageError as err:
        raise TeamError(f"{path}: {err}") from None
    if not found:
        raise TeamError(f"{path} has no corpus id: it was not written by `reviewer shard` nor merged from shards")
    return found


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def merge(out: str | Path, inputs: Sequence[str | Path], *, progress: Callable[[str], None] | None = None,
          ) -> MergeReport:
    """Merge ``inputs`` into ``out`` (made from the first input when it does not exist)."""
    out = Path(out)
    paths = [Path(p) for p in inputs]
    if not paths:
        raise TeamError("nothing to merge: give one database or more")
    for p in paths:
        if _same_file(p, out):
            raise TeamError(f"{p} is the output database itself")
    corpora = {p: _corpus_of(p) for p in paths}
    if out.exists():
        corpora[out] = _corpus_of(out)
    first_path, first_id = next(iter(corpora.items()))
    for p, cid in corpora.items():
        if cid != first_id:
            raise TeamError(f"{p} belongs to another corpus than {first_path} (corpus {cid[:8]} is not "
                            f"{first_id[:8]}): only databases shared out from one corpus can be merged")
    report = MergeReport(out, paths)
    target, part, index = out, None, None
    if not out.exists():
        part = out.with_name(f".{out.name}.{os.getpid()}.part")
        with Storage(paths[0], create=False) as first:
            first.copy_to(part)
        target, report.created = part, True
    try:
        with Storage(target, create=False) as storage:
            team_db.bulk_writes(storage, new_file=report.created)
            team_db.ensure_team_tables(storage, indexes=True)
            if report.created:
                _start_merged(storage, paths[0])
                triggers = team_db.suspend_triggers(storage)
                index = TextIndexBuilder.start(storage, part, paths[0])
            for p in paths[1:] if report.created else paths:
                if progress:
                    progress(f"merging {p}")
                _merge_one(storage, p, report, index)
            if report.created:
                if index is not None:
                    index.finish(storage)
                team_db.resume_triggers(storage, triggers)
                team_db.seal(storage)
            report.conflicts = count_conflicts(storage)
        if part is not None:
            team_db.replace_durably(part, out)
    finally:
        if index is not None:
            index.close()
        if part is not None:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{part}{suffix}").unlink(missing_ok=True)
    return report


def _start_merged(storage: Storage, first: Path) -> None:
    """A new merged database, copied from its first input: no one's undo history, no shard facts."""
    team_db.forget_shard_state(storage)
    team_db.set_team_meta(storage, {"role": "merged", "database_id": uuid.uuid4().hex, "merged_since": now(),
                                    "first_input": first.name})


def _merge_one(storage: Storage, path: Path, report: MergeReport, index: TextIndexBuilder | None) -> None:
    team_db.attach(storage, path)
    try:
        with storage.transaction():
            got, field_ids, document_ids = merge_db.import_source(storage)
            changed = settle(storage, field_ids, document_ids)
    finally:
        team_db.detach(storage)
    if index is not None:  # the text of the documents it added, indexed beside the next input
        index.add(path, got.new_documents)
    report.documents += got.documents
    report.fields += got.fields
    report.audit += got.audit
    report.aliases += got.aliases
    report.changed_fields += changed


def settle(storage: Storage, field_ids: list[int], document_ids: list[int]) -> int:
    """Decide again, from all their audit rows, the given fields and documents (and the
    documents of those fields), inside the caller's transaction: a field whose deletion won is
    removed; recompute the checks of documents whose fields changed. Returns how many fields
    changed (deleted ones included)."""
    team_db.ensure_team_tables(storage, indexes=True)
    current = merge_db.field_rows(storage, list(field_ids))
    updates, conflicts, deleted, touched_docs = [], [], [], set(document_ids)
    changed_docs: dict[int, set[str]] = {}
    for field_id, rows in merge_db.field_decisions(storage, field_ids, decoded=False):
        row = current.get(field_id)
        if row is None:
            continue  # an audit row of a field that is gone
        touched_docs.add(row["document_id"])
        # most fields: every reviewer left the same state, read without decoding every row
        outcome = agreed(rows, decode_value) or resolve_field(decisions(
            [(r[0], r[1], r[2], decode_value(r[3]), decode_value(r[4])) for r in rows]))
        if outcome.conflict:
            conflicts.append((row["document_id"], field_id))
        state = outcome.state
        if outcome.deleted:  # its reviewers' latest word: it should not be there
            deleted.append(field_id)
            changed_docs.setdefault(row["document_id"], set()).add(row["label"])
            continue
        if state is None or "label" not in state:
            continue
        new = (state["status"], state.get("value"), state["start"], state["end"], state["text"],
               outcome.reviewer, outcome.at)
        old = (row["status"], row["value"], row["start"], row["end"], row["text"], row["reviewer"],
               row["decided_at"])
        if new != old:
            updates.append((field_id, *new))
            changed_docs.setdefault(row["document_id"], set()).add(row["label"])
    decided = [((current[f]["document_id"] if f in current else None), f) for f in field_ids]
    merge_db.apply_fields(storage, updates, decided, conflicts)
    merge_db.delete_fields(storage, deleted)
    docs = sorted(touched_docs)
    in_conflict = merge_db.conflicted_documents(storage, docs)
    rows = merge_db.document_decisions(storage, docs)
    current_docs = merge_db.document_rows(storage, docs)
    doc_updates, doc_conflicts = [], []
    for doc in docs:
        outcome = resolve_document(decisions(rows.get(doc, [])), doc in in_conflict)
        if outcome.conflict:
            doc_conflicts.append(doc)
        cur = current_docs.get(doc)
        if outcome.state is None or cur is None:
            continue
        status = outcome.state["status"]
        new = (status, outcome.reviewer if status != "pending" else None, outcome.at if status != "pending" else None)
        if new != (cur["status"], cur["reviewer"], cur["decided_at"]):
            doc_updates.append((doc, *new))
    merge_db.apply_documents(storage, doc_updates, docs, doc_conflicts)
    for doc, labels in changed_docs.items():
        if recheck.reads(labels):
            document = storage.get_document(doc, with_text=False)
            checks = recheck.recheck(storage.fields(doc), document.checks)
            if checks != document.checks:
                storage.set_checks(doc, checks)
    return len(updates) + len(deleted)


def count_conflicts(storage: Storage) -> int:
    from reviewer.core.storage import team_reads

    return team_reads.conflict_count(storage)
