"""Placements: a participant's time in a workshop, one workshop at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import AttendanceDay, Participant, Placement, User, Workshop
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import access, audit
from reintegra.services.collation import polish_key
from reintegra.services.records import for_update, get_or_gone
from reintegra.services.validation import Checks, check_length
from reintegra.services.errors import ValidationError
from reintegra.services.participants import get_participant
from reintegra.services.users import require_role
from reintegra.services.workshops import get_workshop, placed_count, placement_covers


@dataclass
class PlacementResult:
    placement: Placement
    warnings: list[str] = field(default_factory=list)


def placements_of(session: Session, participant_id: int, *, actor: User | None = None) -> list[Placement]:
    access.require_participant(session, actor, participant_id)
    return list(session.scalars(
        select(Placement).options(joinedload(Placement.workshop))
        .where(Placement.participant_id == participant_id).order_by(Placement.start_date)
    ))


def current_placement(session: Session, participant_id: int, on: date, *,
                      actor: User | None = None) -> Placement | None:
    access.require_participant(session, actor, participant_id)
    return session.scalar(
        select(Placement).options(joinedload(Placement.workshop))
        .where(Placement.participant_id == participant_id, *placement_covers(on))
    )


def placed_participants(session: Session, workshop_id: int, start: date, end: date | None = None, *,
                        actor: User | None = None) -> list[Participant]:
    """Everyone placed in the workshop on any day from start to end, by surname (of them, an instructor
    gets only the participants they reach)."""
    end = end or start
    placed = (
        select(Placement.participant_id)
        .where(
            Placement.workshop_id == workshop_id,
            Placement.start_date <= end,
            or_(Placement.end_date.is_(None), Placement.end_date >= start),
        )
    )
    # IN rather than DISTINCT: PostgreSQL cannot compare the JSON columns DISTINCT would need.
    people = list(session.scalars(select(Participant).where(Participant.id.in_(placed),
                                                            access.reachable(session, actor))))
    return sorted(people, key=lambda p: polish_key(p.last_name, p.first_name))


def place(
    session: Session,
    participant_id: int,
    workshop_id: int,
    start_date: date,
    *,
    end_date: date | None = None,
    note: str = "",
    actor: User | None = None,
) -> PlacementResult:
    """Places a participant in a workshop from start_date (to end_date, or open-ended)."""
    require_role(actor, Role.DIRECTOR)
    participant = get_participant(session, participant_id, actor=actor)
    workshop = get_workshop(session, workshop_id)
    _check_place(session, participant, workshop, start_date, end_date, note)
    warnings = capacity_warnings(session, workshop_id, start_date)
    placement = Placement(participant_id=participant_id, workshop_id=workshop_id, start_date=start_date,
                          end_date=end_date, note=note.strip())
    session.add(placement)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "placement", placement.id,
                 {"participant_id": participant_id, "workshop": workshop.name,
                  "start_date": start_date, "end_date": end_date})
    return PlacementResult(placement, warnings)


def move(
    session: Session, participant_id: int, workshop_id: int, on: date, *, actor: User | None = None
) -> PlacementResult:
    """Moves a participant to another workshop from ``on``: the current placement ends the day before."""
    require_role(actor, Role.DIRECTOR)
    current = current_placement(session, participant_id, on, actor=actor)
    if current is None:
        return place(session, participant_id, workshop_id, on, actor=actor)
    _check_move(current, workshop_id, on)
    previous_end = current.end_date
    _check_attendance_outside(session, current, current.start_date, on - timedelta(days=1))
    current.end_date = on - timedelta(days=1)
    session.flush()
    result = place(session, participant_id, workshop_id, on, end_date=previous_end, actor=actor)
    audit.record(session, actor, AuditAction.UPDATE, "placement", current.id, {"end_date": current.end_date})
    return result


def end_placement(
    session: Session, placement_id: int, expected_version: int, end_date: date, *, actor: User | None = None
) -> Placement:
    require_role(actor, Role.DIRECTOR)
    placement = for_update(session, Placement, placement_id, expected_version)
    access.require_participant(session, actor, placement.participant_id)
    _check_end(session, placement, end_date)
    audit.record(session, actor, AuditAction.UPDATE, "placement", placement.id,
                 {"end_date": [placement.end_date, end_date]})
    placement.end_date = end_date
    session.flush()
    return placement


def check_placement(session: Session, participant_id: int, workshop_id: int | None, start_date: date | None, *,
                    end_date: date | None = None, note: str = "", actor: User | None = None) -> None:
    """What ``place`` would refuse, every field at once, writing nothing (a date None: one the form
    could not read, refused there)."""
    participant = get_participant(session, participant_id, actor=actor)
    workshop = get_workshop(session, workshop_id) if workshop_id is not None else None
    _check_place(session, participant, workshop, start_date, end_date, note)


def check_move(session: Session, participant_id: int, workshop_id: int | None, on: date | None, *,
               actor: User | None = None) -> None:
    """What ``move`` would refuse, writing nothing."""
    if on is None:
        return check_placement(session, participant_id, workshop_id, None, actor=actor)
    current = current_placement(session, participant_id, on, actor=actor)
    if current is None:
        return check_placement(session, participant_id, workshop_id, on, actor=actor)
    _check_move(current, workshop_id, on)
    _check_attendance_outside(session, current, current.start_date, on - timedelta(days=1))
    workshop = get_workshop(session, workshop_id) if workshop_id is not None else None
    _check_place(session, current.participant, workshop, on, current.end_date, "", replacing=current.id)


def _check_move(current: Placement, workshop_id: int | None, on: date) -> None:
    if current.workshop_id == workshop_id:
        raise ValidationError("workshop", _("{name} is already placed in this workshop.").format(
            name=current.participant.full_name))
    if current.start_date == on:
        raise ValidationError("start_date", _(
            "The current placement starts on {date}; change that placement instead of moving.").format(
            date=format_date(on)))


def check_end(session: Session, placement_id: int, end_date: date | None, *, actor: User | None = None) -> None:
    """What ``end_placement`` would refuse, writing nothing."""
    placement = get_or_gone(session, Placement, placement_id)
    access.require_participant(session, actor, placement.participant_id)
    if end_date is not None:
        _check_end(session, placement, end_date)


def _check_place(session: Session, participant: Participant, workshop: Workshop | None, start: date | None,
                 end: date | None, note: str, *, replacing: int | None = None) -> None:
    """A new placement's rules, every refusal at once; ``replacing``: the placement a move ends the
    day before (not an overlap)."""
    checks = Checks()
    with checks.field():
        if workshop is not None and not workshop.active:
            raise ValidationError("workshop", _("The workshop {name} is not active.").format(name=workshop.name))
    with checks.field():
        if start is not None:
            _check_inside_participation(participant, start, end)
            _check_no_overlap(session, participant, start, end, own_id=replacing)
    with checks.field():
        check_length(Placement, "note", note.strip())
    checks.raise_any()


def _check_end(session: Session, placement: Placement, end_date: date) -> None:
    if end_date < placement.start_date:
        raise ValidationError("end_date", _("The end date cannot be before the start ({date}).").format(
            date=format_date(placement.start_date)))
    participant = placement.participant
    if participant.exit_date is not None and end_date > participant.exit_date:
        raise ValidationError("end_date", _("The end date cannot be after the exit date ({date}).").format(
            date=format_date(participant.exit_date)))
    _check_no_overlap(session, participant, placement.start_date, end_date, own_id=placement.id)
    _check_attendance_outside(session, placement, placement.start_date, end_date)


def delete_placement(session: Session, placement_id: int, expected_version: int, *,
                     actor: User | None = None) -> None:
    """Removes a placement entered by mistake; one with attendance recorded stays."""
    require_role(actor, Role.DIRECTOR)
    placement = for_update(session, Placement, placement_id, expected_version)
    access.require_participant(session, actor, placement.participant_id)
    _check_attendance_outside(session, placement, placement.start_date, placement.start_date - timedelta(days=1))
    audit.record(session, actor, AuditAction.DELETE, "placement", placement.id,
                 {"participant_id": placement.participant_id, "workshop_id": placement.workshop_id,
                  "start_date": placement.start_date})
    session.delete(placement)
    session.flush()


def _check_inside_participation(participant: Participant, start: date, end: date | None) -> None:
    if participant.admission_date is None:
        raise ValidationError("start_date", _("{name} is on the waiting list and has not been admitted yet.").format(
            name=participant.full_name))
    if end is not None and end < start:
        raise ValidationError("end_date", _("The end date cannot be before the start ({date}).").format(
            date=format_date(start)))
    if start < participant.admission_date:
        raise ValidationError("start_date", _("The placement cannot start before the admission ({date}).").format(
            date=format_date(participant.admission_date)))
    if participant.exit_date is not None and (start > participant.exit_date or end is None
                                              or end > participant.exit_date):
        raise ValidationError("end_date", _("The placement must end by the exit date ({date}).").format(
            date=format_date(participant.exit_date)))


def _check_no_overlap(session: Session, participant: Participant, start: date, end: date | None,
                      own_id: int | None) -> None:
    query = select(Placement).options(joinedload(Placement.workshop)).where(
        Placement.participant_id == participant.id,
        or_(Placement.end_date.is_(None), Placement.end_date >= start),
    )
    if end is not None:
        query = query.where(Placement.start_date <= end)
    if own_id is not None:
        query = query.where(Placement.id != own_id)
    clash = session.scalar(query.limit(1))
    if clash is not None:
        until = format_date(clash.end_date) if clash.end_date else _("now")
        raise ValidationError("start_date", _(
            "{name} is already placed in {workshop} from {start} to {end}; one placement at a time.").format(
            name=participant.full_name, workshop=clash.workshop.name, start=format_date(clash.start_date),
            end=until))


def _check_attendance_outside(session: Session, placement: Placement, start: date, end: date) -> None:
    """Refuses to shrink a placement past days that already have attendance there."""
    outside = session.scalar(
        select(func.min(AttendanceDay.day)).where(
            AttendanceDay.participant_id == placement.participant_id,
            AttendanceDay.workshop_id == placement.workshop_id,
            AttendanceDay.day >= placement.start_date,
            or_(AttendanceDay.day < start, AttendanceDay.day > end),
            *([AttendanceDay.day <= placement.end_date] if placement.end_date else []),
        )
    )
    if outside is not None:
        raise ValidationError("end_date", _(
            "Attendance is recorded in this workshop on {date}; the placement must include that day.").format(
            date=format_date(outside)))


def capacity_warnings(session: Session, workshop_id: int, on: date) -> list[str]:
    """What placing one more person in the workshop from ``on`` warns about: nothing while a place is
    free on that day. Asked by the screens before saving; the placement itself is never refused."""
    workshop = get_workshop(session, workshop_id)
    placed = placed_count(session, workshop_id, on)
    if placed >= workshop.capacity:
        # The name is the subject ("Pracownia gastronomiczna ma 6 miejsc"): it already says what it is.
        return [ngettext(
            "{name} has {capacity} place; already placed there on {date}: {placed}.",
            "{name} has {capacity} places; already placed there on {date}: {placed}.",
            workshop.capacity,
        ).format(name=workshop.name, capacity=workshop.capacity, date=format_date(on), placed=placed)]
    return []
