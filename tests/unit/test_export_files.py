"""Export files: no temporary file left for ever, normal permissions, one-line write errors."""

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import reviewer.core.export as export_module
from reviewer.cli import cli
from reviewer.core.export import ExportCancelled, ExportError, export
from reviewer.core.export.files import SUFFIX, PartFile, is_part_name, remove_stale_parts
from reviewer.core.extract import default_extractor, load_schema
from reviewer.core.ingest import ingest_paths
from reviewer.core.review import ReviewSession

SCHEMA = load_schema()
ROOT = Path(__file__).resolve().parents[2]

# an export in another process that stops in its first progress call, the temporary file
# made, until it is killed
SLOW_EXPORT = textwrap.dedent("""
    import sys, time
    from reviewer.core.export import export
    from reviewer.core.extract import load_schema
    from reviewer.core.storage import Storage

    def progress(done, total):
        print("writing", flush=True)
        time.sleep(120)

    with Storage(sys.argv[1], create=False) as storage:
        export(storage, load_schema(), sys.argv[3], sys.argv[2], progress=progress)
""")


@pytest.fixture
def approved(storage, data_dir):
    """Every document of tests/data ingested and approved."""
    list(ingest_paths(storage, [data_dir], extractor=default_extractor()))
    session = ReviewSession(storage, "ana", SCHEMA)
    for document in storage.list_documents():
        session.approve(document.id, accept_pending=True)
    return storage


@pytest.fixture
def out_dir(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _parts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".part"))


def _start_slow_export(storage, out: Path, fmt: str = "csv") -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", SLOW_EXPORT, str(storage.path), str(out), fmt],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    line = proc.stdout.readline()
    if line.strip() != "writing":
        proc.kill()
        proc.wait()
        pytest.fail(f"the export in a subprocess did not start (exit {proc.poll()})")
    return proc


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "spacy"])
def test_cancelled_export_removes_its_temporary_file_and_keeps_the_old_file(approved, out_dir, fmt):
    if fmt == "spacy":
        pytest.importorskip("spacy")
    out = out_dir / f"export.{fmt}"
    out.write_bytes(b"the previous export")
    seen = []

    def progress(done, total):
        seen.append(_parts(out_dir))  # the temporary file exists while the export runs
        cancel[0] = True

    cancel = [False]
    with pytest.raises(ExportCancelled, match="cancelled"):
        export(approved, SCHEMA, fmt, out, progress=progress, cancelled=lambda: cancel[0])
    assert seen and len(seen[0]) == 1 and is_part_name(seen[0][0].name)
    assert sorted(out_dir.iterdir()) == [out]
    assert out.read_bytes() == b"the previous export"


def test_failed_export_removes_its_temporary_file(approved, out_dir):
    def progress(done, total):
        raise RuntimeError("the window went away")

    with pytest.raises(RuntimeError):
        export(approved, SCHEMA, "csv", out_dir / "a.csv", progress=progress)
    assert list(out_dir.iterdir()) == []


def test_temporary_file_of_a_killed_export_is_removed_by_the_next_export(approved, out_dir):
    proc = _start_slow_export(approved, out_dir / "big.csv")
    try:
        [part] = _parts(out_dir)
        assert part.name.startswith(".big.csv.") and part.name.endswith(SUFFIX)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _parts(out_dir) == [part]  # the killed export could not clean up
    export(approved, SCHEMA, "csv", out_dir / "other.csv")
    assert sorted(p.name for p in out_dir.iterdir()) == ["other.csv"]


def test_temporary_file_of_a_dead_writer_in_this_process_is_stale(out_dir):
    part = PartFile.create(out_dir / "x.csv")
    os.close(part.fd)  # what dying does to its lock
    assert remove_stale_parts(out_dir) == [part.path]
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("same_name", [False, True])
def test_temporary_file_of_a_running_export_is_kept(approved, out_dir, same_name):
    proc = _start_slow_export(approved, out_dir / "big.csv")
    try:
        [part] = _parts(out_dir)
        mine = out_dir / ("big.csv" if same_name else "mine.csv")
        export(approved, SCHEMA, "csv", mine)
        assert part.exists() and proc.poll() is None
        assert mine.exists() and _parts(out_dir) == [part]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_clean_up_leaves_other_files_alone(approved, out_dir):
    live = PartFile.create(out_dir / "live.csv")  # an export running in this process
    target = out_dir / "kept.txt"
    target.write_text("someone's file")
    others = [
        out_dir / ".report.csv.a1b2c3d4.part",  # older versions' mkstemp names: not recognisable
        out_dir / "notes.filing-reviewer.part",  # not hidden
        out_dir / "download.part",
    ]
    for p in others:
        p.write_text("x")
    folder = out_dir / ".dir.filing-reviewer.part"
    folder.mkdir()
    link = out_dir / ".link.filing-reviewer.part"
    link.symlink_to(target)
    before = sorted(out_dir.iterdir())
    export(approved, SCHEMA, "csv", out_dir / "new.csv")
    assert sorted(out_dir.iterdir()) == sorted(before + [out_dir / "new.csv"])
    assert target.read_text() == "someone's file"
    live_path = live.path
    live.discard()
    assert not live_path.exists()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "spacy"])
def test_exported_file_has_the_users_normal_permissions(approved, out_dir, umask, mode, fmt):
    if fmt == "spacy":
        pytest.importorskip("spacy")
    out = out_dir / f"export.{fmt}"
    old = os.umask(umask)
    try:
        export(approved, SCHEMA, fmt, out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o7777 == mode


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _writer_filling_the_disk(kind):
    def write(run, target):
        if kind == "path":
            Path(target).write_bytes(b"half a file")
        else:
            target.write("half a file" if kind == "text" else b"half a file")
            target.flush()
        _disk_full()
    return write


@pytest.mark.parametrize("where", ["text writer", "bytes writer", "path writer", "fsync", "rename"])
def test_disk_full_is_one_clear_line_and_the_old_file_is_untouched(approved, out_dir, monkeypatch, where):
    if where.endswith("writer"):
        kind = where.split()[0]
        monkeypatch.setitem(export_module._WRITERS, "csv", (_writer_filling_the_disk(kind), kind))
    elif where == "fsync":
        monkeypatch.setattr(os, "fsync", _disk_full)
    else:
        monkeypatch.setattr(os, "replace", _disk_full)
    out = out_dir / "export.csv"
    out.write_text("the previous export")
    with pytest.raises(ExportError) as caught:
        export(approved, SCHEMA, "csv", out)
    assert str(caught.value) == f"cannot write {out}: No space left on device"
    assert out.read_text() == "the previous export"
    assert sorted(out_dir.iterdir()) == [out]


def test_cli_prints_a_write_error_without_a_traceback(approved, out_dir, monkeypatch):
    monkeypatch.setitem(export_module._WRITERS, "csv", (_writer_filling_the_disk("text"), "text"))
    out = out_dir / "export.csv"
    result = CliRunner().invoke(cli, ["export", "--db", str(approved.path), "--format", "csv", "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: cannot write {out}: No space left on device"
    assert list(out_dir.iterdir()) == []


def test_unwritable_folder_is_one_clear_line(approved, out_dir, unprivileged):
    import subprocess
    import sys

    out_dir.chmod(0o555)
    try:
        result = subprocess.run([*unprivileged, sys.executable, "-m", "reviewer.cli", "export", "--db",
                                 str(approved.path), "--format", "csv", "--out", str(out_dir / "export.csv")],
                                capture_output=True, text=True, timeout=120)
    finally:
        out_dir.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: cannot write {out_dir / 'export.csv'}: Permission denied"
