"""Keyring backends for tests: no test ever reaches the system keyring of the machine it runs on.

Every test starts with keyring's fail backend (a headless Linux without Secret Service, the usual
case); a test that asks for ``memory_keyring`` gets a working keyring kept in memory instead."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps its entries in a dict: ``entries[(service, account)] = password``."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


@pytest.fixture(autouse=True)
def _no_system_keyring():
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


class _AskingServer:
    """What a PostgreSQL server that wants a password looks like to services/database.py: a
    connection without the right password fails as psycopg's does (needs_password when none was
    sent, used_password and "password authentication failed" for a wrong one)."""

    def __init__(self, password: str, engine):
        self.password = password
        self.engine = engine
        self.tries: list[str | None] = []  # the passwords that reached the server, in turn

    def make_engine(self, target, **_options):
        from reintegra.services.server_password import password_in

        used = password_in(str(target))
        self.tries.append(used)
        return self.engine if used == self.password else _RefusingEngine(used)


class _RefusingEngine:
    def __init__(self, used):
        self.used = used

    def connect(self):
        from types import SimpleNamespace

        from sqlalchemy.exc import OperationalError

        if self.used is None:
            error = Exception('connection to server at "10.0.0.7" failed: fe_sendauth: no password supplied')
        else:
            error = Exception('connection to server at "10.0.0.7" failed: FATAL:  password authentication '
                              'failed for user "reintegra"')
        error.pgconn = SimpleNamespace(needs_password=self.used is None, used_password=True)
        raise OperationalError("connect", {}, error)

    def dispose(self):
        pass


@pytest.fixture
def password_server(monkeypatch, tmp_path):
    """A pretend PostgreSQL server wanting the password ``password_server.password`` ("s3cret-pw"),
    with a SQLite database at the current schema behind it."""
    from reintegra.db import schema
    from reintegra.db.engine import make_engine
    from reintegra.services import database

    engine = make_engine(tmp_path / "behind-the-server.db")
    schema.upgrade(engine)
    server = _AskingServer("s3cret-pw", engine)
    monkeypatch.setattr(database, "make_engine", server.make_engine)
    yield server
    engine.dispose()
