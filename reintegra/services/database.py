"""Opening a database for use: create a new one, upgrade an old one after a backup."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from reintegra.db import schema
from reintegra.db.engine import make_engine, shown_database
from reintegra.i18n import _
from reintegra.services.errors import DatabaseBusyError, ReintegraError
from reintegra.services.units import refusal_of


def open_database(target: str, *, upgrade: bool = True) -> Engine:
    """An engine on ``target`` at the current schema.

    A new (empty) database gets the schema; an older one is backed up automatically
    and upgraded; one written by a newer program is refused.
    """
    try:
        engine = make_engine(target)
        current = schema.current_revision(engine)
        if current == schema.head_revision():
            return engine
        if current is not None and not schema.is_known_revision(current):
            raise ReintegraError(_(
                "This database was written by a newer version of Reintegra; update the program."))
        if not upgrade:
            return engine
        if current is not None or not schema.is_empty(engine):
            from reintegra.services.backup import automatic_backup

            automatic_backup(engine, "before-upgrade")
        schema.upgrade(engine)
        return engine
    except SQLAlchemyError as error:
        # An upgrade that waited in vain for another program's write says so like any other save.
        refusal = refusal_of(error) if isinstance(error, DBAPIError) else None
        if isinstance(refusal, DatabaseBusyError):
            raise refusal from error
        raise ReintegraError(_("Cannot open the database {target}: {error}").format(
            target=shown_database(target), error=_short(error, target))) from error


def _short(error: SQLAlchemyError, target: str) -> str:
    text = str(getattr(error, "orig", None) or error)
    first = text.splitlines()[0] if text else type(error).__name__
    # A driver that repeats the address it was given must not repeat the password in it.
    return first.replace(target, shown_database(target))
