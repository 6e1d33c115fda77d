"""Upgrades proven on data: every stored filled database of a released revision is upgraded
through every later migration, on SQLite and (when configured) PostgreSQL, keeping every row."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.models import Base
from reintegra.services.backup import automatic_backups, check_database
from reintegra.services.database import open_database
from stored_databases import FACILITIES, copy_stored, load_into_server, revision_of, stored_databases
from upgrade_rows import differences, expected_after, read_rows

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")
STORED = stored_databases()


def later_revisions(revision: str) -> list[str]:
    chain = schema.revision_ids()
    return chain[chain.index(revision) + 1:]


def table_shapes(engine) -> dict:
    """Tables, columns, indexes and foreign keys as the database itself reports them."""
    inspector = inspect(engine)
    return {
        table: (
            [(c["name"], str(c["type"]), c["nullable"], c.get("default")) for c in inspector.get_columns(table)],
            sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(table)),
            sorted((tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                   for f in inspector.get_foreign_keys(table)),
        )
        for table in inspector.get_table_names()
    }


def test_every_revision_has_its_stored_databases():
    # So that each next migration is tested on the data of the release before it:
    # run `make stored-database` when a revision is released.
    wanted = {f"{revision}-{facility}.db" for revision in schema.revision_ids() for facility in FACILITIES}
    assert {path.name for path in STORED} == wanted, \
        "make stored-database once the newest migration is final, and commit tests/db/stored/"


def test_the_stored_databases_are_small_and_fill_every_table(tmp_path):
    filled: dict[str, set[str]] = {}
    tables: dict[str, set[str]] = {}
    for path in STORED:
        assert path.stat().st_size < 4 * 1024 * 1024, path.name
        engine = make_engine(copy_stored(path, tmp_path))
        try:
            rows = read_rows(engine)
        finally:
            engine.dispose()
        tables.setdefault(revision_of(path), set()).update(rows)
        filled.setdefault(revision_of(path), set()).update(table for table, table_rows in rows.items() if table_rows)
    # The facilities of one revision together leave no table empty (only CIS has benefit rules).
    assert {revision: tables[revision] - filled[revision] for revision in tables} == {r: set() for r in tables}


@pytest.mark.parametrize("stored", STORED, ids=lambda path: path.stem)
def test_a_stored_database_has_the_schema_its_revision_builds(stored, tmp_path):
    # A released migration edited afterwards would upgrade facilities differently from the tests.
    fresh = make_engine(tmp_path / "fresh.db")
    schema.upgrade(fresh, revision_of(stored))
    engine = make_engine(copy_stored(stored, tmp_path))
    try:
        assert schema.current_revision(engine) == revision_of(stored)
        assert table_shapes(engine) == table_shapes(fresh)
    finally:
        engine.dispose()
        fresh.dispose()


@pytest.mark.parametrize("stored", STORED, ids=lambda path: path.stem)
def test_a_stored_database_upgraded_by_open_database_keeps_every_row(stored, tmp_path, harmless_next):
    path = copy_stored(stored, tmp_path)
    engine = make_engine(path)
    before = read_rows(engine)
    assert sum(map(len, before.values())) > 1_000  # a filled database, not a token one

    open_database(str(path)).dispose()

    assert schema.current_revision(engine) == harmless_next
    assert differences(expected_after(before, later_revisions(revision_of(stored))), read_rows(engine)) == []
    with engine.connect() as connection:  # the synthetic revision's new column got its default
        assert connection.execute(text("SELECT count(*) FROM participants WHERE synthetic_flag = 0")).scalar() \
            == len(before["participants"])
    engine.dispose()
    [backup] = automatic_backups()
    assert backup.name.endswith("-before-upgrade.db")
    saved = make_engine(backup)
    assert schema.current_revision(saved) == revision_of(stored)
    assert differences(before, read_rows(saved)) == []
    saved.dispose()


def test_the_row_check_notices_a_migration_that_loses_or_changes_data(tmp_path, extra_revision):
    stored = copy_stored(STORED[0], tmp_path)
    careless = extra_revision("careless", """
        op.execute("DELETE FROM progress_notes WHERE id = (SELECT min(id) FROM progress_notes)")
        op.execute("UPDATE persons SET last_name = upper(last_name) WHERE id = 1")
        op.drop_column("workshops", "description")
    """)
    engine = make_engine(stored)
    before = read_rows(engine)

    open_database(str(stored)).dispose()

    assert schema.current_revision(engine) == careless
    found = differences(expected_after(before, later_revisions(revision_of(STORED[0]))), read_rows(engine))
    engine.dispose()
    assert [line.split(":")[0] for line in found] == ["persons", "progress_notes", "workshops"]
    assert "columns ['description'] are gone" in found[2]


@pytest.mark.parametrize("stored", STORED, ids=lambda path: path.stem)
def test_a_stored_database_upgraded_to_head_is_exactly_the_models_and_sound(stored, tmp_path):
    path = copy_stored(stored, tmp_path)
    engine = open_database(str(path))
    try:
        assert schema.current_revision(engine) == schema.head_revision()
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        assert check_database(engine) == []
    finally:
        engine.dispose()


@pytest.mark.skipif(not SERVER_URL, reason="REINTEGRA_TEST_DATABASE_URL is not set")
@pytest.mark.parametrize("stored", STORED, ids=lambda path: path.stem)
def test_a_stored_database_upgraded_on_the_server_keeps_every_row(stored, tmp_path, harmless_next):
    # tests/conftest.py rebuilds the server's schema for the next test: its revision is not the head.
    path = copy_stored(stored, tmp_path)
    load_into_server(path, SERVER_URL)
    server, source = make_engine(SERVER_URL), make_engine(path)
    try:
        before = read_rows(server)
        assert {table: len(rows) for table, rows in before.items()} == \
            {table: len(rows) for table, rows in read_rows(source).items()}

        open_database(SERVER_URL).dispose()

        assert schema.current_revision(server) == harmless_next
        assert differences(expected_after(before, later_revisions(revision_of(stored))), read_rows(server)) == []
        [backup] = automatic_backups()
        saved = make_engine(backup)
        assert schema.current_revision(saved) == revision_of(stored)
        saved.dispose()
    finally:
        source.dispose()
        server.dispose()
