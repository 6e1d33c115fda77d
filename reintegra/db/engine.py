"""Engines and sessions: turning a path or URL into a configured database connection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000


def database_url(target: str | Path) -> URL:
    """A URL from what the user typed: a URL as it is, anything else a SQLite file path."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def is_sqlite(engine_or_url: Engine | URL) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else engine_or_url
    return url.get_backend_name() == "sqlite"


def _configure_sqlite(dbapi_connection, _record) -> None:
    # The sqlite3 module opens and commits transactions on its own, which breaks SAVEPOINTs
    # (a released savepoint that opened the transaction is committed at once). Let SQLAlchemy
    # say BEGIN itself instead — the recipe in SQLAlchemy's pysqlite documentation.
    dbapi_connection.isolation_level = None
    # Foreign keys are off by default in SQLite; WAL lets the app read while another
    # connection writes; synchronous=FULL so a committed attendance day survives a
    # killed process or a power cut.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
    # SQLite's own lower() folds only ASCII; searching "żół" must find "Żółć".
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _begin_sqlite(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def make_engine(target: str | Path | URL) -> Engine:
    url = target if isinstance(target, URL) else database_url(target)
    if is_sqlite(url):
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any exception."""
    with factory() as session, session.begin():
        yield session
