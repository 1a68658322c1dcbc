"""After PyInstaller: the bundle's unpacked size (at most 150 MB) and, on Linux, its archive.

    python packaging/bundle.py [dist/reviewer]     # make package runs it

Prints the size, fails when the bundle is over the limit or lacks what it must carry, and
on Linux writes dist/filing-reviewer-VERSION-linux-MACHINE.tar.gz (one folder inside,
filing-reviewer-VERSION/, with the program `reviewer` in it).
"""

from __future__ import annotations

import os
import platform
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MB = 150
# what the application reads from its resources, relative to the bundle's data folder
REQUIRED = ("reviewer/resources/schemas/sec.toml", "reviewer/resources/icons/filing-reviewer-256.png",
            "reviewer/resources/samples")
# big optional libraries that must not travel in the bundle
ABSENT = ("spacy", "thinc", "torch", "numpy", "pyarrow", "pandas", "scipy", "lxml", "pytest", "hypothesis",
          "dask", "distributed", "duckdb")


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from reviewer import __version__

    return __version__


def size_bytes(folder: Path) -> int:
    """The bytes of every file, each counted once (symbolic links are not followed)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def data_folder(bundle: Path) -> Path:
    """Where PyInstaller put the data: _internal/ beside the program (6.x), else the folder."""
    return bundle / "_internal" if (bundle / "_internal").is_dir() else bundle


def problems(bundle: Path) -> list[str]:
    found = []
    data = data_folder(bundle)
    for rel in REQUIRED:
        if not (data / rel).exists():
            found.append(f"missing from the bundle: {rel}")
    for name in ABSENT:
        if (data / name).exists():
            found.append(f"in the bundle but not wanted: {name}")
    return found


def archive(bundle: Path) -> Path:
    name = f"filing-reviewer-{version()}"
    out = bundle.parent / f"{name}-linux-{platform.machine()}.tar.gz"
    tmp = out.with_suffix(".tmp")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=name)
    tmp.replace(out)
    return out


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]) if argv else ROOT / "dist" / "reviewer"
    if not bundle.is_dir():
        print(f"no bundle at {bundle}: run make package", file=sys.stderr)
        return 1
    mb = size_bytes(bundle) / 1e6
    print(f"Bundle {bundle}: {mb:.1f} MB unpacked (limit {LIMIT_MB} MB)")
    failed = problems(bundle)
    if mb > LIMIT_MB:
        failed.append(f"the bundle is {mb:.1f} MB, over the {LIMIT_MB} MB limit")
    for problem in failed:
        print(problem, file=sys.stderr)
    if failed:
        return 1
    if sys.platform.startswith("linux"):
        out = archive(bundle)
        print(f"Archive {out}: {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
