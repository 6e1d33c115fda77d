"""Gaps: working days on which someone was placed in a workshop but not everyone placed has a record.

Two queries whatever the period: the placements that touch it, and the number of records per
workshop and day, grouped (only records of people placed there that day count). The placed head-count of
each day comes from the placements' start and end dates, so the cost grows with days and
placements, never with days × people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from reintegra.db.models import AttendanceDay, Placement, User
from reintegra.services import access, calendar

RECENT_DAYS = 30  # how far back "attendance not entered" looks when not told otherwise


def attendance_gaps(session: Session, workshop_id: int, start: date, end: date, *,
                    actor: User | None = None) -> list[date]:
    """The working days from ``start`` to ``end`` on which the workshop's attendance is incomplete."""
    access.require_workshop(session, actor, workshop_id)
    return gaps_by_workshop(session, start, end, [workshop_id]).get(workshop_id, [])


def count_gaps(session: Session, until: date, since: date | None = None,
               workshop_ids: Iterable[int] | None = None) -> int:
    """How many workshop-days up to ``until`` lack someone's attendance (for the start page).

    ``since`` None looks at the RECENT_DAYS days ending on ``until``; ``workshop_ids`` None means
    every workshop.
    """
    since = since if since is not None else until - timedelta(days=RECENT_DAYS - 1)
    return sum(len(days) for days in gaps_by_workshop(session, since, until, workshop_ids).values())


def gaps_by_workshop(session: Session, start: date, end: date,
                     workshop_ids: Iterable[int] | None = None) -> dict[int, list[date]]:
    """Workshop id → its incomplete working days from ``start`` to ``end``, oldest first."""
    chosen = None if workshop_ids is None else list(workshop_ids)
    if end < start or chosen == []:
        return {}
    placements = select(Placement.workshop_id, Placement.start_date, Placement.end_date).where(
        Placement.start_date <= end, or_(Placement.end_date.is_(None), Placement.end_date >= start))
    if chosen is not None:
        placements = placements.where(Placement.workshop_id.in_(chosen))
    # How each workshop's head-count changes: +1 on the first day of a placement, −1 after its last.
    changes: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for workshop_id, first, last in session.execute(placements):
        changes[workshop_id][max(first, start)] += 1
        if last is not None and last < end:
            changes[workshop_id][last + timedelta(days=1)] -= 1
    if not changes:
        return {}
    counts = _recorded_counts(session, start, end, sorted(changes))
    days = calendar.days_between(start, end)
    working = [calendar.is_working_day(day) for day in days]
    gaps = {}
    for workshop_id, by_day in changes.items():
        placed, found = 0, []
        for day, is_working in zip(days, working):
            placed += by_day.get(day, 0)
            if is_working and placed and counts.get((workshop_id, day), 0) < placed:
                found.append(day)
        if found:
            gaps[workshop_id] = found
    return gaps


def _recorded_counts(session: Session, start: date, end: date, workshop_ids: list[int]) -> dict[tuple[int, date], int]:
    """(workshop, day) → how many people placed there that day have a record, in one grouped query."""
    # "+ 0" keeps SQLite from looking placements up by workshop (every placement the workshop ever
    # had, for each record); by participant it finds the one or two placements of that person.
    covering = and_(
        Placement.participant_id == AttendanceDay.participant_id,
        Placement.workshop_id + 0 == AttendanceDay.workshop_id,
        Placement.start_date <= AttendanceDay.day,
        or_(Placement.end_date.is_(None), Placement.end_date >= AttendanceDay.day),
    )
    # Naming the workshops lets the (workshop, day) index find the period instead of reading it all.
    recorded = (
        select(AttendanceDay.workshop_id, AttendanceDay.day, func.count(func.distinct(AttendanceDay.participant_id)))
        .join(Placement, covering)
        .where(AttendanceDay.workshop_id.in_(workshop_ids), AttendanceDay.day.between(start, end))
        .group_by(AttendanceDay.workshop_id, AttendanceDay.day)
    )
    return {(workshop_id, day): count for workshop_id, day, count in session.execute(recorded)}
