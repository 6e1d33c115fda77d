"""Users and roles: add (with a temporary password), edit, new passwords, disable and enable — for
administrators only — and everyone's own password; sign-in itself is in sign_in.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import User, Workshop
from reintegra.i18n import _
from reintegra.services import access, audit, demo_database, passwords
from reintegra.services.errors import (  # noqa: F401 (ReintegraError: callers catch it from here)
    ConflictError, NotFoundError, PermissionDenied, ReintegraError, ValidationError)
from reintegra.services.passwords import MIN_PASSWORD_LENGTH, check_password, hash_password  # noqa: F401
from reintegra.services.records import get_or_gone
from reintegra.services.validation import Checks, check_length, clean_name

# A role as typed on the command line: the English value or the Polish word (glossary in DESIGN.md).
_ROLE_WORDS = {"instruktor": Role.INSTRUCTOR, "kierownik": Role.DIRECTOR}


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
    """Refuses what create_user would refuse, except the password, every field at once; the user name
    as it will be stored. The command line asks for the password only after this."""
    checks = Checks()
    username = username.strip().lower()
    with checks.field():
        if not username:
            raise ValidationError("username", _("The user name is required."))
        check_length(User, "username", username)
        if not all(c.isalnum() or c in "._-" for c in username):
            raise ValidationError(
                "username", _("A user name may contain only letters, digits, dots, dashes and underscores.")
            )
        if session.scalar(select(func.count()).select_from(User).where(User.username == username)):
            raise ValidationError("username", _("The user name {name} is taken.").format(name=username))
    with checks.field():
        _clean_full_name(full_name)
    with checks.field():
        _workshops(session, parse_role(role), workshop_ids)
    checks.raise_any()
    return username


def check_edit(session: Session, user_id: int, *, full_name: str, role: Role | str,
               workshop_ids: Sequence[int] | None = None) -> None:
    """What ``edit_user`` would refuse, every field at once, writing nothing."""
    _check_edit(session, get_or_gone(session, User, user_id), full_name, parse_role(role), workshop_ids)


def _check_edit(session: Session, user: User, full_name: str, role: Role,
                workshop_ids: Sequence[int] | None) -> str:
    checks = Checks()
    with checks.field():
        full_name = _clean_full_name(full_name)
    with checks.field():
        if user.role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR:
            _keep_an_administrator(session, user)
    with checks.field():
        if workshop_ids is not None:
            _workshops(session, role, workshop_ids)
    checks.raise_any()
    return full_name


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role | str,
    full_name: str,
    *,
    workshop_ids: Sequence[int] = (),
    actor: User | None = None,
    must_change_password: bool = False,
) -> User:
    """A new user with ``password``; ``must_change_password`` when someone else chose it for them."""
    require_administrator(actor)
    username = check_new_user(session, username, role, full_name, workshop_ids)
    check_password(password)
    refuse_demo_password(session, password)
    role = parse_role(role)
    user = User(username=username, full_name=_clean_full_name(full_name), role=role,
                password_hash=hash_password(password), must_change_password=must_change_password)
    user.workshops = _workshops(session, role, workshop_ids)
    session.add(user)
    session.flush()
    changes = {"username": username, "role": role}
    if user.workshops:
        changes["workshops"] = [w.name for w in user.workshops]
    audit.record(session, actor, AuditAction.CREATE, "user", user.id, changes)
    return user


def set_password(session: Session, user_id: int, password: str, *, actor: User | None = None,
                 must_change: bool = False) -> User:
    """A new password for the user; an administrator sets anyone's, everyone their own.
    ``must_change``: a temporary password, which the user replaces at their next sign-in."""
    from reintegra.services import sign_in

    if actor is None or actor.id != user_id:
        require_administrator(actor)
    user = get_or_gone(session, User, user_id)
    check_password(password)
    refuse_demo_password(session, password)
    user.password_hash = hash_password(password)
    user.must_change_password = must_change
    sign_in.clear_attempts(session, user.username)
    session.flush()
    # Never the password nor its hash: only that it changed.
    audit.record(session, actor, AuditAction.UPDATE, "user", user.id, {"password": "changed"})
    return user


def check_deactivate(session: Session, user_id: int, *, actor: User | None = None) -> User:
    """What ``deactivate_user`` would refuse, writing nothing (asked before "Disable …?"); the user."""
    user = get_or_gone(session, User, user_id)
    if actor is not None and actor.id == user.id:
        raise ValidationError("active", _("You cannot disable your own account; another administrator can."))
    if not user.active:
        raise ValidationError("active", _("The user {login} is already disabled.").format(login=user.username))
    if user.role == Role.ADMINISTRATOR:
        _keep_an_administrator(session, user)
    return user


def deactivate_user(session: Session, user_id: int, *, actor: User | None = None) -> User:
    """Disables a user: they can no longer sign in. Users are never deleted (the audit log names them)."""
    require_administrator(actor)
    user = check_deactivate(session, user_id, actor=actor)
    user.active = False
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "user", user.id, {"active": [True, False]})
    return user


class TemporaryPassword(NamedTuple):
    """A user and the temporary password just given to them: shown once, never stored in clear."""

    user: User
    password: str


def add_user(
    session: Session,
    username: str,
    role: Role | str,
    full_name: str,
    *,
    workshop_ids: Sequence[int] = (),
    actor: User | None = None,
) -> TemporaryPassword:
    """A new user with a generated temporary password, which they must change at their first sign-in."""
    password = passwords.temporary_password()
    user = create_user(session, username, password, role, full_name, workshop_ids=workshop_ids, actor=actor,
                       must_change_password=True)
    return TemporaryPassword(user, password)


def reset_password(session: Session, user_id: int, *, actor: User | None = None) -> TemporaryPassword:
    """A new temporary password for a user who forgot theirs; the wait after wrong tries ends too."""
    from reintegra.services import sign_in

    require_administrator(actor)
    user = get_or_gone(session, User, user_id)
    password = passwords.temporary_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    sign_in.clear_attempts(session, user.username)
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "user", user.id, {"password": "reset"})
    return TemporaryPassword(user, password)


def check_own_password(session: Session, actor: User, old_password: str, new_password: str) -> User:
    """What ``change_own_password`` would refuse, every field at once, writing nothing; the user."""
    if actor is None:
        raise PermissionDenied(_("Sign in to change your password."))
    user = get_or_gone(session, User, actor.id)
    checks = Checks()
    with checks.field():
        if not passwords.verify_password(user.password_hash, old_password):
            raise ValidationError("old_password", _("The current password is not right."))
    with checks.field():
        try:
            check_password(new_password)
            refuse_demo_password(session, new_password)
        except ValidationError as error:
            raise ValidationError("new_password", error.message) from None
        if new_password == old_password:
            raise ValidationError("new_password", _("The new password must differ from the current one."))
    checks.raise_any()
    return user


def change_own_password(session: Session, actor: User, old_password: str, new_password: str) -> User:
    """The signed-in user's own new password, after the current one; a temporary password ends here."""
    user = check_own_password(session, actor, old_password, new_password)
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    session.flush()
    audit.record(session, user, AuditAction.UPDATE, "user", user.id, {"password": "changed"})
    return user


