"""Shared fixtures: a fresh database per test (SQLite, or PostgreSQL when
REINTEGRA_TEST_DATABASE_URL is set), the user folders in a temporary place, Polish.

A test that asks for ``demo`` finds the demo facility in its database: generated once per run
and copied for each test (on PostgreSQL, generated into the emptied database)."""

from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from reintegra import i18n
from reintegra.db.engine import make_engine
from reintegra.db.models import Base
from reintegra.db import schema
from reintegra.demo.generate import DemoResult

import demo_data

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")
_DEMO_RESULT = pytest.StashKey[DemoResult]()

# extra_revision, harmless_next, not_null_without_default: made-up revisions on top of the real ones.
pytest_plugins = ("migration_revisions", "keyring_backends")


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("REINTEGRA_DATABASE", raising=False)
    monkeypatch.delenv("REINTEGRA_LANGUAGE", raising=False)
    i18n.set_language("pl")
    yield
    i18n.set_language("pl")


@pytest.fixture(scope="session")
def _template_database(tmp_path_factory):
    """A SQLite file at the current schema, made once through the migrations."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(path)
    schema.upgrade(engine)
    engine.dispose()
    return path


_server_ready = False


def _empty_server_database():
    global _server_ready
    engine = make_engine(SERVER_URL)
    # Rebuilt once per run, and again after a test left it at another revision (the upgrade
    # tests build older schemas there and upgrade them through made-up revisions).
    if not _server_ready or schema.current_revision(engine) != schema.head_revision():
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        schema.upgrade(engine)
        _server_ready = True
    names = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    return engine


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory, _template_database) -> tuple[str, DemoResult]:
    """The demo facility in a SQLite file, generated once per run: tests copy it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(_template_database, path)
    engine = make_engine(path)
    try:
        result = demo_data.generate(engine)
    finally:
        engine.dispose()
    return str(path), result


@pytest.fixture
def database_path(request, tmp_path, _template_database):
    """Path (or URL) of a fresh database at the current schema; with the demo facility in it
    when the test also asks for ``demo``."""
    with_demo = "demo" in request.fixturenames
    if SERVER_URL:
        engine = _empty_server_database()
        if with_demo:
            request.node.stash[_DEMO_RESULT] = demo_data.generate(engine)
        engine.dispose()
        return SERVER_URL
    path = tmp_path / "reintegra.db"
    if with_demo:
        template, result = request.getfixturevalue("_demo_template")
        shutil.copyfile(template, path)
        request.node.stash[_DEMO_RESULT] = result
    else:
        shutil.copyfile(_template_database, path)
    return str(path)


@pytest.fixture
def demo(request, database_path) -> DemoResult:
    """What generate_demo reported for the demo facility in this test's database."""
    return request.node.stash[_DEMO_RESULT]


@pytest.fixture
def engine(database_path):
    engine = make_engine(database_path)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as session:
        yield session
