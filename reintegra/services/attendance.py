"""Attendance: one status per participant-day, the workshop's day log, month counts.

The attendance rate (``statistics.attendance_rate``): days present ÷ working days of the
participant's placement (Monday–Friday minus Polish public holidays) that have an entry, counted up
to today; the working days without an entry are counted apart (``MonthRow.not_entered_days``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import PRESENT_STATUSES, STATUSES, AttendanceStatus, AuditAction, Programme, Role
from reintegra.db.models import (
    AttendanceDay,
    Facility,
    Participant,
    Placement,
    User,
    Workshop,
    WorkshopDayLog,
    workshop_instructors,
)
from reintegra.i18n import _, format_date, format_number, ngettext
from reintegra.services import access, audit, calendar, labels
from reintegra.services.collation import polish_key
from reintegra.services.records import check_version
from reintegra.services.validation import check_length
from reintegra.services.errors import ConflictError, ValidationError
from reintegra.services.facility import get_facility
from reintegra.services.statistics import attendance_percent, attendance_rate
from reintegra.services.workshops import get_workshop

MAX_HOURS_A_DAY = Decimal("24")
# WTZ regulation (Dz.U. 2004 nr 63 poz. 587, §8): at most 7 h a day and 35 h a week.
WTZ_MAX_DAY_HOURS = Decimal("7")
WTZ_MAX_WEEK_HOURS = Decimal("35")
# Social-employment act, art. 14: CIS participation 30–40 h a week.
CIS_MAX_WEEK_HOURS = Decimal("40")
# WTZ regulation (Dz.U. 2004 nr 63 poz. 587, §10): one occupational therapy instructor per five participants.
WTZ_PARTICIPANTS_PER_INSTRUCTOR = 5
DEFAULT_DAY_LENGTH = Decimal("7")


@dataclass(frozen=True)
class DayRow:
    participant_id: int
    last_name: str
    first_name: str
    status: AttendanceStatus | None  # None: not recorded yet
    hours: Decimal | None
    remark: str
    version: int | None
    programme: Programme | None = None


@dataclass(frozen=True)
class DaySheet:
    workshop_id: int
    day: date
    rows: list[DayRow]
    holiday: str | None
    is_working_day: bool
    log_text: str
    log_version: int | None
    day_length: Decimal = DEFAULT_DAY_LENGTH  # what 'present' records when no hours are given
    warnings: tuple[str, ...] = ()  # legal limits the day breaks, e.g. too few instructors


@dataclass(frozen=True)
class Filled:
    """What 'all present' did: who became present, and the legal-limit warnings per person."""

    participant_ids: list[int]
    warnings: dict[int, list[str]]


def no_days() -> dict[AttendanceStatus, int]:
    """A count of 0 for every status, in the order of ``STATUSES``."""
    return {status: 0 for status in STATUSES}


@dataclass
class MonthRow:
    """One participant's month in one workshop: the attendance report's line."""

    participant_id: int
    last_name: str
    first_name: str
    counts: dict[AttendanceStatus, int] = field(default_factory=no_days)  # days recorded with each status
    working_days: int = 0
    hours: Decimal = Decimal("0")
    by_day: dict[date, AttendanceStatus] = field(default_factory=dict)
    not_entered_days: int = 0  # working days of the placement up to today with no entry: not in the rate

    @property
    def present(self) -> int:
        """Days that count as present: the rate's numerator."""
        return sum(self.counts[status] for status in PRESENT_STATUSES)

    @property
    def rate(self) -> float | None:
        return attendance_rate(self.present, self.working_days, self.not_entered_days)

    @property
    def entered_days(self) -> int:
        """The working days with an entry: the rate's denominator."""
        return self.working_days - self.not_entered_days

    @property
    def percent(self) -> Decimal | None:
        """The rate as a percentage, one decimal rounded half up (the CSV, the sheet, the report)."""
        return attendance_percent(self.present, self.working_days, self.not_entered_days)

    def add(self, other: MonthRow) -> None:
        """Adds another month's counts, working days and hours to this one (for totals)."""
        for status, count in other.counts.items():
            self.counts[status] += count
        self.working_days += other.working_days
        self.not_entered_days += other.not_entered_days
        self.hours += other.hours

    def count(self, status: AttendanceStatus, hours: Decimal | None, sign: int = 1, *,
              working: bool = False) -> None:
        """Counts one recorded day in (or, with ``sign`` -1, out); ``working``: the day is one of the
        working days counted (of the placement, up to today), so it is no longer a day not entered."""
        self.counts[status] += sign
        self.hours += sign * (hours or 0)
        if working:
            self.not_entered_days -= sign


