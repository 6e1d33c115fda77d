"""The migrations: they build exactly the models' schema, go down and up again, and keep data."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

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
        instructor = users.create_user(session, "instruktor", "tajne-hasło-2", Role.INSTRUCTOR, "Łukasz Śliwa")
        kitchen = workshop(session, "Pracownia gastronomiczna")
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


def test_an_older_database_is_backed_up_then_upgraded(engine, database_path):
    earlier = revisions_oldest_first()[:-1]
    if not earlier:
        pytest.skip("there is only one schema revision, so no database can be older yet")
    previous = earlier[-1]
    try:
        schema.downgrade(engine, previous)
        open_database(database_path).dispose()
        assert schema.current_revision(engine) == schema.head_revision()
    finally:
        schema.upgrade(engine)
    [backup] = automatic_backups()
    assert backup.name.endswith("-before-upgrade.db")
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(previous,)]


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


def test_the_revision_the_program_expects_is_alembics_head():
    assert schema.SCHEMA_REVISION == schema.alembic_head()


def test_foreign_keys_are_on_again_after_an_upgrade(tmp_path):
    engine = make_engine(tmp_path / "nowa.db")
    schema.upgrade(engine)
    with engine.connect() as connection:  # the pooled connection the migration used
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
