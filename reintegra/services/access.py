"""Need-to-know: which participants a user may read and change.

Directors and administrators reach everyone. An instructor reaches the participants placed in
one of their workshops: from the placement's start (or earlier, when it is still to come) until
its end plus the facility's grace period, so that notes and assessments can be finished.
``actor=None`` is the command line run by whoever holds the database file: everyone.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, exists, or_, select, true
from sqlalchemy.orm import Session

from reintegra.db.enums import Role
from reintegra.db.models import Facility, Participant, Placement, User, workshop_instructors
from reintegra.i18n import _
from reintegra.services.errors import PermissionDenied

DEFAULT_GRACE_DAYS = 30


def is_instructor(actor: User | None) -> bool:
    return actor is not None and actor.role is Role.INSTRUCTOR


def grace_days(session: Session) -> int:
    days = session.scalar(select(Facility.access_grace_days).order_by(Facility.id).limit(1))
    return DEFAULT_GRACE_DAYS if days is None else days


def reachable(session: Session, actor: User | None, today: date | None = None) -> ColumnElement[bool]:
    """An SQL condition on ``Participant``: the participants ``actor`` may read and change."""
    if not is_instructor(actor):
        return true()
    today = today or date.today()
    since = today - timedelta(days=grace_days(session))
    return exists(
        select(Placement.id)
        .join(workshop_instructors, workshop_instructors.c.workshop_id == Placement.workshop_id)
        .where(
            Placement.participant_id == Participant.id,
            workshop_instructors.c.user_id == actor.id,
            or_(Placement.end_date.is_(None), Placement.end_date >= since),
        )
    )


def may_reach(session: Session, actor: User | None, participant_id: int, today: date | None = None) -> bool:
    if not is_instructor(actor):
        return True
    return bool(session.scalar(
        select(Participant.id).where(Participant.id == participant_id, reachable(session, actor, today))))


def require_participant(session: Session, actor: User | None, participant_id: int,
                        today: date | None = None) -> None:
    """Refuses an instructor a participant who is not (or no longer) placed in their workshops."""
    if not may_reach(session, actor, participant_id, today):
        raise PermissionDenied(_("This participant is not placed in your workshops, so you cannot see or "
                                 "change their records."))


def reachable_ids(session: Session, actor: User | None, today: date | None = None) -> set[int] | None:
    """The ids of the participants an instructor reaches; None for whoever reaches everyone."""
    if not is_instructor(actor):
        return None
    return set(session.scalars(select(Participant.id).where(reachable(session, actor, today))))


def require_whole_facility(actor: User | None) -> None:
    """Refuses an instructor what covers the whole facility (summaries, facility-wide exports)."""
    if is_instructor(actor):
        raise PermissionDenied(_("Only a director or an administrator can see the figures of the whole facility."))


def require_administrator(actor: User | None, message: str | None = None) -> None:
    """Refuses anyone but an administrator (users, backups, restore, database settings); ``message``
    says what only they may do."""
    if actor is not None and actor.role is not Role.ADMINISTRATOR:
        raise PermissionDenied(message or _("Only an administrator can do this."))


def may_reach_workshop(session: Session, actor: User | None, workshop_id: int) -> bool:
    if not is_instructor(actor):
        return True
    return bool(session.scalar(select(workshop_instructors.c.workshop_id).where(
        workshop_instructors.c.workshop_id == workshop_id, workshop_instructors.c.user_id == actor.id)))


def require_workshop(session: Session, actor: User | None, workshop_id: int) -> None:
    """Refuses an instructor a workshop they do not run (its day sheets, month grid, attendance lists)."""
    if not may_reach_workshop(session, actor, workshop_id):
        raise PermissionDenied(_("You are not an instructor of this workshop, so you cannot see or change its "
                                 "attendance."))