def not_entered_text(count: int) -> str:
    """"3 working days not entered", shown beside every rate that leaves them out."""
    return ngettext("{count} working day not entered", "{count} working days not entered", count).format(
        count=format_number(count))


def counted_day(day: date, until: date, placed: list[tuple[date, date | None]]) -> bool:
    """Whether ``day`` is one of the working days a month's rate counts: a working day up to ``until``
    inside one of the placements (start, end or None)."""
    return (day <= until and calendar.is_working_day(day)
            and any(start <= day and (end is None or day <= end) for start, end in placed))


def month_total(rows: list[MonthRow], participant_id: int = 0) -> MonthRow:
    """Several months (or people) added up; the rate is that of all their days."""
    first = rows[0] if rows else None
    total = MonthRow(participant_id, first.last_name if first else "", first.first_name if first else "")
    for row in rows:
        total.add(row)
    return total


def set_attendance(
    session: Session,
    participant_id: int,
    workshop_id: int,
    day: date,
    status: AttendanceStatus,
    *,
    hours: Decimal | float | str | None = None,
    remark: str = "",
    expected_version: int | None = None,
    actor: User | None = None,
    day_length: Decimal | None = None,
) -> list[str]:
    """Records (or changes) one participant's day; returns warnings about legal limits.

    ``hours`` None means the facility's day length for 'present' and 0 otherwise; a caller that
    already knows the day length (the daily log) passes it and saves a query.
    """
    return record_attendance(session, participant_id, workshop_id, day, status, hours=hours, remark=remark,
                             expected_version=expected_version, actor=actor, day_length=day_length)[1]


def record_attendance(
    session: Session,
    participant_id: int,
    workshop_id: int,
    day: date,
    status: AttendanceStatus,
    *,
    hours: Decimal | float | str | None = None,
    remark: str = "",
    expected_version: int | None = None,
    actor: User | None = None,
    day_length: Decimal | None = None,
) -> tuple[AttendanceDay, list[str]]:
    """``set_attendance`` that also returns the stored row (its new version, for the next change)."""
    access.require_workshop(session, actor, workshop_id)
    access.require_participant(session, actor, participant_id)
    _require_day_has_come(status, day)
    programme = _placed_programme(session, participant_id, workshop_id, day)
    hours_value = _clean_hours(session, status, hours, day_length)
    remark = " ".join(remark.split())
    check_length(AttendanceDay, "remark", remark)
    row = session.scalar(
        select(AttendanceDay).where(AttendanceDay.participant_id == participant_id, AttendanceDay.day == day)
    )
    before = None if row is None else {field: getattr(row, field) for field in _AUDITED_DAY}
    if row is None:
        if expected_version is not None:  # it was there when read: removed on another computer since
            raise ConflictError(_("This day was changed on another computer. Reload and try again."))
        row = AttendanceDay(participant_id=participant_id, day=day)
        session.add(row)
    elif expected_version is not None:
        check_version(row, expected_version)
    row.workshop_id = workshop_id
    row.status = status
    row.hours = hours_value
    row.remark = remark
    row.recorded_by_id = actor.id if actor else None
    row.recorded_at = datetime.now().replace(microsecond=0)
    # The same person-day inserted meanwhile on another computer breaks the unique constraint here:
    # the unit of work turns that into a ConflictError (services/units.py).
    session.flush()
    _audit_day(session, actor, row, before)
    week = _week_hours(session, [participant_id], day).get(participant_id, Decimal("0"))
    return row, _limit_warnings(programme, hours_value, week)


