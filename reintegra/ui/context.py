"""What every page needs: the database, the signed-in user, and change notifications."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from reintegra.db.engine import is_sqlite
from reintegra.db.enums import Role
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services import units
from reintegra.services.errors import PermissionDenied


class Events(QObject):
    """Raised after a change is committed, so that every page showing it refreshes."""

    participants_changed = Signal()
    workshops_changed = Signal()
    facility_changed = Signal()
    account_disabled = Signal()  # the signed-in user was disabled meanwhile: the window locks (ui/lock.py)


@dataclass
class SignedIn:
    id: int | None
    username: str
    full_name: str
    role: Role

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class AppContext:
    def __init__(self, engine: Engine, database: str, user: SignedIn | None = None, *, demo: bool = False):
        self.engine = engine
        self.database = database
        self.user = user
        self.demo = demo
        self.events = Events()

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """One unit of work that writes: it waits for another writer (up to the engine's busy
        timeout), is committed at the end of the block and rolled back on any error. Still busy
        after the wait: DatabaseBusyError; a race lost to another computer: ConflictError."""
        with units.writing(self.engine) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A unit that only reads: it never waits for a writer and writes nothing."""
        with units.reading(self.engine) as session:
            yield session

    def actor(self, session: Session) -> User | None:
        """The signed-in user as a record of ``session``, for services' ``actor=``."""
        if self.user is None or self.user.id is None:
            return None
        user = session.get(User, self.user.id)
        # Never None for a signed-in user: None is the command line, which reaches everything.
        if user is None or not user.active:
            self.events.account_disabled.emit()
            raise PermissionDenied(_("Your account has been disabled, so nothing more can be read or saved; "
                                     "an administrator can enable it again."))
        return user

    def can(self, role: Role) -> bool:
        """Whether the signed-in user has at least ``role`` (no user: everything)."""
        if self.user is None:
            return True
        order = [Role.INSTRUCTOR, Role.DIRECTOR, Role.ADMINISTRATOR]
        return order.index(self.user.role) >= order.index(role)
