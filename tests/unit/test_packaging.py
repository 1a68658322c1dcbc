"""What the desktop and the installers get: the desktop entry and AppStream metadata validate
with the freedesktop tools, the icon comes in every size it claims, the wheel installs the
desktop files under share/, and the PyInstaller spec names no path of one platform."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from reviewer import __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.filing_reviewer"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# what `reviewer ingest` reads (reviewer/core/ingest.py FILING_SUFFIXES): no MIME type may claim more
OPENED_TYPES = {"text/html", "application/xhtml+xml", "text/markdown", "text/plain", "application/xml", "text/xml"}


def tool(command: str, package: str) -> str:
    """The path of ``command``, installed with apt-get when it is missing and we may (root)."""
    found = shutil.which(command)
    if found:
        return found
    if not shutil.which("apt-get"):
        pytest.skip(f"{command} is missing and there is no apt-get to install {package}")
    if os.geteuid() != 0:
        pytest.skip(f"{command} is missing; installing {package} needs root (apt-get install {package})")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
        done = subprocess.run(install, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"apt-get could not install {package}: {done.stderr.strip()[-200:]}")
    found = shutil.which(command)
    if not found:
        pytest.skip(f"{package} is installed but {command} is not on PATH")
    return found


def desktop_entry() -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    return entry["Desktop Entry"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# -- the desktop files ---------------------------------------------------------------------
def test_the_desktop_entry_validates():
    validate = tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_appstream_metadata_validates():
    appstreamcli = tool("appstreamcli", "appstream")
    done = subprocess.run([appstreamcli, "validate", "--no-net", "--pedantic", str(METAINFO)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_desktop_entry_runs_the_command_that_opens_files_with_the_icon():
    entry = desktop_entry()
    assert entry["Exec"] == "reviewer open %F"
    assert entry["Icon"] == APP_ID
    claimed = {t for t in entry.get("MimeType", "").split(";") if t}
    assert claimed <= OPENED_TYPES
    assert "text/plain" not in claimed  # every text file on the system: the application is no text editor


def test_the_metadata_names_this_release_and_the_desktop_entry():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    versions = [r.get("version") for r in root.iter("release")]
    assert versions and versions[0] == __version__, "the newest <release> is this version"
    for screenshot in root.iter("screenshot"):
        assert screenshot.find("image") is not None, "a screenshot needs its image"


# -- the icon ---------------------------------------------------------------------------------
def test_every_icon_size_is_the_size_it_claims():
    assert (ICONS / "filing-reviewer.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in SIZES:
        assert png_size((ICONS / f"filing-reviewer-{size}.png").read_bytes()) == (size, size)


def test_the_windows_and_macos_icons_hold_the_pngs():
    ico = (ICONS / "filing-reviewer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sides = set()
    for i in range(count):
        w, _h, _c, _r, _p, _b, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i:22 + 16 * i])
        assert png_size(ico[offset:offset + length])[0] == (w or 256)
        sides.add(w or 256)
    assert {16, 32, 48, 256} <= sides
    icns = (ICONS / "filing-reviewer.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    pos, found = 8, set()
    while pos < len(icns):
        length = struct.unpack(">I", icns[pos + 4:pos + 8])[0]
        found.add(png_size(icns[pos + 8:pos + length])[0])
        pos += length
    assert {16, 32, 128, 256, 512} <= found


# -- the wheel --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "wheel", "--no-deps",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True)
    if done.returncode != 0 and "hatchling" in done.stderr and "No matching distribution" in done.stderr:
        pytest.skip("hatchling, the build backend, cannot be installed here")
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("filing_reviewer-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_the_wheel_installs_the_desktop_files_and_icons_under_share(wheel):
    names = set(wheel.namelist())
    share = f"filing_reviewer-{__version__}.data/data/share/"
    expected = {share + f"applications/{APP_ID}.desktop", share + f"metainfo/{APP_ID}.metainfo.xml",
                share + f"icons/hicolor/scalable/apps/{APP_ID}.svg"}
    expected |= {share + f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in SIZES}
    assert expected <= names, sorted(expected - names)
    assert wheel.read(share + f"applications/{APP_ID}.desktop") == DESKTOP.read_bytes()
    for n in SIZES:
        assert png_size(wheel.read(share + f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png")) == (n, n)


def test_the_wheel_carries_the_license_and_the_window_icons(wheel):
    names = set(wheel.namelist())
    license_ = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
    assert b"MIT License" in wheel.read(license_) and b"Filing Reviewer authors" in wheel.read(license_)
    assert {f"reviewer/resources/icons/filing-reviewer-{n}.png" for n in SIZES} <= names
    assert "reviewer/resources/schemas/sec.toml" in names


# -- the application bundle's spec ------------------------------------------------------------
def test_the_spec_names_no_path_of_one_platform():
    spec = (ROOT / "packaging" / "reviewer.spec").read_text(encoding="utf-8")
    code = "\n".join(line.split("#")[0] for line in spec.splitlines())
    for platform_path in ('"/usr', '"/opt', '"/lib', "site-packages", ".so\"", ".dll\"", ".dylib\"", "C:\\\\", "~/"):
        assert platform_path not in code, platform_path
    for kept_out in ("spacy", "pyarrow", "torch", "QtWebEngineCore", "QtQml", "QtNetwork"):
        assert f'"{kept_out}"' in code, f"{kept_out} should be excluded"
    assert "resources" in code and "reviewer/resources" in code


def test_the_bundle_entry_runs_the_helper_processes_a_frozen_program_starts(monkeypatch, tmp_path):
    """core/isolated.py and storage/guard.py run a frozen program as itself with a flag."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import entry
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    from reviewer.core import isolated
    from reviewer.core.storage import guard

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert isolated.worker_command(7)[1:] == ["--reader-worker", "7"]
    assert guard.command("x.db")[1:] == ["--lock-keeper", "x.db"]
    calls = []
    monkeypatch.setattr(isolated, "main", lambda argv: calls.append(("worker", argv)) or 0)
    monkeypatch.setattr(guard, "main", lambda argv: calls.append(("keeper", argv)) or 0)
    for argv in (["reviewer", "--reader-worker", "7"], ["reviewer", "--lock-keeper", "x.db"]):
        monkeypatch.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit) as ended:
            entry.main()
        assert ended.value.code == 0
    assert calls == [("worker", ["7"]), ("keeper", ["x.db"])]
