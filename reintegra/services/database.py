"""Opening a database for use: create a new one, upgrade an old one after a backup."""

from __future__ import annotations

from sqlalchemy import URL, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from reintegra.db import schema
from reintegra.db.engine import database_url, make_engine, shown_database
from reintegra.i18n import _
from reintegra.services import server_password
from reintegra.services.errors import DatabaseBusyError, ReintegraError
from reintegra.services.server_password import PasswordNeeded
from reintegra.services.units import refusal_of


def open_database(target: str, *, upgrade: bool = True, password: str | None = None) -> Engine:
    """An engine on ``target`` at the current schema.

    A new (empty) database gets the schema; an older one is backed up automatically
    and upgraded; one written by a newer program is refused. A server's password is
    ``password``, else the URL's own, else the keyring's (server_password.connection_target);
    a server that asks for one all the same raises PasswordNeeded, for the caller to ask.
    """
    engine = connect(target, password=password)
    try:
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
        _refuse(target, password, error)


def connect(target: str, *, password: str | None = None) -> Engine:
    """An engine on ``target`` that has connected once, whatever its schema: a server's password
    as in open_database; a server that asks for one all the same raises PasswordNeeded."""
    try:
        address = server_password.connection_target(target, password)
        _require_known_kind(target, address)
        engine = make_engine(address)
    except (ArgumentError, ValueError):  # not an address (a port that is no number …)
        raise ReintegraError(not_an_address_message(target)) from None
    except ImportError:  # a PostgreSQL URL naming a driver that is not installed
        raise ReintegraError(_("Cannot open the database {target}: Reintegra connects to PostgreSQL through "
                               "psycopg (postgresql+psycopg://…).").format(target=shown_database(target))) from None
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as error:
        engine.dispose()
        _refuse(target, password, error)
    own = server_password.password_in(target)
    if own is not None and own != server_password.stored_password(target):
        # A password given in --database or REINTEGRA_DATABASE, now known to be right: later
        # starts find it in the keyring (where there is one) and the URL need not carry it.
        server_password.store_password(target, own)
    return engine


def _refuse(target: str, password: str | None, error: SQLAlchemyError) -> None:
    """Raises the one translated refusal for a database that could not be opened."""
    if server_password.is_password_refusal(error):
        refused = bool(password or server_password.password_in(target) or server_password.stored_password(target))
        # Not chained: the driver's error keeps the connection, whose repr shows the password.
        raise PasswordNeeded(target, refused=refused) from None
    # An upgrade that waited in vain for another program's write says so like any other save.
    refusal = refusal_of(error) if isinstance(error, DBAPIError) else None
    if isinstance(refusal, DatabaseBusyError):
        raise refusal from error
    raise ReintegraError(cannot_open_message(target, error)) from error


def _require_known_kind(target: str, address) -> None:
    url = address if isinstance(address, URL) else database_url(address)
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ReintegraError(not_an_address_message(target))


def not_an_address_message(target: str) -> str:
    return _("“{target}” is not a database Reintegra can use: give a SQLite file's path or a PostgreSQL "
             "server's address, such as postgresql+psycopg://user@server/database.").format(
                 target=shown_database(target))


def cannot_open_message(target: str, error: BaseException) -> str:
    """The one sentence for a database that cannot be opened (here, in the app and on the command
    line): the database as shown (no password) and the first line of the error, scrubbed."""
    return _("Cannot open the database {target}: {error}").format(
        target=shown_database(target), error=error_text(error, target))


def error_text(error: BaseException, target: str | None = None) -> str:
    """The first line of a driver's or the system's error, fit to show: a driver that repeats the
    address or the password it was given must not repeat the password."""
    text = str(getattr(error, "orig", None) or error)
    first = text.splitlines()[0] if text.strip() else type(error).__name__
    if target is not None and "://" in str(target):
        first = first.replace(str(target), shown_database(target))
    return server_password.scrub(first)
