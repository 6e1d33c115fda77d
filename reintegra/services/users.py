"""Users, roles and passwords (argon2 hashes): create, change, disable; sign in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import User, Workshop
from reintegra.i18n import _
from reintegra.services import audit, demo_database
from reintegra.services.errors import NotFoundError, PermissionDenied, ReintegraError, ValidationError
from reintegra.services.records import get_or_gone
from reintegra.services.validation import check_length, clean_name

MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()
# A role as typed on the command line: the English value or the Polish word (glossary in DESIGN.md).
_ROLE_WORDS = {"instruktor": Role.INSTRUCTOR, "kierownik": Role.DIRECTOR}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            _("The password must have at least {count} characters.").format(count=MIN_PASSWORD_LENGTH),
        )


def parse_role(text: str | Role) -> Role:
    """A role from its value (instructor, director, administrator) or its Polish word."""
    if isinstance(text, Role):
        return text
    key = text.strip().lower()
    try:
        return _ROLE_WORDS.get(key) or Role(key)
    except ValueError:
        message = _("“{text}” is not a role; use instructor, director or administrator.")
        raise ValidationError("role", message.format(text=text.strip())) from None


def find_user(session: Session, username: str) -> User:
    """The user (active or not) with this user name; NotFoundError when there is none."""
    key = username.strip().lower()
    user = session.scalar(select(User).where(User.username == key))
    if user is None:
        raise NotFoundError(_("There is no user {login}.").format(login=key))
    return user


def check_new_user(
    session: Session, username: str, role: Role | str, full_name: str, workshop_ids: Sequence[int] = ()
) -> str:
    """Refuses what create_user would refuse, except the password; the user name as it will be stored.
    The command line asks for the password only after this."""
    username = username.strip().lower()
    if not username:
        raise ValidationError("username", _("The user name is required."))
    check_length(User, "username", username)
    if not all(c.isalnum() or c in "._-" for c in username):
        raise ValidationError(
            "username", _("A user name may contain only letters, digits, dots, dashes and underscores.")
        )
    if session.scalar(select(func.count()).select_from(User).where(User.username == username)):
        raise ValidationError("username", _("The user name {name} is taken.").format(name=username))
    _clean_full_name(full_name)
    _workshops(session, parse_role(role), workshop_ids)
    return username


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role | str,
    full_name: str,
    *,
    workshop_ids: Sequence[int] = (),
    actor: User | None = None,
) -> User:
    require_role(actor, Role.ADMINISTRATOR)
    username = check_new_user(session, username, role, full_name, workshop_ids)
    check_password(password)
    refuse_demo_password(session, password)
    role = parse_role(role)
    user = User(username=username, full_name=_clean_full_name(full_name), role=role,
                password_hash=hash_password(password))
    user.workshops = _workshops(session, role, workshop_ids)
    session.add(user)
    session.flush()
    changes = {"username": username, "role": role}
    if user.workshops:
        changes["workshops"] = [w.name for w in user.workshops]
    audit.record(session, actor, AuditAction.CREATE, "user", user.id, changes)
    return user


def set_password(session: Session, user_id: int, password: str, *, actor: User | None = None) -> User:
    """A new password for the user; an administrator sets anyone's, everyone their own."""
    if actor is None or actor.id != user_id:
        require_role(actor, Role.ADMINISTRATOR)
    user = get_or_gone(session, User, user_id)
    check_password(password)
    refuse_demo_password(session, password)
    user.password_hash = hash_password(password)
    session.flush()
    # Never the password nor its hash: only that it changed.
    audit.record(session, actor, AuditAction.UPDATE, "user", user.id, {"password": "changed"})
    return user


def deactivate_user(session: Session, user_id: int, *, actor: User | None = None) -> User:
    """Disables a user: they can no longer sign in. Users are never deleted (the audit log names them)."""
    require_role(actor, Role.ADMINISTRATOR)
    user = get_or_gone(session, User, user_id)
    if not user.active:
        raise ValidationError("active", _("The user {login} is already disabled.").format(login=user.username))
    if user.role == Role.ADMINISTRATOR:
        _keep_an_administrator(session, user)
    user.active = False
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "user", user.id, {"active": [True, False]})
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


def list_users(session: Session, *, actor: User | None = None) -> list[User]:
    """Every user, active or not, with their workshops: for an administrator only (the records hold the
    password hashes); a list of names is ``staff``."""
    from reintegra.services import access  # here, not above: keeps this change apart from the sign-in rework

    access.require_administrator(actor)
    return list(session.scalars(
        select(User).options(selectinload(User.workshops)).order_by(User.full_name, User.username)))


_RANK = {Role.INSTRUCTOR: 0, Role.DIRECTOR: 1, Role.ADMINISTRATOR: 2}


def require_role(actor: User | None, role: Role) -> None:
    """Refuses an actor below ``role``. ``None`` is the command line / system, always allowed."""
    if actor is not None and _RANK[actor.role] < _RANK[role]:
        raise PermissionDenied(_("You do not have permission to do this."))


def _clean_full_name(full_name: str) -> str:
    name = clean_name("full_name", full_name, required=_("The user's full name is required."))
    check_length(User, "full_name", name)
    return name


def _workshops(session: Session, role: Role, workshop_ids: Sequence[int]) -> list[Workshop]:
    if not workshop_ids:
        return []
    if role != Role.INSTRUCTOR:
        raise ValidationError("workshops", _("Only an instructor is assigned to workshops."))
    workshops = list(session.scalars(select(Workshop).where(Workshop.id.in_(workshop_ids)).order_by(Workshop.name)))
    if len(workshops) != len(set(workshop_ids)):
        raise ValidationError("workshops", _("One of the chosen workshops no longer exists."))
    return workshops


def _keep_an_administrator(session: Session, user: User) -> None:
    """Refuses to leave the database without an active administrator: nobody could add users then."""
    others = session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.ADMINISTRATOR, User.active.is_(True), User.id != user.id))
    if user.active and not others:
        raise ValidationError("role", _("{login} is the last active administrator; add another one first.").format(
            login=user.username))


@dataclass(frozen=True)
class StaffMember:
    """What anyone may know of a colleague: no password hash, no sign-in history."""

    id: int
    username: str
    full_name: str
    role: Role
    active: bool

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


def staff(session: Session) -> list[StaffMember]:
    """Every user's name and role, active or not (for choosing a workshop's instructors)."""
    return [StaffMember(user_id, username, full_name or "", role, active)
            for user_id, username, full_name, role, active in session.execute(
                select(User.id, User.username, User.full_name, User.role, User.active)
                .order_by(User.full_name, User.username))]
