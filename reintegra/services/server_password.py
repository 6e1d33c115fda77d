"""A PostgreSQL server's password: never in the settings file, never in a message.

A password given in a server URL (settings file, REINTEGRA_DATABASE, --database, the Database
dialog) is kept in the system keyring where there is one (Secret Service, macOS Keychain,
Windows Credential Manager) and the URL is saved without it. To connect, a URL without a password
takes the keyring's; without one, libpq itself still reads PGPASSWORD and ~/.pgpass, and when the
server asks for a password all the same, the caller asks the person (the app with a dialog, the
command line at the terminal) or, with nobody to ask, says in one sentence how to give it.

Every password this process has connected with is remembered here only to be cut out of any
text shown (``scrub``), whatever a driver might repeat.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from reintegra.db.engine import shown_database, without_password
from reintegra.i18n import _
from reintegra.services.errors import ReintegraError

# The keyring entries' service name; each server account is one entry (see _account).
KEYRING_SERVICE = "reintegra"

# What a password becomes in a message.
HIDDEN = "***"

_used: set[str] = set()


class PasswordNeeded(ReintegraError):
    """The server asks for a password that was not given, or refused the one given.

    The message says, in one sentence, how to give it where nobody can be asked."""

    def __init__(self, target: str, *, refused: bool):
        shown = shown_database(target)
        if refused:
            message = _("The PostgreSQL server {database} did not accept the password; give the right one "
                        "in the PGPASSWORD environment variable or the ~/.pgpass file, or type it when the "
                        "program asks for it in a terminal.").format(database=shown)
        else:
            message = _("The PostgreSQL server {database} asks for a password; give it in the PGPASSWORD "
                        "environment variable or the ~/.pgpass file, or type it when the program asks for "
                        "it in a terminal.").format(database=shown)
        super().__init__(message)
        self.target = target
        self.refused = refused


def _url(target: str) -> URL | None:
    if "://" not in str(target):
        return None
    try:
        return make_url(str(target))
    except (ArgumentError, ValueError):
        return None


def is_server(target: str) -> bool:
    """Whether ``target`` is a database server's URL (anything but a SQLite file)."""
    url = _url(target)
    return url is not None and url.get_backend_name() != "sqlite"


def password_in(target: str) -> str | None:
    """The password written in the URL itself (user:password@ or ?password=), if any."""
    url = _url(target)
    if url is None:
        return None
    password = url.password if url.password is not None else url.query.get("password")
    if isinstance(password, tuple):
        password = password[-1]
    return password or None


def _account(target: str) -> str:
    """The keyring entry of a server account: user@host:port/database (the driver does not matter)."""
    url = _url(target)
    return f"{url.username or ''}@{url.host or ''}:{url.port or 5432}/{url.database or ''}"


def _keyring():
    """The system keyring backend, or None where there is no usable one (keyring's fail or null
    backend: a headless Linux without Secret Service, or keyring switched off)."""
    try:
        import keyring
        from keyring.backends import chainer, fail, null
    except ImportError:  # pragma: no cover - keyring is a dependency; a stripped install
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration is no keyring
        return None
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    return backend


def keyring_works() -> bool:
    """Whether this computer has a system keyring the password can be kept in."""
    return _keyring() is not None


def stored_password(target: str) -> str | None:
    """The password kept in the keyring for this server account, if any."""
    backend = _keyring() if is_server(target) else None
    if backend is None:
        return None
    from keyring.errors import KeyringError

    try:
        return backend.get_password(KEYRING_SERVICE, _account(target)) or None
    except (KeyringError, OSError, RuntimeError):  # a locked or unreachable keyring: as if empty
        return None


def store_password(target: str, password: str) -> bool:
    """Keeps ``password`` for this server account in the keyring; False where there is none."""
    backend = _keyring() if is_server(target) and password else None
    if backend is None:
        return False
    from keyring.errors import KeyringError

    try:
        backend.set_password(KEYRING_SERVICE, _account(target), password)
    except (KeyringError, OSError, RuntimeError):
        return False
    return True


def forget_password(target: str) -> None:
    """Removes this server account's password from the keyring (nothing kept: nothing to do)."""
    backend = _keyring() if is_server(target) else None
    if backend is None:
        return
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        backend.delete_password(KEYRING_SERVICE, _account(target))
    except (PasswordDeleteError, KeyringError, OSError, RuntimeError):
        pass


def typed_password_worked(target: str, password: str, *, remember: bool) -> None:
    """A password the person typed was taken by the server: kept in the keyring when they asked
    for that; else a different one in the keyring (refused, or it would not have been asked
    for) is removed, so that it is not tried again."""
    if remember:
        store_password(target, password)
    elif stored_password(target) not in (None, password):
        forget_password(target)


def keep(target: str) -> str:
    """``target`` as it may be saved: a password in the URL goes into the keyring (where there is
    one) and the URL comes back without it. A path, or a URL without a password, is unchanged."""
    password = password_in(target)
    if password is None:
        return target
    _used.add(password)
    store_password(target, password)
    return without_password(target)


def with_password(target: str, password: str) -> str:
    """The URL to connect with: ``target`` with ``password`` in it (never shown nor saved)."""
    _used.add(password)
    url = make_url(without_password(target)).set(password=password)
    return url.render_as_string(hide_password=False)


def connection_target(target: str, password: str | None = None) -> str:
    """What to connect to: ``password`` when given, else the URL's own, else the keyring's; else
    the URL as it is, and libpq reads PGPASSWORD or ~/.pgpass on its own."""
    if not is_server(target):
        return target
    if password:
        return with_password(target, password)
    own = password_in(target)
    if own is not None:
        _used.add(own)
        return target
    kept = stored_password(target)
    return with_password(target, kept) if kept else target


def is_password_refusal(error: BaseException) -> bool:
    """Whether a failed connection failed for want of the right password (not a host that does
    not answer, nor a missing database)."""
    original = getattr(error, "orig", None) or error
    connection = getattr(original, "pgconn", None)
    if connection is None:
        return False
    if getattr(connection, "needs_password", False):
        return True
    if not getattr(connection, "used_password", False):
        return False
    # libpq keeps no SQLSTATE for a failed connection: the server's sentence is all there is
    # (28P01 invalid_password; English or Polish server messages).
    text = str(original).lower()
    return "password authentication failed" in text or "hasłem" in text or "28p01" in text


# user:password@ in anything shaped like a URL, even one no parser reads.
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)\S+@")


def scrub(text: str) -> str:
    """``text`` without any password this process has connected with (also URL-quoted), nor the
    password of any URL in it."""
    for password in sorted(_used, key=len, reverse=True):
        for form in {password, quote(password, safe=""), quote_plus(password)}:
            text = text.replace(form, HIDDEN)
    return _URL_PASSWORD.sub(rf"\g<1>{HIDDEN}@", text)
