"""The layers hold: import-linter's contracts (pyproject.toml), and no raw SQLite connection used
outside the storage package (benchmarks included)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed (make test installs it)")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_no_raw_connection_outside_storage():
    raw = re.compile(r"\.conn\b|\bsqlite3\b|\bsqlite_utils\b")
    offenders = []
    for path in [*(ROOT / "reviewer").rglob("*.py"), *(ROOT / "bench").rglob("*.py")]:
        if "storage" in path.relative_to(ROOT).parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if raw.search(line.split("#")[0]):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, offenders
