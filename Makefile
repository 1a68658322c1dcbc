# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test test-long bench install install-test sysdeps clean

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
	$(PIP) install -e '.[bench]'
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
