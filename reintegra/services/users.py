"""Users, roles and passwords (argon2 hashes)."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services import audit, demo_database
from reintegra.services.validation import check_length
from reintegra.services.errors import PermissionDenied, ReintegraError, ValidationError

MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    full_name: str = "",
    *,
    actor: User | None = None,
) -> User:
    require_role(actor, Role.ADMINISTRATOR)
    username = username.strip().lower()
    if not username:
        raise ValidationError("username", _("The user name is required."))
    check_length(User, "username", username)
    check_length(User, "full_name", full_name.strip())
    if not all(c.isalnum() or c in "._-" for c in username):
        raise ValidationError(
            "username", _("A user name may contain only letters, digits, dots, dashes and underscores.")
        )
    if session.scalar(select(func.count()).select_from(User).where(User.username == username)):
        raise ValidationError("username", _("The user name {name} is taken.").format(name=username))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            _("The password must have at least {count} characters.").format(count=MIN_PASSWORD_LENGTH),
        )
    refuse_demo_password(session, password)
    user = User(
        username=username, full_name=full_name.strip(), role=role, password_hash=hash_password(password)
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "user", user.id, {"username": username, "role": role})
    return user


def refuse_demo_password(session: Session, password: str) -> None:
    """Refuses the demo's public passwords as a new password outside a demo database."""
    if demo_database.is_demo_password(password) and not demo_database.is_demo(session):
        raise ValidationError("password", _(
            "This is the public password of the demo data; choose another password."))


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None.

    The demo's public passwords open only a demo database: everyone knows them, so in a real
    database, where one was set by hand, they protect nothing.
    """
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active:
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if demo_database.is_demo_password(password) and not demo_database.is_demo(session):
        raise ReintegraError(_(
            "The password of {username} is the public password of the demo data and does not open a real "
            "database; an administrator sets a new one with the command “reintegra user passwd {username}”."
        ).format(username=user.username))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = datetime.now().replace(microsecond=0)
    audit.record(session, user, AuditAction.LOGIN, "user", user.id)
    return user


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.full_name, User.username)))


_RANK = {Role.INSTRUCTOR: 0, Role.DIRECTOR: 1, Role.ADMINISTRATOR: 2}


def require_role(actor: User | None, role: Role) -> None:
    """Refuses an actor below ``role``. ``None`` is the command line / system, always allowed."""
    if actor is not None and _RANK[actor.role] < _RANK[role]:
        raise PermissionDenied(_("You do not have permission to do this."))
