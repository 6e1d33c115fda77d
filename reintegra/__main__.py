"""Entry point: ``reintegra`` and ``python -m reintegra``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    desktop, database = _desktop_only(argv)
    if desktop:
        # Straight to the desktop app: the command line's parser (every command, every help text)
        # is not built before the first window (benchmarks/bench_startup.py).
        from reintegra.private_files import private_umask
        from reintegra.ui.app import run_app

        with private_umask():  # as cli.main: whatever the program writes is the user's alone
            return run_app(database)
    from reintegra.cli import main as cli_main

    return cli_main(argv)


def _desktop_only(argv: list[str]) -> tuple[bool, str | None]:
    """``(True, database)`` when the arguments only start the desktop app: no command and nothing
    but ``--database`` and a valid ``--language``; anything else goes to the command line's parser,
    which also starts the desktop app without a command, after its checks and messages."""
    from reintegra.i18n import LANGUAGES

    database, rest = None, list(argv)
    while rest:
        option, equals, value = rest.pop(0).partition("=")
        if option not in ("--database", "--language"):
            return False, None
        if not equals:
            if not rest:
                return False, None
            value = rest.pop(0)
        if option == "--database":
            database = value
        elif value not in LANGUAGES:
            return False, None
    return True, database


if __name__ == "__main__":
    sys.exit(main())
