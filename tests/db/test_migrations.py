"""The migrations: they build exactly the models' schema, go down and up again, and keep data."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from factories import placed, workshop
from reintegra.cli import main
from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.enums import AttendanceStatus, NoteCategory, Role
from reintegra.db.models import Base
from reintegra.services import attendance, notes, users
from reintegra.services.backup import automatic_backups
from reintegra.services.database import open_database
from stored_databases import copy_stored, revision_of, stored_databases


def differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(schema.alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def snapshot(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {table.name: connection.execute(select(table).order_by(*table.primary_key.columns)).all()
                for table in Base.metadata.sorted_tables}


def fill(engine) -> None:
    with Session(engine) as session, session.begin():
        kitchen = workshop(session, "Pracownia gastronomiczna")
        instructor = users.create_user(session, "instruktor", "tajne-hasło-2", Role.INSTRUCTOR, "Łukasz Śliwa",
                                       workshop_ids=[kitchen.id])
        person = placed(session, "Zdzisław", "Gęślą-Żółć", date(2024, 1, 8), kitchen.id,
                        disability_causes=["02-P"])
        attendance.set_attendance(session, person.id, kitchen.id, date(2024, 3, 4), AttendanceStatus.PRESENT,
                                  hours=Decimal("3.75"), remark="Ćwiczył krojenie")
        notes.add_note(session, person.id, date(2024, 3, 5), NoteCategory.SOCIAL, "Pomaga koleżankom.",
                       actor=instructor)


def test_a_new_database_upgraded_to_head_is_exactly_the_models(tmp_path):
    engine = make_engine(tmp_path / "nowa.db")
    assert schema.current_revision(engine) is None and schema.is_empty(engine) and schema.needs_upgrade(engine)

    schema.upgrade(engine)

    assert schema.current_revision(engine) == schema.head_revision()
    assert not schema.is_empty(engine) and not schema.needs_upgrade(engine)
    assert differences(engine) == []
    engine.dispose()


def test_the_test_database_is_exactly_the_models(engine):
    assert schema.current_revision(engine) == schema.head_revision()
    assert differences(engine) == []


def test_down_to_nothing_and_up_again_step_by_step(engine):
    try:
        schema.downgrade(engine, "base")
        assert schema.current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        for revision in revisions_oldest_first():
            schema.upgrade(engine, revision)
            assert schema.current_revision(engine) == revision
    finally:
        schema.upgrade(engine)  # the next tests on a shared server need the whole schema
    assert schema.current_revision(engine) == schema.head_revision()
    assert differences(engine) == []


def test_data_stays_intact_through_db_upgrade(engine, database_path, capsys):
    fill(engine)
    before = snapshot(engine)

    assert main(["--database", database_path, "db", "upgrade"]) == 0

    assert "ma już aktualną strukturę" in capsys.readouterr().out
    assert snapshot(engine) == before
    assert automatic_backups() == []  # nothing to upgrade, nothing to back up


def test_an_older_database_is_backed_up_then_upgraded(tmp_path, harmless_next):
    # The newest stored (filled) database is one revision older than the made-up next one.
    stored = stored_databases()[-1]
    previous = revision_of(stored)
    path = copy_stored(stored, tmp_path)

    open_database(str(path)).dispose()

    engine = make_engine(path)
    assert schema.current_revision(engine) == harmless_next == schema.head_revision()
    assert "synthetic_staff" in inspect(engine).get_table_names()
    engine.dispose()
    [backup] = automatic_backups()
    assert backup.name.endswith("-before-upgrade.db")
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(previous,)]
        assert copy.execute("SELECT count(*) FROM participants").fetchone()[0] > 0


def test_revisions_are_told_apart():
    head = schema.head_revision()
    assert schema.is_known_revision(head)
    assert all(schema.is_known_revision(revision) for revision in revisions_oldest_first())
    assert not schema.is_known_revision("9999_future")
    assert not schema.is_known_revision("")
    assert revisions_oldest_first()[-1] == head


def test_a_database_written_by_a_newer_program_is_not_upgraded(tmp_path):
    path = tmp_path / "nowsza.db"
    engine = make_engine(path)
    schema.upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")

    assert schema.current_revision(engine) == "9999_future"
    assert not schema.is_known_revision(schema.current_revision(engine))
    assert schema.needs_upgrade(engine)
    engine.dispose()


def test_revisions_are_numbered_files_in_one_line():
    script = ScriptDirectory.from_config(schema.alembic_config())
    revisions = list(reversed(list(script.walk_revisions())))
    assert script.get_heads() == [schema.head_revision()]  # one head: no branches to merge
    assert [revision.revision for revision in revisions] == schema.revision_ids()
    assert schema.revision_ids() == [f"{number:04d}" for number in range(1, len(revisions) + 1)]
    for previous, revision in zip([None, *revisions], revisions):
        assert revision.down_revision == (previous.revision if previous else None)
        assert Path(revision.path).name.startswith(f"{revision.revision}_")
    assert schema.next_revision_id() == f"{len(revisions) + 1:04d}"


def test_make_migration_writes_the_next_numbered_revision(extra_revision, capsys):
    # extra_revision: a copy of the migrations to write into, nothing added yet
    previous, expected = schema.head_revision(), schema.next_revision_id()

    path = schema.new_revision("add staff accounts")

    assert path.name == f"{expected}_add_staff_accounts.py"
    assert schema.head_revision() == expected == schema.alembic_head()
    revision = ScriptDirectory.from_config(schema.alembic_config()).get_revision(expected)
    assert revision.down_revision == previous
    output = capsys.readouterr().out
    assert "Wrote" in output and "Fix before committing" not in output


def test_starting_on_a_current_database_does_not_import_alembic(database_path):
    # The app checks the schema on every start; importing Alembic costs a third of it.
    check = (
        "import sys\n"
        "from reintegra.services.database import open_database\n"
        "from reintegra.db import schema\n"
        f"engine = open_database({database_path!r})\n"
        "assert schema.current_revision(engine) == schema.head_revision()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'alembic'))\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_foreign_keys_are_on_again_after_an_upgrade(tmp_path):
    engine = make_engine(tmp_path / "nowa.db")
    schema.upgrade(engine)
    with engine.connect() as connection:  # the pooled connection the migration used
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
