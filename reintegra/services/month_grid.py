"""The monthly attendance grid of one workshop: every person × every day, with their totals.

Read in two queries (placements with names, the month's attendance rows), whatever the
number of people and days. Totals and working days follow ``attendance.month_rows`` exactly:
the rate is days present ÷ working days of the person's placement with an entry, counted up to
today; the working days without an entry are the totals' ``not_entered_days``.
Changes go through ``attendance.set_attendance`` and ``clear_attendance``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AttendanceStatus
from reintegra.db.models import AttendanceDay, User
from reintegra.services import attendance, calendar
from reintegra.services.attendance import MonthRow
from reintegra.services.collation import polish_key


@dataclass(frozen=True)
class Cell:
    """What is recorded for one person on one day."""

    status: AttendanceStatus
    hours: Decimal | None
    remark: str
    version: int | None = None


@dataclass(frozen=True)
class GridDay:
    day: date
    working: bool
    holiday: str | None  # the holiday's name in the UI language


@dataclass
class GridPerson:
    participant_id: int
    last_name: str
    first_name: str
    placed: list[tuple[date, date]]  # the placements in this workshop, cut to the month
    cells: dict[date, Cell] = field(default_factory=dict)
    totals: MonthRow | None = None

    def placed_on(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.placed)


@dataclass
class MonthGrid:
    workshop_id: int
    year: int
    month: int
    days: list[GridDay]
    people: list[GridPerson]


def month_grid(session: Session, workshop_id: int, year: int, month: int, *,
               as_of: date | None = None, actor: User | None = None) -> MonthGrid:
    """Everyone placed in the workshop at any time in the month, by surname, with every recorded day
    (for an instructor: only their workshops, and the people of it they reach)."""
    start, end = calendar.month_bounds(year, month)
    counted_until = min(end, as_of or date.today())
    people: dict[int, GridPerson] = {}
    placements = attendance.placements_between(session, workshop_id, start, end, actor=actor)
    for pid, p_start, p_end, last, first in placements:
        person = people.get(pid)
        if person is None:
            person = people[pid] = GridPerson(pid, last, first, [], totals=MonthRow(pid, last, first))
        person.placed.append((max(start, p_start), min(end, p_end or end)))
        days = calendar.count_working_days(max(start, p_start), min(counted_until, p_end or counted_until))
        person.totals.working_days += days
        person.totals.not_entered_days += days
    entries = session.execute(
        select(AttendanceDay.participant_id, AttendanceDay.day, AttendanceDay.status, AttendanceDay.hours,
               AttendanceDay.remark, AttendanceDay.version)
        .where(AttendanceDay.workshop_id == workshop_id, AttendanceDay.day.between(start, end))
    ).all()
    for pid, day, status, hours, remark, version in entries:
        person = people.get(pid)
        if person is not None:
            cell = Cell(status, hours, remark or "", version)
            person.cells[day] = cell
            recount(person.totals, None, cell, working=counts_for_rate(person, day, counted_until))
    days = [GridDay(day, calendar.is_working_day(day), calendar.holiday_name(day))
            for day in calendar.days_between(start, end)]
    ordered = sorted(people.values(), key=lambda p: polish_key(p.last_name, p.first_name))
    return MonthGrid(workshop_id, year, month, days, ordered)


def counts_for_rate(person: GridPerson, day: date, until: date) -> bool:
    """Whether the person's ``day`` is one of the working days their rate counts (placed, up to ``until``)."""
    return attendance.counted_day(day, until, person.placed)


def recount(totals: MonthRow, old: Cell | None, new: Cell | None, *, working: bool = False) -> None:
    """Updates a person's month counts when one of their days changes from ``old`` to ``new``;
    ``working``: the day is one of the working days the rate counts (``counts_for_rate``)."""
    for cell, sign in ((old, -1), (new, 1)):
        if cell is not None:
            totals.count(cell.status, cell.hours, sign, working=working)


def grid_totals(grid: MonthGrid) -> MonthRow:
    """The whole workshop's month: every person's counts added up (the rate of all their days)."""
    total = MonthRow(0, "", "")
    for person in grid.people:
        total.add(person.totals)
    return total


def set_cell(
    session: Session, participant_id: int, workshop_id: int, day: date, status: AttendanceStatus, *,
    expected_version: int | None = None, actor: User | None = None,
) -> tuple[Cell, list[str]]:
    """Records a status from the grid; returns what is stored and the legal-limit warnings.

    The remark typed in the daily log stays; so do the hours when the status does not change
    (otherwise 'present' gets the facility's day length and the others none).
    """
    current = _entry(session, participant_id, day)
    hours = current.hours if current is not None and current.status is status else None
    warnings = attendance.set_attendance(
        session, participant_id, workshop_id, day, status, hours=hours,
        remark=current.remark if current is not None else "", expected_version=expected_version, actor=actor)
    return _cell(_entry(session, participant_id, day)), warnings


def clear_cell(session: Session, participant_id: int, day: date, *, actor: User | None = None) -> None:
    attendance.clear_attendance(session, participant_id, day, actor=actor)


def restore_cell(
    session: Session, participant_id: int, workshop_id: int, day: date, cell: Cell | None, *,
    expected_version: int | None = None, actor: User | None = None,
) -> Cell | None:
    """Puts a day back as it was (the undo of a change): ``cell`` None means not recorded."""
    if cell is None:
        attendance.clear_attendance(session, participant_id, day, actor=actor)
        return None
    attendance.set_attendance(session, participant_id, workshop_id, day, cell.status, hours=cell.hours,
                              remark=cell.remark, expected_version=expected_version, actor=actor)
    return _cell(_entry(session, participant_id, day))


def _entry(session: Session, participant_id: int, day: date) -> AttendanceDay | None:
    return session.scalar(
        select(AttendanceDay).where(AttendanceDay.participant_id == participant_id, AttendanceDay.day == day))


def _cell(entry: AttendanceDay) -> Cell:
    return Cell(entry.status, entry.hours, entry.remark or "", entry.version)
