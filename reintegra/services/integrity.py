"""SQLite's quick check of a database file, with nothing but the sqlite3 module: the app runs it at
start, while the sign-in is on screen and before SQLAlchemy is loaded (ui/app.py)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def file_damage(path: str | Path) -> str | None:
    """What SQLite's quick check finds wrong with the database file ``path`` (its first finding), or
    None for a file in good order (or one that is not there: a new database; or not a SQLite file at all,
    which opening the database reports in its own words)."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:  # new, empty, or no database at all: not "damaged"
                return None
    except OSError:
        return None
    try:
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)) as connection:
            verdict = [row[0] for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:  # "database disk image is malformed", "file is not a database"
        return str(error)
    except sqlite3.Error:  # e.g. busy: not a finding about the file
        return None
    return None if verdict == ["ok"] else str(verdict[0])
