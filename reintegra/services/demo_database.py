"""Whether a database is a demo database, and the demo's public passwords.

The mark is the audit entry the demo generator writes when it fills a database (entity
``demo``): it needs no schema change, works the same on SQLite and PostgreSQL, survives
backups, restores and ``db copy``, and no other code writes it. Every demo database has
carried it since the generator was first written, so the test is the content, not the file name.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import AuditEntry, Participant, User, Workshop
from reintegra.services import audit

DEMO_ENTITY = "demo"
# Printed in the README, the sign-in hint and the command's output: known to everybody, so
# accepted only in a demo database.
ADMIN_USERNAME, ADMIN_PASSWORD = "admin", "admin123"
STAFF_PASSWORD = "demo1234"
DEMO_PASSWORDS = frozenset({ADMIN_PASSWORD, STAFF_PASSWORD})


def mark_as_demo(session: Session, details: dict[str, Any]) -> None:
    """Records that the generator has just filled this database with demo data."""
    audit.record(session, None, AuditAction.CREATE, DEMO_ENTITY, None, details)


def is_demo(session: Session) -> bool:
    """Whether the demo generator filled this database."""
    return bool(session.scalar(select(exists().where(AuditEntry.entity == DEMO_ENTITY))))


def is_empty(session: Session) -> bool:
    """Whether nobody has set up anything yet: no facility, users, workshops or participants."""
    from reintegra.services import facility  # facility needs users, which needs this module

    return not facility.is_configured(session) and not any(
        session.scalar(select(func.count()).select_from(model)) for model in (User, Workshop, Participant))


def is_demo_password(password: str) -> bool:
    return password in DEMO_PASSWORDS


def staff_accounts(session: Session) -> list[tuple[Role, str]]:
    """The demo's director and instructor accounts still in use, as (role, user name): the
    director(s) first, then the instructors in the order the generator made them (the first
    instructor of each workshop before its others). Every one was given ``STAFF_PASSWORD``."""
    rows = session.execute(
        select(User.role, User.username)
        .where(User.active.is_(True), User.role.in_((Role.DIRECTOR, Role.INSTRUCTOR)))
        .order_by(User.role != Role.DIRECTOR, User.id)
    ).all()
    return [(role, username) for role, username in rows]