def clear_attendance(
    session: Session, participant_id: int, day: date, *, expected_version: int | None = None,
    actor: User | None = None,
) -> None:
    """Back to 'not recorded' (the undo of a first entry)."""
    row = session.scalar(
        select(AttendanceDay).where(AttendanceDay.participant_id == participant_id, AttendanceDay.day == day)
    )
    if row is None:
        return
    access.require_workshop(session, actor, row.workshop_id)
    access.require_participant(session, actor, participant_id)
    if expected_version is not None:
        check_version(row, expected_version)
    audit.record(session, actor, AuditAction.DELETE, "attendance_day", row.id, dict(
        day=row.day, workshop_id=row.workshop_id, status=row.status, hours=row.hours), participant_id=participant_id)
    session.delete(row)
    session.flush()


def mark_all_present(session: Session, workshop_id: int, day: date, *, actor: User | None = None) -> int:
    """Everyone placed that day and not yet recorded becomes present; returns how many."""
    return len(fill_present(session, workshop_id, day, actor=actor).participant_ids)


def fill_present(session: Session, workshop_id: int, day: date, *, actor: User | None = None) -> Filled:
    """'All present': everyone placed that day and not yet recorded, in a few queries for the whole group."""
    _require_day_has_come(AttendanceStatus.PRESENT, day)
    sheet = day_sheet(session, workshop_id, day, actor=actor)
    missing = [row for row in sheet.rows if row.status is None]
    now = datetime.now().replace(microsecond=0)
    if missing:
        # One INSERT for the whole group (an ORM bulk insert: the rows are not needed as objects). Someone
        # of them recorded meanwhile on another computer breaks the unique constraint: a ConflictError
        # from the unit of work (services/units.py).
        session.execute(insert(AttendanceDay), [
            dict(participant_id=row.participant_id, workshop_id=workshop_id, day=day,
                 status=AttendanceStatus.PRESENT, hours=sheet.day_length, remark="",
                 recorded_by_id=actor.id if actor else None, recorded_at=now, version=1)
            for row in missing])
        audit.record_many(session, actor, AuditAction.CREATE, "attendance_day", [
            (row.participant_id, dict(day=day, workshop_id=workshop_id, status=AttendanceStatus.PRESENT,
                                      hours=sheet.day_length)) for row in missing])
    weeks = _week_hours(session, [row.participant_id for row in missing], day)
    warnings = {}
    for row in missing:
        found = _limit_warnings(row.programme, sheet.day_length, weeks.get(row.participant_id, Decimal("0")))
        if found:
            warnings[row.participant_id] = found
    return Filled([row.participant_id for row in missing], warnings)


def day_sheet(session: Session, workshop_id: int, day: date, *, actor: User | None = None) -> DaySheet:
    """Everyone placed in the workshop on ``day`` with what is recorded, and the day log.

    Three queries whatever the size of the group: the people with their day, the day log, and
    the facility's day length with the workshop's number of instructors. An instructor gets only their
    workshops, and of the people placed there only those they reach.
    """
    access.require_workshop(session, actor, workshop_id)
    recorded = and_(AttendanceDay.participant_id == Participant.id, AttendanceDay.day == day,
                    AttendanceDay.workshop_id == workshop_id)
    people = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, Participant.programme,
               AttendanceDay.status, AttendanceDay.hours, AttendanceDay.remark, AttendanceDay.version)
        .join(Placement, Placement.participant_id == Participant.id)
        .outerjoin(AttendanceDay, recorded)
        .where(
            Placement.workshop_id == workshop_id,
            Placement.start_date <= day,
            or_(Placement.end_date.is_(None), Placement.end_date >= day),
        )
    ).all()
    rows, seen = [], set()
    for pid, last, first, programme, status, hours, remark, version in sorted(
            people, key=lambda p: polish_key(p.last_name, p.first_name)):
        if pid not in seen:
            seen.add(pid)
            rows.append(DayRow(pid, last, first, status, hours, remark or "", version, programme))
    placed = len(rows)  # the group's size counts for the limit, whoever of it the actor reaches
    reached = access.reachable_ids(session, actor)
    if reached is not None:
        rows = [row for row in rows if row.participant_id in reached]
    log = day_log(session, workshop_id, day)
    day_length, kind, instructors = _facility_and_staff(session, workshop_id)
    warnings = ()
    if kind is Programme.WTZ and instructors and placed > WTZ_PARTICIPANTS_PER_INSTRUCTOR * instructors:
        warnings = (_("Participants: {count}, instructors: {instructors} — in a WTZ one instructor works with "
                      "at most {max} participants.").format(
            count=placed, instructors=instructors, max=WTZ_PARTICIPANTS_PER_INSTRUCTOR),)
    return DaySheet(workshop_id, day, rows, calendar.holiday_name(day), calendar.is_working_day(day),
                    log.text if log else "", log.version if log else None, day_length, warnings)


