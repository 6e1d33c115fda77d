"""Units of work for everything that opens one (the screens, the command line, the importer):
a transaction that writes or one that only reads, and the database's refusals turned into
the errors a user understands — a database still busy after the wait, or a lost race."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from reintegra.db.engine import unit_of_work
from reintegra.i18n import _
from reintegra.services.errors import ConflictError, DatabaseBusyError, ReintegraError

# PostgreSQL error codes (SQLSTATE): a lock not granted within lock_timeout; the losers of a race.
_PG_BUSY = {"55P03"}
# unique violation; a row inserted under one deleted meanwhile (foreign key); serialization failure; deadlock
_PG_RACE = {"23505", "23503", "40001", "40P01"}
# SQLite: a reader's snapshot went stale before it wrote; the same unique row inserted twice.
_SQLITE_RACE = {sqlite3.SQLITE_BUSY_SNAPSHOT, sqlite3.SQLITE_CONSTRAINT_UNIQUE,
                sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY}
_SQLITE_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}  # primary codes: every variant of both


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A unit that writes: waits for the write lock, commits at the end of the block."""
    with refusals_explained(), unit_of_work(engine, writes=True) as session:
        yield session


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A unit that only reads: never waits for a writer, keeps nothing."""
    with refusals_explained(), unit_of_work(engine, writes=False) as session:
        yield session


@contextmanager
def refusals_explained() -> Iterator[None]:
    """Turns the database's refusal of a transaction into DatabaseBusyError or ConflictError."""
    try:
        yield
    except StaleDataError as error:
        # The version check: the row was changed (or deleted) by another transaction that committed first.
        raise _conflict() from error
    except DBAPIError as error:
        refusal = refusal_of(error)
        if refusal is None:
            raise
        raise refusal from error


def refusal_of(error: DBAPIError) -> ReintegraError | None:
    """What a driver error means to the user when it is contention, not a fault; else None."""
    cause = error.orig
    if isinstance(cause, sqlite3.Error):
        code = getattr(cause, "sqlite_errorcode", None)
        if code in _SQLITE_RACE:
            return _conflict()
        if code is not None and (code & 0xFF) in _SQLITE_BUSY:
            return _busy()
        return None
    state = getattr(cause, "sqlstate", None)
    if state in _PG_BUSY:
        return _busy()
    if state in _PG_RACE:
        return _conflict()
    return None


def _busy() -> DatabaseBusyError:
    return DatabaseBusyError(_("The database is busy with another computer or program and nothing was saved; "
                               "try again in a moment."))


def _conflict() -> ConflictError:
    return ConflictError(_("This was changed on another computer at the same moment and nothing was saved; "
                           "reload and try again."))
