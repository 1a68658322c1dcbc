"""The bundled application's program: `reviewer` with its commands, and the two helper
processes the application starts from itself when frozen (a frozen program cannot run
`python -m ...`): the reader worker (core/isolated.py) and the lock keeper (storage/guard.py)."""

from __future__ import annotations

import sys


def main() -> None:
    flag, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else (None, [])
    if flag == "--reader-worker":
        from reviewer.core import isolated

        sys.exit(isolated.main(args))
    if flag == "--lock-keeper":
        from reviewer.core.storage import guard

        sys.exit(guard.main(args))
    from reviewer.cli import main as reviewer

    reviewer()


if __name__ == "__main__":
    main()