def _facility_and_staff(session: Session, workshop_id: int) -> tuple[Decimal, Programme, int]:
    """The facility's day length and kind, and how many instructors the workshop has, in one query."""
    first = select(Facility.id).order_by(Facility.id).limit(1).scalar_subquery()
    day_length, kind, staff = session.execute(select(
        select(Facility.day_length_hours).where(Facility.id == first).scalar_subquery(),
        select(Facility.kind).where(Facility.id == first).scalar_subquery(),
        select(func.count()).select_from(workshop_instructors)
        .where(workshop_instructors.c.workshop_id == workshop_id).scalar_subquery(),
    )).one()
    # No facility data yet: the values the facility row gets when it is made.
    return day_length or DEFAULT_DAY_LENGTH, Programme(kind) if kind else Programme.WTZ, staff or 0


def workshops_for(session: Session, actor: User | None) -> list[Workshop]:
    """The active workshops whose attendance ``actor`` may record: an instructor's own, else all."""
    if actor is not None and actor.role is Role.INSTRUCTOR:
        found = [w for w in actor.workshops if w.active]
    else:
        found = list(session.scalars(select(Workshop).where(Workshop.active.is_(True))))
    return sorted(found, key=lambda w: polish_key(w.name))


def day_log(session: Session, workshop_id: int, day: date, *, actor: User | None = None) -> WorkshopDayLog | None:
    """The workshop's log of ``day``; an instructor reads only their workshops' logs."""
    access.require_workshop(session, actor, workshop_id)
    return session.scalar(
        select(WorkshopDayLog).where(WorkshopDayLog.workshop_id == workshop_id, WorkshopDayLog.day == day)
    )


def day_logs_between(session: Session, workshop_id: int, start: date, end: date, *,
                     actor: User | None = None) -> dict[date, str]:
    """The workshop's day-log texts from ``start`` to ``end`` by day (the month's dziennik zajęć);
    an instructor reads only their workshops' logs."""
    access.require_workshop(session, actor, workshop_id)
    rows = session.execute(
        select(WorkshopDayLog.day, WorkshopDayLog.text)
        .where(WorkshopDayLog.workshop_id == workshop_id, WorkshopDayLog.day.between(start, end))
    ).all()
    return {day: text for day, text in rows if text}


def save_day_log(
    session: Session, workshop_id: int, day: date, text: str, *,
    expected_version: int | None = None, actor: User | None = None,
) -> WorkshopDayLog:
    get_workshop(session, workshop_id)
    access.require_workshop(session, actor, workshop_id)
    log = day_log(session, workshop_id, day)
    old_text = None if log is None else log.text
    if log is None:
        log = WorkshopDayLog(workshop_id=workshop_id, day=day)
        session.add(log)
    elif expected_version is not None:
        check_version(log, expected_version)
    log.text = text.strip()
    log.author_id = actor.id if actor else None
    session.flush()
    if old_text != log.text:
        audit.record(session, actor, AuditAction.CREATE if old_text is None else AuditAction.UPDATE,
                     "workshop_day_log", log.id, dict(workshop_id=workshop_id, day=day,
                                                      text=log.text if old_text is None else [old_text, log.text]))
    return log


_AUDITED_DAY = ("workshop_id", "status", "hours", "remark")


