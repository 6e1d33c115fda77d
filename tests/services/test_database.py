"""Opening a database: a new file gets its schema like any other write — it waits for another
program writing to the file, and still busy after the wait it is refused in one sentence."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from reintegra.db import engine as engine_module
from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.services.database import open_database
from reintegra.services.errors import DatabaseBusyError

BUSY = ("Baza danych jest zajęta przez inny komputer lub program i nic nie zostało zapisane; "
        "spróbuj ponownie za chwilę.")


def test_a_new_database_still_locked_by_another_program_after_the_wait_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "nowa.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as other_program:
        other_program.execute("PRAGMA journal_mode=WAL")
        other_program.execute("BEGIN IMMEDIATE")
        other_program.execute("CREATE TABLE notatki (tekst TEXT)")
        with pytest.raises(DatabaseBusyError) as refused:
            open_database(str(path))
        other_program.execute("ROLLBACK")
    assert refused.value.message == BUSY
    engine = make_engine(path)
    try:
        assert schema.current_revision(engine) is None and schema.is_empty(engine)
        open_database(str(path)).dispose()  # a moment later the schema is made
        assert schema.current_revision(engine) == schema.head_revision()
    finally:
        engine.dispose()
