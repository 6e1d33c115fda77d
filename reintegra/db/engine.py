"""Engines and sessions: turning a path or URL into a configured database connection,
and the two kinds of unit of work — one that writes and one that only reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from reintegra.private_files import create_private, private_folder

# How long a writer waits for another computer or program to finish writing before giving up.
BUSY_TIMEOUT_SECONDS = 10.0

# The execution option that marks a connection of a unit that writes (see for_writing).
_WRITES = "reintegra_writes"


def database_url(target: str | Path) -> URL:
    """A URL from what the user typed: a URL as it is, anything else a SQLite file path."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def shown_database(target: str | Path | URL) -> str:
    """The database as messages, logs and the window show it: a URL with its password masked."""
    if isinstance(target, URL):
        url = target
    elif "://" in str(target):
        try:
            url = make_url(str(target))
        except (ArgumentError, ValueError):  # not a URL SQLAlchemy reads: nothing before the host
            return str(target).rsplit("@", 1)[-1]
    else:
        return str(target)
    if "password" in url.query:
        url = url.update_query_dict({"password": "***"})
    return url.render_as_string(hide_password=True)


def without_password(target: str) -> str:
    """``target`` as it may be saved: a URL loses its password, a path stays as it is."""
    if "://" not in target:
        return target
    url = make_url(target).difference_update_query(["password"])
    # URL.set() ignores a None, so the URL is built again without the password.
    url = URL.create(url.drivername, username=url.username, host=url.host, port=url.port,
                     database=url.database, query=url.query)
    return url.render_as_string(hide_password=False)


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
    # killed process or a power cut. (The busy timeout is the driver's ``timeout``.)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
    # SQLite's own lower() folds only ASCII; searching "żół" must find "Żółć".
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _begin_sqlite(connection) -> None:
    # A deferred transaction that has read cannot wait for the write lock: SQLite refuses its
    # first write at once while another connection writes ("database is locked"), so the busy
    # timeout never applies. A writer therefore takes the lock at BEGIN, where it does wait;
    # a reader begins deferred and, with WAL, never waits for anybody.
    writes = connection.get_execution_options().get(_WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def make_engine(target: str | Path | URL, *, busy_timeout: float | None = None) -> Engine:
    """An engine on ``target``; a writer waits up to ``busy_timeout`` seconds (default
    BUSY_TIMEOUT_SECONDS) for the write lock on SQLite, or for a locked row on a server."""
    url = target if isinstance(target, URL) else database_url(target)
    wait = BUSY_TIMEOUT_SECONDS if busy_timeout is None else busy_timeout
    if is_sqlite(url):
        if url.database and url.database != ":memory:":
            _create_private_file(Path(url.database))
        engine = create_engine(url, connect_args={"timeout": wait})
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    connect_args = {}
    if url.get_backend_name() == "postgresql" and "options" not in url.query:
        # PostgreSQL waits for a locked row for ever; give up after the same wait as SQLite.
        connect_args["options"] = f"-c lock_timeout={round(wait * 1000)}"
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _create_private_file(path: Path) -> None:
    # An empty file is an empty SQLite database; made 0600 here, SQLite gives its -wal, -shm and
    # -journal the same mode. A folder made for it is 0700; an existing one keeps its mode.
    private_folder(path.parent, tighten=False)
    if not path.exists():
        create_private(path)


def for_writing(engine: Engine) -> Engine:
    """``engine`` for a unit that writes: on SQLite its transactions begin with BEGIN IMMEDIATE."""
    return engine.execution_options(**{_WRITES: True})


class WriteInReadUnit(RuntimeError):
    """A unit that only reads was asked to write (a programming error)."""


def _refuse_to_write(session: Session, _context, _instances) -> None:
    changed = [*session.new, *session.dirty, *session.deleted]
    raise WriteInReadUnit(f"a unit that only reads tried to write {changed[:3]!r}")


@contextmanager
def unit_of_work(engine: Engine, *, writes: bool) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any exception.

    ``writes=False``: a unit that only reads — it begins without waiting for a writer and is
    never committed: closing the session rolls the transaction back, so that nothing it might
    have changed is kept, while the records it read stay readable after the block.
    """
    if not writes:
        with Session(engine, expire_on_commit=False) as session:
            # A change made here would vanish with the rollback: a save that silently does
            # nothing. Refuse it loudly instead, so the code is fixed to use a unit that writes.
            event.listen(session, "before_flush", _refuse_to_write)
            yield session
        return
    with Session(for_writing(engine), expire_on_commit=False) as session, session.begin():
        yield session
