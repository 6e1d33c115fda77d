"""Workshops (pracownie): create, edit, deactivate; who is placed there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from reintegra.db.enums import AuditAction, Role, WorkshopKind
from reintegra.db.models import Placement, User, Workshop
from reintegra.i18n import _, ngettext
from reintegra.services import audit
from reintegra.services.records import for_update, get_or_gone
from reintegra.services.validation import Checks, check_length
from reintegra.services.errors import ValidationError
from reintegra.services.users import require_role

MAX_CAPACITY = 100


@dataclass(frozen=True)
class WorkshopRow:
    id: int
    name: str
    kind: WorkshopKind
    capacity: int
    active: bool
    placed: int
    instructors: tuple[str, ...]
    version: int


def get_workshop(session: Session, workshop_id: int) -> Workshop:
    return get_or_gone(session, Workshop, workshop_id)


def find_by_name(session: Session, name: str) -> Workshop | None:
    key = " ".join(name.split()).lower()
    return session.scalar(select(Workshop).where(func.lower(Workshop.name) == key))


def placed_count(session: Session, workshop_id: int, on: date) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Placement)
        .where(Placement.workshop_id == workshop_id, *placement_covers(on))
    ) or 0


def placement_covers(on: date):
    """Conditions: a placement that includes day ``on``."""
    return (
        Placement.start_date <= on,
        or_(Placement.end_date.is_(None), Placement.end_date >= on),
    )


def list_workshops(session: Session, *, on: date | None = None, include_inactive: bool = True) -> list[WorkshopRow]:
    on = on or date.today()
    counts = dict(
        session.execute(
            select(Placement.workshop_id, func.count())
            .where(*placement_covers(on))
            .group_by(Placement.workshop_id)
        ).all()
    )
    query = select(Workshop).options(selectinload(Workshop.instructors)).order_by(Workshop.name)
    if not include_inactive:
        query = query.where(Workshop.active.is_(True))
    return [
        WorkshopRow(
            id=w.id,
            name=w.name,
            kind=w.kind,
            capacity=w.capacity,
            active=w.active,
            placed=counts.get(w.id, 0),
            instructors=tuple(u.full_name or u.username for u in w.instructors),
            version=w.version,
        )
        for w in session.scalars(query)
    ]


def create_workshop(
    session: Session,
    name: str,
    kind: WorkshopKind = WorkshopKind.OTHER,
    capacity: int = 6,
    *,
    instructor_ids: list[int] | None = None,
    description: str = "",
    actor: User | None = None,
) -> Workshop:
    require_role(actor, Role.DIRECTOR)
    name = _check_workshop(session, name, capacity, instructor_ids or [], None)
    workshop = Workshop(name=name, kind=kind, capacity=capacity, description=description.strip())
    workshop.instructors = _instructors(session, instructor_ids or [])
    session.add(workshop)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "workshop", workshop.id,
                 {"name": name, "kind": kind, "capacity": capacity})
    return workshop


def update_workshop(
    session: Session,
    workshop_id: int,
    expected_version: int,
    *,
    name: str,
    kind: WorkshopKind,
    capacity: int,
    instructor_ids: list[int],
    description: str = "",
    actor: User | None = None,
) -> Workshop:
    require_role(actor, Role.DIRECTOR)
    workshop = for_update(session, Workshop, workshop_id, expected_version)
    values = {
        "name": _check_workshop(session, name, capacity, instructor_ids, workshop_id),
        "kind": kind,
        "capacity": capacity,
        "description": description.strip(),
    }
    changes = audit.diff(workshop, values)
    for field, value in values.items():
        setattr(workshop, field, value)
    instructors = _instructors(session, instructor_ids)
    if {u.id for u in instructors} != {u.id for u in workshop.instructors}:
        changes["instructors"] = [[u.username for u in workshop.instructors], [u.username for u in instructors]]
        workshop.instructors = instructors
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "workshop", workshop.id, changes)
    return workshop


def set_active(
    session: Session, workshop_id: int, expected_version: int, active: bool, *,
    on: date | None = None, actor: User | None = None,
) -> Workshop:
    """Deactivates (or reactivates) a workshop; one with people placed in it stays active."""
    require_role(actor, Role.DIRECTOR)
    workshop = for_update(session, Workshop, workshop_id, expected_version)
    if not active:
        _check_deactivate(session, workshop, on)
    workshop.active = active
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "workshop", workshop.id, {"active": active})
    return workshop


def check_workshop(session: Session, name: str, capacity: int, instructor_ids: list[int] | None = None, *,
                   workshop_id: int | None = None) -> None:
    """What ``create_workshop`` (or, with ``workshop_id``, ``update_workshop``) would refuse, every
    field at once, writing nothing."""
    _check_workshop(session, name, capacity, instructor_ids or [], workshop_id)


def _check_workshop(session: Session, name: str, capacity: int, instructor_ids: list[int],
                    own_id: int | None) -> str:
    """The workshop's fields, every refusal at once; the name as it is saved."""
    checks = Checks()
    with checks.field():
        name = _clean_name(session, name, own_id)
    with checks.field():
        _check_capacity(capacity)
    with checks.field():
        _instructors(session, instructor_ids)
    checks.raise_any()
    return name


def check_deactivate(session: Session, workshop_id: int, *, on: date | None = None) -> None:
    """What deactivating the workshop would refuse, writing nothing (asked before "Deactivate …?")."""
    _check_deactivate(session, get_workshop(session, workshop_id), on)


def _check_deactivate(session: Session, workshop: Workshop, on: date | None) -> None:
    placed = placed_count(session, workshop.id, on or date.today())
    if placed:
        raise ValidationError(
            "active",
            ngettext(
                "{count} participant is still placed in {name}; end or move the placement first.",
                "{count} participants are still placed in {name}; end or move their placements first.",
                placed,
            ).format(count=placed, name=workshop.name),
        )


def _clean_name(session: Session, name: str, own_id: int | None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("name", _("The workshop name is required."))
    check_length(Workshop, "name", name)
    existing = find_by_name(session, name)
    if existing is not None and existing.id != own_id:
        raise ValidationError("name", _("A workshop named {name} already exists.").format(name=name))
    return name


def _check_capacity(capacity: int) -> int:
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError(
            "capacity", _("The capacity must be between 1 and {max}.").format(max=MAX_CAPACITY)
        )
    return capacity


def _instructors(session: Session, user_ids: list[int]) -> list[User]:
    if not user_ids:
        return []
    users = list(session.scalars(select(User).where(User.id.in_(user_ids))))
    if len(users) != len(set(user_ids)):
        raise ValidationError("instructors", _("One of the chosen instructors no longer exists."))
    return users
