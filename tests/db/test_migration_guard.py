"""The migration guard: it passes every real revision and catches a NOT NULL column without a
default, the mistake that passes on an empty database and fails on every facility's data."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect

from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.migration_guard import unsafe_operations
from reintegra.services.backup import automatic_backups
from reintegra.services.database import open_database
from reintegra.services.errors import ReintegraError
from stored_databases import copy_stored, load_into_server, stored_databases
from upgrade_rows import differences, read_rows

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")


def test_no_revision_adds_a_not_null_column_without_a_default():
    assert unsafe_operations() == []


def test_the_harmless_test_revision_passes(harmless_next):
    assert unsafe_operations([harmless_next]) == []


@pytest.mark.parametrize("upgrade, flagged", [
    ('op.add_column("participants", sa.Column("staff_number", sa.String(20), nullable=False))',
     "adds the NOT NULL column participants.staff_number without a server default"),
    ('with op.batch_alter_table("workshops") as batch:\n'
     '    batch.add_column(sa.Column("room", sa.Integer, nullable=False))',
     "adds the NOT NULL column workshops.room without a server default"),
    ('op.add_column("participants", sa.Column("staff_number", sa.String(20), nullable=False, server_default=""))',
     None),
    ('op.add_column("participants", sa.Column("staff_number", sa.String(20), nullable=True))', None),
    ('op.create_table("staff", sa.Column("id", sa.Integer, primary_key=True), '
     'sa.Column("login", sa.String(40), nullable=False))', None),
    ('op.create_table("staff", sa.Column("id", sa.Integer, primary_key=True))\n'
     'op.add_column("staff", sa.Column("login", sa.String(40), nullable=False))', None),
    ('op.alter_column("participants", "pesel", existing_type=sa.String(11), nullable=False)',
     "makes participants.pesel NOT NULL without an UPDATE of participants"),
    ('op.execute("UPDATE participants SET pesel = \'\' WHERE pesel IS NULL")\n'
     'op.alter_column("participants", "pesel", existing_type=sa.String(11), nullable=False)', None),
])
def test_the_guard_reads_what_a_revision_does_to_existing_rows(extra_revision, upgrade, flagged):
    revision = extra_revision("sample", upgrade)
    found = unsafe_operations([revision])
    if flagged is None:
        assert found == []
    else:
        [problem] = found
        assert problem.startswith(f"revision {revision} {flagged}")
    assert unsafe_operations(schema.revision_ids()[:-1]) == []  # the real ones are still fine


def test_a_not_null_column_without_a_default_passes_on_an_empty_database(tmp_path, not_null_without_default):
    engine = make_engine(tmp_path / "empty.db")
    schema.upgrade(engine)
    assert schema.current_revision(engine) == not_null_without_default
    assert "staff_number" in {column["name"] for column in inspect(engine).get_columns("participants")}
    engine.dispose()


def test_a_not_null_column_without_a_default_fails_on_a_filled_database(tmp_path, not_null_without_default):
    stored = stored_databases()[-1]
    path = copy_stored(stored, tmp_path)
    engine = make_engine(path)
    before = read_rows(engine)

    with pytest.raises(ReintegraError, match="NOT NULL"):
        open_database(str(path))

    # The failed upgrade changed nothing, and the backup made before it holds everything too.
    assert schema.current_revision(engine) == schema.revision_ids()[-2]
    assert differences(before, read_rows(engine)) == []
    engine.dispose()
    [backup] = automatic_backups()
    saved = make_engine(backup)
    assert differences(before, read_rows(saved)) == []
    saved.dispose()


@pytest.mark.skipif(not SERVER_URL, reason="REINTEGRA_TEST_DATABASE_URL is not set")
def test_a_not_null_column_without_a_default_fails_on_a_filled_server(tmp_path, not_null_without_default):
    load_into_server(copy_stored(stored_databases()[-1], tmp_path), SERVER_URL)
    engine = make_engine(SERVER_URL)
    before = read_rows(engine)

    with pytest.raises(ReintegraError, match="staff_number"):
        open_database(SERVER_URL)

    assert schema.current_revision(engine) == schema.revision_ids()[-2]
    assert differences(before, read_rows(engine)) == []
    engine.dispose()