def edit_user(
    session: Session,
    user_id: int,
    expected_version: int | None = None,
    *,
    full_name: str,
    role: Role | str,
    workshop_ids: Sequence[int] | None = None,
    actor: User | None = None,
) -> User:
    """A user's name, role and (for an instructor) workshops; ``workshop_ids=None`` keeps the workshops.
    The login stays: the audit log names people by it."""
    require_administrator(actor)
    user = get_or_gone(session, User, user_id)
    if expected_version is not None and user.version != expected_version:
        raise ConflictError(_("The user {login} was changed on another computer. Reload and try again.").format(
            login=user.username))
    role = parse_role(role)
    values = {"full_name": _check_edit(session, user, full_name, role, workshop_ids), "role": role}
    changes = audit.diff(user, values)
    workshops = None if workshop_ids is None else _workshops(session, role, workshop_ids)
    for field, value in values.items():
        setattr(user, field, value)
    if workshops is not None and {w.id for w in workshops} != {w.id for w in user.workshops}:
        changes["workshops"] = [[w.name for w in user.workshops], [w.name for w in workshops]]
        user.workshops = workshops
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "user", user.id, changes)
    return user


def set_active(session: Session, user_id: int, active: bool, *, actor: User | None = None) -> User:
    """Disables a user (they can no longer sign in) or enables them again."""
    return (activate_user if active else deactivate_user)(session, user_id, actor=actor)


def activate_user(session: Session, user_id: int, *, actor: User | None = None) -> User:
    require_administrator(actor)
    user = get_or_gone(session, User, user_id)
    if user.active:
        raise ValidationError("active", _("The user {login} is already enabled.").format(login=user.username))
    user.active = True
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "user", user.id, {"active": [False, True]})
    return user


@dataclass(frozen=True)
class UserRow:
    """One line of the Users tab."""

    id: int
    username: str
    full_name: str
    role: Role
    workshops: tuple[str, ...]
    workshop_ids: tuple[int, ...]
    active: bool
    last_login_at: datetime | None
    must_change_password: bool
    version: int


def user_rows(session: Session, *, actor: User | None = None) -> list[UserRow]:
    """Every user, active or not, for an administrator: never a password hash."""
    require_administrator(actor)
    query = select(User).options(selectinload(User.workshops)).order_by(User.full_name, User.username)
    return [UserRow(user.id, user.username, user.full_name, user.role, tuple(w.name for w in user.workshops),
                    tuple(w.id for w in user.workshops), user.active, user.last_login_at,
                    user.must_change_password, user.version)
            for user in session.scalars(query)]


def require_administrator(actor: User | None) -> None:
    """Refuses anyone but an administrator: users are theirs alone."""
    access.require_administrator(actor, _("Only an administrator can manage users."))


def refuse_demo_password(session: Session, password: str) -> None:
    """Refuses the demo's public passwords as a new password outside a demo database."""
    if demo_database.is_demo_password(password) and not demo_database.is_demo(session):
        raise ValidationError("password", _(
            "This is the public password of the demo data; choose another password."))


def authenticate(session: Session, username: str, password: str, *, now: datetime | None = None) -> User | None:
    """The active user with this name and password, or None for a wrong name or password; a refusal
    that is not a wrong password (a wait after too many tries, a demo password in a real database)
    is a ReintegraError. The tries are counted and audited as by ``sign_in.sign_in``.

    The demo's public passwords open only a demo database: everyone knows them, so in a real
    database, where one was set by hand, they protect nothing.
    """
    from reintegra.services import sign_in  # sign_in reads users; users offers this shortcut to it

    result = sign_in.sign_in(session, username, password, now=now)
    if result.user is None and not result.message.startswith(sign_in.wrong_message()):
        raise ReintegraError(result.message)
    return result.user


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def list_users(session: Session, *, actor: User | None = None) -> list[User]:
    """Every user, active or not, with their workshops: for an administrator only (the records hold the
    password hashes); a list of names is ``staff``."""
    require_administrator(actor)
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
