"""Moving a facility to another database: every table, with its history, copied into an empty one.

``copy_database`` copies every row of every table of the open database (a SQLite file or a
PostgreSQL server) — the audit log included, every id kept — into an EMPTY database at the same
schema version, resets the server's id sequences so that new rows continue after the copied ones,
and counts the rows of every table on both sides before it commits. The source is only read.
The copy is recorded in the target's audit log. Administrators only (the command line, whose
user owns the machine, as well).

``check_server`` is the Database dialog's "Test the connection": one sentence saying whether the
server answers, with which version, and what the database there holds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, Table, func, insert, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session

from reintegra.db import schema
from reintegra.db.engine import database_url, for_writing, is_sqlite, shown_database
from reintegra.db.enums import AuditAction
from reintegra.db.models import Base, User
from reintegra.i18n import _
from reintegra.services import access, audit, database
from reintegra.services.errors import ReintegraError
from reintegra.services.server_password import PasswordNeeded

# Rows read and written at a time (and the progress reported after each batch).
BATCH_ROWS = 2000
# How long a connection waits for a server that does not answer (seconds); libpq waits for ever.
CONNECT_TIMEOUT_SECONDS = 8
DEFAULT_PORT = 5432

# (rows copied so far, rows to copy): after every batch, and at least once a table.
Progress = Callable[[int, int], None]


# --- what a connection finds --------------------------------------------------------------


class Reach(Enum):
    """How a try to connect to a server ended."""

    CONNECTED = "connected"
    PASSWORD_NEEDED = "password-needed"
    PASSWORD_REFUSED = "password-refused"
    UNREACHABLE = "unreachable"
    NO_DATABASE = "no-database"
    NO_USER = "no-user"
    REFUSED = "refused"  # anything else the server or the driver said


class Holds(Enum):
    """What the database connected to holds."""

    EMPTY = "empty"  # no tables at all
    EMPTY_SCHEMA = "empty-schema"  # Reintegra's tables at this program's schema, not a row in them
    FACILITY = "facility"  # a Reintegra database with data
    OLDER = "older"  # Reintegra's tables at an older schema
    NEWER = "newer"  # written by a newer version of the program
    OTHER = "other"  # tables that are not Reintegra's


@dataclass(frozen=True)
class Contents:
    holds: Holds
    revision: str | None = None
    facility: str = ""  # the facility's name, when it has one
    tables: tuple[str, ...] = ()  # the tables that are there (for OTHER: those that are not Reintegra's)


@dataclass(frozen=True)
class ServerCheck:
    """The answer of "Test the connection": ``message`` says it in one sentence."""

    reach: Reach
    message: str
    version: str | None = None  # the server's version, when connected
    contents: Contents | None = None

    @property
    def connected(self) -> bool:
        return self.reach is Reach.CONNECTED


def check_server(target: str, password: str | None = None) -> ServerCheck:
    """Connects to ``target`` (its password: ``password``, else the URL's, else the keyring's) and
    says what it found; never raises for a server that cannot be used, and writes nothing."""
    try:
        engine = _connect(target, password)
    except _NotConnected as failed:
        return ServerCheck(failed.reach, failed.message)
    try:
        with engine.connect() as connection:
            version = _server_version(connection)
        contents = contents_of(engine)
    except SQLAlchemyError as error:
        return ServerCheck(Reach.REFUSED, database.cannot_open_message(target, error))
    finally:
        engine.dispose()
    return ServerCheck(Reach.CONNECTED, _found_message(version, contents), version, contents)


def _found_message(version: str, contents: Contents) -> str:
    holds, revision, facility = contents.holds, contents.revision, contents.facility
    if holds is Holds.EMPTY:
        return _("Connected to PostgreSQL {version}; the database is empty, ready for this facility to be "
                 "moved there.").format(version=version)
    if holds is Holds.EMPTY_SCHEMA:
        return _("Connected to PostgreSQL {version}; the database has Reintegra's tables (schema version "
                 "{revision}) but no data yet, ready for this facility to be moved there.").format(
            version=version, revision=revision)
    if holds is Holds.FACILITY and facility:
        return _("Connected to PostgreSQL {version}; the database holds the Reintegra facility “{facility}” "
                 "at the current schema version ({revision}).").format(
            version=version, facility=facility, revision=revision)
    if holds is Holds.FACILITY:
        return _("Connected to PostgreSQL {version}; the database holds Reintegra data at the current schema "
                 "version ({revision}).").format(version=version, revision=revision)
    if holds is Holds.OLDER:
        return _("Connected to PostgreSQL {version}; the database holds Reintegra data at an older schema "
                 "version ({revision}), which the program upgrades at its first start there, after a "
                 "backup.").format(version=version, revision=revision)
    if holds is Holds.NEWER:
        return _("Connected to PostgreSQL {version}; the database was written by a newer version of "
                 "Reintegra (schema version {revision}): update the program on this computer.").format(
            version=version, revision=revision)
    return _("Connected to PostgreSQL {version}, but the database holds other tables ({tables}) and is not "
             "a Reintegra database; ask for an empty one.").format(
        version=version, tables=_listed(contents.tables))


def _listed(names: tuple[str, ...], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (", …" if len(names) > most else "")


def _server_version(connection: Connection) -> str:
    if connection.dialect.name != "postgresql":
        return connection.dialect.name
    # "15.18 (Debian 15.18-0+deb12u1)": the number is what a person compares.
    return str(connection.exec_driver_sql("SHOW server_version").scalar()).split(" ")[0]


def contents_of(engine: Engine) -> Contents:
    """What the database holds (read only: a new SQLite file is not written to)."""
    with engine.connect() as connection:
        names = sorted(inspect(connection).get_table_names())
        if not names:
            return Contents(Holds.EMPTY)
        if "alembic_version" not in names:
            return Contents(Holds.OTHER, tables=tuple(names))
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if revision is None or not schema.is_known_revision(revision):
            return Contents(Holds.NEWER if revision else Holds.OTHER, revision, tables=tuple(names))
        known = set(Base.metadata.tables)
        strangers = tuple(name for name in names if name not in known and name != "alembic_version")
        if strangers:
            return Contents(Holds.OTHER, revision, tables=strangers)
        if revision != schema.head_revision():
            return Contents(Holds.OLDER, revision, tables=tuple(names))
        preparer = connection.dialect.identifier_preparer
        filled = [name for name in names if name != "alembic_version" and connection.exec_driver_sql(
            f"SELECT 1 FROM {preparer.quote(name)} LIMIT 1").first() is not None]
        if not filled:
            return Contents(Holds.EMPTY_SCHEMA, revision, tables=tuple(names))
        facility = ""
        if "facility" in names:
            facility = connection.execute(text("SELECT name FROM facility ORDER BY id LIMIT 1")).scalar() or ""
        return Contents(Holds.FACILITY, revision, facility, tuple(filled))


# --- connecting ---------------------------------------------------------------------------


class _NotConnected(Exception):
    def __init__(self, reach: Reach, message: str, error: ReintegraError):
        super().__init__(message)
        self.reach = reach
        self.message = message
        self.error = error


@contextmanager
def _connect_timeout() -> Iterator[None]:
    """libpq waits for ever for a host that does not answer; here it gives up after a few seconds
    (PGCONNECT_TIMEOUT, unless already set)."""
    if os.environ.get("PGCONNECT_TIMEOUT"):
        yield
        return
    os.environ["PGCONNECT_TIMEOUT"] = str(CONNECT_TIMEOUT_SECONDS)
    try:
        yield
    finally:
        os.environ.pop("PGCONNECT_TIMEOUT", None)


def _connect(target: str, password: str | None) -> Engine:
    """An engine on ``target`` that has connected once; a refusal as _NotConnected, in one sentence."""
    try:
        with _connect_timeout():
            return database.connect(target, password=password)
    except PasswordNeeded as needed:
        raise _NotConnected(*_password_sentence(target, needed), needed) from None
    except ReintegraError as error:
        reach, message = _refusal_sentence(target, error)
        raise _NotConnected(reach, message, error) from None


def password_sentence(target: str, needed: PasswordNeeded) -> str:
    """Where a person can type the password (the Database dialog): what the server wants, in one sentence."""
    return _password_sentence(target, needed)[1]


def _password_sentence(target: str, needed: PasswordNeeded) -> tuple[Reach, str]:
    url = make_url(target)
    if needed.refused:
        return Reach.PASSWORD_REFUSED, _("The server {server} did not accept the password of the user {user}; "
                                         "type the right one.").format(server=_server(url), user=url.username or "")
    return Reach.PASSWORD_NEEDED, _("The server {server} asks for the password of the user {user}; type it in "
                                    "the Password field.").format(server=_server(url), user=url.username or "")


# What libpq says when no server answered (the host unknown, nothing listening, no route, a timeout).
_UNREACHABLE = ("connection refused", "resolve host", "could not translate host name", "timeout expired",
                "timed out", "no route to host", "network is unreachable", "name or service not known",
                "host is unreachable", "nodename nor servname")


def _refusal_sentence(target: str, error: ReintegraError) -> tuple[Reach, str]:
    cause = error.__cause__
    detail = str(getattr(cause, "orig", None) or cause or "")
    lowered = detail.lower()
    try:
        url = make_url(target) if "://" in target else None
    except (ArgumentError, ValueError):
        url = None
    if url is None or url.get_backend_name() != "postgresql" or cause is None:
        return Reach.REFUSED, error.message
    if any(marker in lowered for marker in _UNREACHABLE):
        return Reach.UNREACHABLE, _("The server {server} does not answer; check its address and port, the "
                                    "network, and that PostgreSQL accepts connections from this computer.").format(
            server=_server(url))
    # The server answered and refused (its own words, in English or Polish).
    missing = "does not exist" in lowered or "nie istnieje" in lowered
    if missing and ("database \"" in lowered or "baza danych \"" in lowered):
        return Reach.NO_DATABASE, _("The server {server} answers, but has no database named {database}; "
                                    "whoever set up the server creates it first.").format(
            server=_server(url), database=url.database or "")
    if missing and ("role \"" in lowered or "rola \"" in lowered):
        return Reach.NO_USER, _("The server {server} answers, but has no user {user}.").format(
            server=_server(url), user=url.username or "")
    return Reach.REFUSED, error.message


def _server(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or DEFAULT_PORT}"


# --- the copy -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


@dataclass
class CopyReport:
    """What was copied where: the rows of every table, counted on both sides."""

    target: str  # as shown (no password)
    revision: str
    counts: list[TableCount] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(count.source for count in self.counts)

    @property
    def matches(self) -> bool:
        return all(count.source == count.target for count in self.counts)


def copy_database(source: Engine, target: str, *, actor: User | None = None, password: str | None = None,
                  progress: Progress | None = None) -> CopyReport:
    """Copies the whole database ``source`` into the empty database ``target`` (a SQLite file's path
    or a server's URL; its password ``password``, else the URL's, else the keyring's).

    Refused, in one sentence and with nothing written: someone who is not an administrator; a
    target that is the source itself; a source that fails its check (damaged, or not at the current
    schema); a server that does not answer or refuses the password (PasswordNeeded, for the caller
    to ask); a target that holds a facility or any other tables. A failure halfway leaves the
    target as it was (a SQLite file made for the copy is removed)."""
    access.require_administrator(actor, _("Only an administrator can copy the database to another one."))
    started = time.monotonic()
    shown = shown_database(target)
    _refuse_same(source, target)
    _refuse_unsound(source)
    new_file = _new_sqlite_file(target)
    try:
        engine = _connect(target, password)
    except _NotConnected as failed:
        _remove_file(new_file)
        if isinstance(failed.error, PasswordNeeded):
            raise failed.error from None
        raise ReintegraError(failed.message) from None
    made_schema = False
    try:
        contents = contents_of(engine)
        _refuse_filled(shown, contents)
        if contents.holds is Holds.EMPTY:
            schema.upgrade(engine)
            made_schema = True
        report = _copy_rows(source, engine, shown, actor, progress)
    except BaseException as failure:
        engine.dispose()
        if new_file is not None:
            _remove_file(new_file)
        elif made_schema:
            _drop_everything(target, password)
        if isinstance(failure, SQLAlchemyError):
            raise ReintegraError(_("The database could not be copied to {target}; nothing was left there: "
                                   "{error}").format(target=shown, error=database.error_text(failure, target))
                                 ) from failure
        raise
    engine.dispose()
    report.seconds = time.monotonic() - started
    return report


def _refuse_same(source: Engine, target: str) -> None:
    if same_database(source.url, target):
        raise ReintegraError(_("{target} is the very database being copied; copy it to another database.").format(
            target=shown_database(target)))


def same_database(source: URL, target: str) -> bool:
    """Whether ``target`` names the database ``source`` is (the same file; the same server and database)."""
    try:
        other = database_url(target)
    except (ArgumentError, ValueError):
        return False
    if is_sqlite(source) != is_sqlite(other):
        return False
    if is_sqlite(source):
        if not source.database or not other.database or ":memory:" in (source.database, other.database):
            return False
        first, second = Path(source.database), Path(other.database)
        with suppress(OSError):
            if first.exists() and second.exists():
                return os.path.samefile(first, second)
        return first.expanduser().resolve() == second.expanduser().resolve()

    def place(url: URL) -> tuple:
        host = (url.host or "localhost").lower()
        host = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
        return host, url.port or DEFAULT_PORT, url.database or url.username or ""

    return place(source) == place(other)


def _refuse_unsound(source: Engine) -> None:
    from reintegra.services.backup import check_database, damage_of

    damage = damage_of(source)
    if damage is not None:
        # SQLite's finding may be many lines ("*** in database main ***", then a line a page): the first page's.
        damage = next((line for line in damage.splitlines() if line.strip() and not line.startswith("***")),
                      damage.strip())
        raise ReintegraError(_("This database is damaged ({problem}), so it cannot be copied; restore the latest "
                               "good backup first (“reintegra db check” names it).").format(problem=damage))
    try:
        problems = check_database(source)
    except ReintegraError as error:
        problems = [error.message]
    if problems:
        raise ReintegraError(_("This database cannot be copied: {problem}").format(problem=problems[0]))


def _refuse_filled(shown: str, contents: Contents) -> None:
    if contents.holds in (Holds.EMPTY, Holds.EMPTY_SCHEMA):
        return
    if contents.holds is Holds.FACILITY and contents.facility:
        raise ReintegraError(_("{target} already holds a Reintegra facility ({facility}); a facility is "
                               "copied only into an empty database, so that nothing there is overwritten.").format(
            target=shown, facility=contents.facility))
    if contents.holds in (Holds.FACILITY, Holds.OLDER, Holds.NEWER):
        raise ReintegraError(_("{target} already holds a Reintegra database; a facility is copied only into an "
                               "empty database, so that nothing there is overwritten.").format(target=shown))
    raise ReintegraError(_("{target} holds other tables ({tables}); a facility is copied only into an empty "
                           "database.").format(target=shown, tables=_listed(contents.tables)))


def _new_sqlite_file(target: str) -> Path | None:
    """For a SQLite target that is not there yet, its path (the copy creates it, and removes it if the
    copy fails); a folder that is not there is refused."""
    try:
        url = database_url(target)
    except (ArgumentError, ValueError):
        return None  # said by connecting, in database.py's words
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    if path.is_dir():
        raise ReintegraError(_("{path} is a folder; name a database file in it.").format(path=path))
    if not path.parent.is_dir():
        raise ReintegraError(_("The folder {folder} does not exist.").format(folder=path.parent))
    return None if path.exists() else path


def _remove_file(path: Path | None) -> None:
    if path is None:
        return
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        with suppress(OSError):
            leftover.unlink(missing_ok=True)


def _drop_everything(target: str, password: str | None) -> None:
    """Removes the tables this copy created in a database that was empty before it."""
    with suppress(Exception):  # a second failure must not hide the first one's sentence
        engine = database.connect(target, password=password)
        try:
            tables = MetaData()
            with for_writing(engine).begin() as connection:
                tables.reflect(connection)
                tables.drop_all(connection)
        finally:
            engine.dispose()


def _reading(source: Engine) -> Connection:
    connection = source.connect()
    if not is_sqlite(source):  # every table read from the same moment of the server
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def _copy_rows(source: Engine, target: Engine, shown: str, actor: User | None,
               progress: Progress | None) -> CopyReport:
    from reintegra.services.backup import _reset_sequences

    with _reading(source) as reading, reading.begin(), for_writing(target).begin() as writing:
        from_tables, to_tables = MetaData(), MetaData()
        from_tables.reflect(reading)
        to_tables.reflect(writing)
        order = [table for table in to_tables.sorted_tables if table.name != "alembic_version"]
        unknown = sorted(set(from_tables.tables) - set(to_tables.tables))
        if unknown:
            raise ReintegraError(_("This database has tables the program does not know ({tables}); it cannot be "
                                   "copied.").format(tables=_listed(tuple(unknown))))
        expected = {table.name: reading.scalar(select(func.count()).select_from(from_tables.tables[table.name]))
                    for table in order}
        total = sum(expected.values())
        done = 0
        report = CopyReport(shown, schema.head_revision())
        for table in order:
            done += _copy_table(reading, from_tables.tables[table.name], writing, table, shown,
                                lambda copied, base=done: progress and progress(base + copied, total))
            if progress is not None:
                progress(done, total)
        if writing.dialect.name == "postgresql":
            _reset_sequences(writing, order)
        for table in order:
            copied = writing.scalar(select(func.count()).select_from(table))
            report.counts.append(TableCount(table.name, expected[table.name], copied))
        wrong = next((count for count in report.counts if count.source != count.target), None)
        if wrong is not None:
            raise ReintegraError(_("The copy in {target} does not hold every row (table {table}: {copied} of "
                                   "{expected}), so nothing was left there.").format(
                target=shown, table=wrong.table, copied=wrong.target, expected=wrong.source))
        _record(writing, actor, source, report.rows)
    return report


def _copy_table(reading: Connection, source: Table, writing: Connection, target: Table, shown: str,
                on_batch: Callable[[int], object]) -> int:
    """Copies the rows of one table in batches, ids kept; returns how many rows were copied."""
    columns = [source.c[column.name] for column in target.columns]
    query = select(*columns).order_by(*(source.c[column.name] for column in target.primary_key.columns))
    copied = 0
    try:
        result = reading.execution_options(yield_per=BATCH_ROWS).execute(query)
        for rows in result.partitions():
            writing.execute(insert(target), [row._asdict() for row in rows])
            copied += len(rows)
            on_batch(copied)
    except (SQLAlchemyError, ValueError) as error:  # e.g. a NUL character a server cannot store
        raise ReintegraError(_("The rows of the table {table} could not be written to {target}, so nothing was "
                               "left there: {error}").format(
            table=target.name, target=shown, error=database.error_text(error))) from error
    return copied


def described(engine: Engine) -> str:
    """The database as messages show it: a SQLite file's path, a server's URL without its password."""
    url = engine.url
    return url.database if is_sqlite(url) and url.database else shown_database(url)


def _record(writing: Connection, actor: User | None, source: Engine, rows: int) -> None:
    """The copy in the target's audit log (the source is only read: its log does not change)."""
    with Session(bind=writing) as session:
        audit.record(session, actor, AuditAction.COPY, "database", None,
                     {"source": described(source), "rows": rows})
        session.flush()
