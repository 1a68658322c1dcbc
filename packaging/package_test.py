"""Run the built application as an analyst would, with nothing of the project's Python around.

    python packaging/package_test.py [dist/reviewer]      # make package-test runs it

The bundled program prints its version, extracts a seed document, builds the demo database
with a HOME of its own, and opens its window offscreen on that database and a file for a
moment, closing without error. Each step has a time limit; the first failure ends the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SAMPLES = ROOT / "resources" / "samples"
STEP_TIMEOUT = 180  # seconds; the window's step includes ingest in the reader worker


def program(bundle: Path) -> Path:
    name = "reviewer.exe" if os.name == "nt" else "reviewer"
    return bundle / name


def seed_document() -> Path:
    """A seed press release: from the shared corpus when it is beside the project, else the copy
    among the bundled samples."""
    for folder in (SEEDS, SAMPLES):
        found = sorted(folder.glob("*press-release*.txt")) if folder.is_dir() else []
        if found:
            return found[0]
    raise SystemExit("no seed document found")


def isolated_env(home: Path) -> dict:
    """HOME, user data and settings in ``home``; no Python of the project's on any path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "REVIEWER_"))}
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"),
               LOCALAPPDATA=str(home / "AppData" / "Local"), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               QT_QPA_PLATFORM="offscreen")
    return env


def step(title: str, command: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    print(f"-- {title}: {' '.join(map(str, command[1:]))}", flush=True)
    try:
        done = subprocess.run([str(c) for c in command], env=env, cwd=cwd, capture_output=True, text=True,
                              timeout=STEP_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"FAILED {title}: no answer within {STEP_TIMEOUT} s") from None
    trouble = "Traceback (most recent call last)" in done.stderr or "Could not load the Qt platform" in done.stderr
    if done.returncode != 0 or trouble:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"FAILED {title}: exit status {done.returncode}")
    return done


def main(argv: list[str]) -> int:
    bundle = (Path(argv[0]) if argv else ROOT / "dist" / "reviewer").resolve()
    exe = program(bundle)
    if not exe.is_file():
        print(f"no program at {exe}: run make package", file=sys.stderr)
        return 1
    seed = seed_document()
    with tempfile.TemporaryDirectory(prefix="reviewer-package-test-") as tmp:
        home = Path(tmp)
        env = isolated_env(home)

        version = step("version", [exe, "--version"], env, home).stdout.strip()
        sys.path.insert(0, str(ROOT))
        from reviewer import __version__

        if not version.endswith(__version__):
            raise SystemExit(f"FAILED version: {version!r}, the source says {__version__}")
        print(f"   {version}")

        out = step("extract", [exe, "extract", "--format", "jsonl", seed], env, home).stdout
        records = [json.loads(line) for line in out.splitlines() if line.strip()]
        fields = [f for r in records for f in r.get("fields", [])]
        if len(records) != 1 or not fields:
            raise SystemExit(f"FAILED extract: {len(records)} record(s), {len(fields)} field(s)")
        print(f"   {len(fields)} field(s) from {seed.name}")

        said = step("demo", [exe, "demo", "--no-open"], env, home).stdout.strip()
        demo_db = next(home.rglob("demo.db"), None)
        if demo_db is None or not demo_db.is_relative_to(home):
            raise SystemExit(f"FAILED demo: no demo database under the test's HOME ({said})")
        listed = step("list", [exe, "list", "--db", demo_db, "--format", "jsonl"], env, home).stdout
        documents = [line for line in listed.splitlines() if line.strip()]
        if not documents:
            raise SystemExit("FAILED demo: the demo database has no document")
        print(f"   {said}")

        shown = step("window", [exe, "open", "--db", demo_db, "--reviewer", "package-test", "--quit-after", "2",
                                seed], env, home)
        line = next((ln for ln in shown.stderr.splitlines() if ln.startswith("window shown:")), None)
        if line is None or "no document" in line:
            sys.stderr.write(shown.stderr[-3000:])
            raise SystemExit("FAILED window: it did not show the file's document")
        print(f"   {line}")
    print(f"package-test passed: {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
