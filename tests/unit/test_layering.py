"""reviewer/core never imports Qt: the disk codec and logic stay Qt-free."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "reviewer" / "core"


def test_core_never_imports_qt():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6")]
    assert not offenders


def test_only_storage_speaks_sql():
    for path in CORE.rglob("*.py"):
        if path.relative_to(CORE).parts[0] == "storage":  # the storage package
            continue
        source = path.read_text(encoding="utf-8")
        assert "sqlite3" not in source and "sqlite_utils" not in source, path
