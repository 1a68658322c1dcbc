# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test test-long bench install install-test sysdeps clean package package-test wheel wheel-test

$(PY):
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test]'
	touch $(VENV)/.installed $@

# Qt needs a few shared libraries that minimal Debian images lack. Install them
# when they are missing and we may (root with apt-get); otherwise say what to do.
sysdeps: $(VENV)/.installed
	@QT_QPA_PLATFORM=offscreen $(PY) -c 'from PySide6 import QtWidgets' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing the system libraries Qt needs (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 >/dev/null; \
	  else \
	    echo "Qt cannot load. On Debian/Ubuntu: sudo apt-get install libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"; \
	    exit 1; \
	  fi; }

install: $(VENV)/.installed sysdeps

run: install
	$(VENV)/bin/reviewer demo

test: $(VENV)/.installed-test sysdeps
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The same suite with the long checks at full size: 50 SIGKILLs during mixed work, the
# concurrency scenarios with thousands of decisions, 40 concurrent starts, linearity on big inputs.
test-long: $(VENV)/.installed-test sysdeps
	REVIEWER_LONG=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s -k "soak or durability or linearity or guard"

bench: install
	$(PIP) install -e '.[bench,spacy,team,scale]'
	$(PY) bench/run.py

# The application for analysts without Python: a one-folder bundle from packaging/reviewer.spec
# (the same spec on Windows and macOS), its size (at most 150 MB) and, on Linux, a .tar.gz.
BUNDLE := dist/reviewer/reviewer
BUNDLE_XCB := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1

$(VENV)/.installed-package: pyproject.toml | $(PY)
	$(PIP) install -e '.[package]'
	touch $(VENV)/.installed $@

$(BUNDLE): $(VENV)/.installed-package packaging/reviewer.spec packaging/entry.py pyproject.toml \
           $(shell find reviewer resources -type f -not -name '*.pyc' 2>/dev/null)
	@$(MAKE) --no-print-directory sysdeps
	@# the bundle carries the X libraries Qt's xcb plugin needs and desktops often lack: the build needs them
	@if [ "$$(id -u)" = 0 ] && command -v dpkg >/dev/null && command -v apt-get >/dev/null && \
	    ! dpkg -s $(BUNDLE_XCB) >/dev/null 2>&1; then \
	  echo "Installing $(BUNDLE_XCB) (apt-get) for the bundle"; \
	  { apt-get install -y -qq $(BUNDLE_XCB) || { apt-get update -qq && apt-get install -y -qq $(BUNDLE_XCB); }; } \
	    >/dev/null 2>&1 || echo "could not install $(BUNDLE_XCB): the bundle will need them on the desktop"; \
	fi
	@start=$$(date +%s); \
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --workpath build/pyinstaller --distpath dist \
	  packaging/reviewer.spec && echo "PyInstaller: $$(( $$(date +%s) - start )) s"
	touch $@

package: $(BUNDLE)
	$(PY) packaging/bundle.py dist/reviewer

# builds the bundle if needed, then runs it: --version, extract, demo with its own HOME, the window offscreen
package-test: package
	$(PY) packaging/package_test.py dist/reviewer

wheel: | $(PY)
	rm -f dist/filing_reviewer-*.whl
	$(PIP) wheel --no-deps -w dist .
	@ls dist/filing_reviewer-*.whl

# the wheel in a fresh venv: `reviewer --version` and `reviewer extract` on a bundled sample
wheel-test: wheel
	rm -rf build/wheel-venv
	$(PYTHON) -m venv build/wheel-venv
	build/wheel-venv/bin/python -m pip --disable-pip-version-check -q install dist/filing_reviewer-*.whl
	cd build && wheel-venv/bin/reviewer --version
	cd build && wheel-venv/bin/reviewer extract --format jsonl ../resources/samples/tecogen-press-release-2013.txt \
	  > wheel-extract.jsonl
	@grep -q '"fields": \[{' build/wheel-extract.jsonl && echo "wheel-test passed: the installed wheel extracts fields"

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