def _audit_day(session: Session, actor: User | None, row: AttendanceDay, before: dict | None) -> None:
    """One entry for a day recorded or changed (none when it was saved as it was)."""
    if before is None:
        audit.record(session, actor, AuditAction.CREATE, "attendance_day", row.id,
                     dict(day=row.day, **{field: getattr(row, field) for field in _AUDITED_DAY}),
                     participant_id=row.participant_id)
        return
    changes = {field: [old, getattr(row, field)] for field, old in before.items() if getattr(row, field) != old}
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "attendance_day", row.id,
                     {"day": row.day, "workshop_id": row.workshop_id, **changes}, participant_id=row.participant_id)


def placements_between(session: Session, workshop_id: int, start: date, end: date, *,
                       actor: User | None = None) -> list:
    """(participant id, placement start, placement end, last name, first name) of every placement in
    the workshop that overlaps [start, end], earliest first; an instructor's only in their workshops
    and of the people they reach."""
    access.require_workshop(session, actor, workshop_id)
    return session.execute(
        select(Placement.participant_id, Placement.start_date, Placement.end_date,
               Participant.last_name, Participant.first_name)
        .join(Participant, Participant.id == Placement.participant_id)
        .where(
            Placement.workshop_id == workshop_id,
            Placement.start_date <= end,
            or_(Placement.end_date.is_(None), Placement.end_date >= start),
            access.reachable(session, actor),
        )
        .order_by(Placement.start_date)
    ).all()


def month_rows(
    session: Session, workshop_id: int, year: int, month: int, *, as_of: date | None = None,
    actor: User | None = None,
) -> list[MonthRow]:
    """Everyone placed in the workshop that month, with counts, hours and working days (for an instructor:
    only their workshops, and the people of it they reach)."""
    start, end = calendar.month_bounds(year, month)
    counted_until = min(end, as_of or date.today())
    rows: dict[int, MonthRow] = {}
    placed: dict[int, list[tuple[date, date | None]]] = {}
    for pid, p_start, p_end, last, first in placements_between(session, workshop_id, start, end, actor=actor):
        row = rows.setdefault(pid, MonthRow(pid, last, first))
        days = calendar.count_working_days(max(start, p_start), min(counted_until, p_end or counted_until))
        row.working_days += days
        row.not_entered_days += days
        placed.setdefault(pid, []).append((p_start, p_end))
    entries = session.execute(
        select(AttendanceDay.participant_id, AttendanceDay.day, AttendanceDay.status, AttendanceDay.hours)
        .where(AttendanceDay.workshop_id == workshop_id, AttendanceDay.day.between(start, end))
    ).all()
    for pid, day, status, hours in entries:
        row = rows.get(pid)
        if row is None:
            continue
        row.count(status, hours, working=counted_day(day, counted_until, placed[pid]))
        row.by_day[day] = status
    return sorted(rows.values(), key=lambda r: polish_key(r.last_name, r.first_name))


def participant_months(
    session: Session, participant_id: int, start: date, end: date, *, as_of: date | None = None,
    actor: User | None = None,
) -> list[tuple[int, int, MonthRow]]:
    """A participant's (year, month, counts) over all workshops, month by month."""
    access.require_participant(session, actor, participant_id)
    counted_until = as_of or date.today()
    placements = session.execute(
        select(Placement.start_date, Placement.end_date).where(Placement.participant_id == participant_id)
    ).all()
    participant = session.get(Participant, participant_id)
    entries = session.execute(
        select(AttendanceDay.day, AttendanceDay.status, AttendanceDay.hours)
        .where(AttendanceDay.participant_id == participant_id, AttendanceDay.day.between(start, end))
    ).all()
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        m_start, m_end = calendar.month_bounds(year, month)
        until = min(m_end, counted_until)
        row = MonthRow(participant_id, participant.last_name, participant.first_name)
        for p_start, p_end in placements:
            days = calendar.count_working_days(max(m_start, p_start), min(until, p_end or until))
            row.working_days += days
            row.not_entered_days += days
        months.append((year, month, row))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    index = {(y, m): r for y, m, r in months}
    spans = [(p_start, p_end) for p_start, p_end in placements]
    for day, status, hours in entries:
        row = index[(day.year, day.month)]
        row.count(status, hours, working=counted_day(day, counted_until, spans))
        row.by_day[day] = status
    return months


