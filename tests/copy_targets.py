"""A second, empty database on the test PostgreSQL server, for the copy tests (db copy, the Database
dialog): REINTEGRA_TEST_DATABASE_URL's database name + "_copy", made once, emptied for each test."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from reintegra.db.engine import make_engine

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")


@pytest.fixture
def server_target():
    """An empty second database on the test server (made once, emptied for each test)."""
    if not SERVER_URL:
        pytest.skip("set REINTEGRA_TEST_DATABASE_URL to a PostgreSQL URL")
    url = make_url(SERVER_URL)
    name = f"{url.database}_copy"
    admin = make_engine(SERVER_URL)
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}):
                connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        admin.dispose()
    target = url.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(target)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return target