def _require_day_has_come(status: AttendanceStatus, day: date) -> None:
    if not status.info.known_ahead and day > date.today():
        ahead = [labels.label(other).lower() for other, info in STATUSES.items() if info.known_ahead]
        raise ValidationError("day", _("{date} has not come yet: only {statuses} can be recorded ahead.").format(
            date=format_date(day), statuses=labels.or_list(ahead)))


def _placed_programme(session: Session, participant_id: int, workshop_id: int, day: date) -> Programme:
    """The participant's programme; a ValidationError when they are not placed in the workshop that day."""
    programme = session.scalar(
        select(Participant.programme).join(Placement, Placement.participant_id == Participant.id).where(
            Placement.participant_id == participant_id,
            Placement.workshop_id == workshop_id,
            Placement.start_date <= day,
            or_(Placement.end_date.is_(None), Placement.end_date >= day),
        ).limit(1)
    )
    if programme is None:
        participant = session.get(Participant, participant_id)
        workshop = get_workshop(session, workshop_id)
        name = participant.full_name if participant else str(participant_id)
        raise ValidationError("participant", _("{name} is not placed in {workshop} on {date}.").format(
            name=name, workshop=workshop.name, date=format_date(day)))
    return programme


def clean_hours(status: AttendanceStatus, hours, day_length: Decimal) -> Decimal | None:
    """The hours recorded for a day given as typed (None or blank: ``day_length`` when present, else none);
    a ValidationError when they are not a number of hours of a day. No query: for the import's checks."""
    return _clean_hours(None, status, hours, day_length)


def _clean_hours(session: Session | None, status: AttendanceStatus, hours, day_length: Decimal | None) -> Decimal | None:
    if hours is None or (isinstance(hours, str) and not hours.strip()):
        if status.info.is_present:
            return day_length if day_length is not None else get_facility(session).day_length_hours
        return None
    try:
        value = Decimal(str(hours).strip().replace(",", "."))
    except ArithmeticError:
        raise ValidationError("hours", _("“{text}” is not a number of hours.").format(text=hours)) from None
    if not value.is_finite() or not Decimal("0") <= value <= MAX_HOURS_A_DAY:
        raise ValidationError("hours", _("The hours must be between 0 and 24."))
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError("hours", _("Hours are recorded to at most two decimal places."))
    return value


def _week_hours(session: Session, participant_ids: list[int], day: date) -> dict[int, Decimal]:
    """Each participant's hours in the week (Monday to Sunday) of ``day``, in one grouped query."""
    if not participant_ids:
        return {}
    monday = day - timedelta(days=day.weekday())
    found = session.execute(
        select(AttendanceDay.participant_id, func.coalesce(func.sum(AttendanceDay.hours), 0))
        .where(AttendanceDay.participant_id.in_(participant_ids),
               AttendanceDay.day.between(monday, monday + timedelta(days=6)))
        .group_by(AttendanceDay.participant_id)
    ).all()
    return {pid: Decimal(str(hours)) for pid, hours in found}


def _limit_warnings(programme: Programme | None, hours: Decimal | None, week: Decimal) -> list[str]:
    warnings = []
    if programme is Programme.WTZ:
        if hours is not None and hours > WTZ_MAX_DAY_HOURS:
            warnings.append(_("In a WTZ therapy lasts at most {hours} hours a day.").format(
                hours=format_number(WTZ_MAX_DAY_HOURS)))
        if week > WTZ_MAX_WEEK_HOURS:
            warnings.append(_("This week has {hours} hours; in a WTZ therapy lasts at most {max} hours a week.").format(
                hours=format_number(week), max=format_number(WTZ_MAX_WEEK_HOURS)))
    elif programme is Programme.CIS and week > CIS_MAX_WEEK_HOURS:
        warnings.append(_("This week has {hours} hours; CIS participation is at most {max} hours a week.").format(
            hours=format_number(week), max=format_number(CIS_MAX_WEEK_HOURS)))
    return warnings
