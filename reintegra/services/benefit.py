"""The CIS benefit attendance list: for one month, every CIS participant with their days present and
absent by kind and the working days of their placements — the basis on which the integration benefit
(świadczenie integracyjne) is paid.

Only the counts: the amounts and the reductions for absences follow a dated table of rules that
the centre keeps, not this list. Counts follow ``attendance.participant_months``: every workshop the
person was placed in that month, working days (Monday–Friday minus Polish public holidays) of
their placements, counted up to today.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import PRESENT_STATUSES, STATUSES, AttendanceStatus, Programme
from reintegra.db.models import AttendanceDay, Participant, Placement, User, Workshop
from reintegra.i18n import _, format_month
from reintegra.services import access, calendar, labels
from reintegra.services.attendance import no_days
from reintegra.services.collation import polish_key
from reintegra.services.errors import ReintegraError

@dataclass
class BenefitRow:
    """One CIS participant's month: the line of the benefit list."""

    participant_id: int
    last_name: str
    first_name: str
    pesel: str | None
    workshops: list[str] = field(default_factory=list)  # in the order they were placed there
    counts: dict[AttendanceStatus, int] = field(default_factory=no_days)  # days recorded with each status
    working_days: int = 0

    @property
    def present(self) -> int:
        return sum(self.counts[status] for status in PRESENT_STATUSES)

    def numbers(self) -> list[int]:
        """The list's count columns: a day count per status (in the order of ``STATUSES``), then working days."""
        return [*self.counts.values(), self.working_days]


def benefit_list(session: Session, year: int, month: int, *, workshop_id: int | None = None,
                 today: date | None = None, actor: User | None = None) -> list[BenefitRow]:
    """Every CIS participant placed anywhere in the month, in Polish alphabetical order.

    With ``workshop_id`` only those placed in that workshop at some time in the month are listed,
    but each still with their whole month (the benefit is paid per person, not per workshop).
    An instructor gets only their workshops and the participants they reach.
    """
    if workshop_id is not None:
        access.require_workshop(session, actor, workshop_id)
    start, end = calendar.month_bounds(year, month)
    counted_until = min(end, today or date.today())
    overlaps = (Placement.start_date <= end, or_(Placement.end_date.is_(None), Placement.end_date >= start))
    people = select(Participant.id).where(Participant.programme == Programme.CIS, access.reachable(session, actor))
    if workshop_id is not None:
        people = people.join(Placement, Placement.participant_id == Participant.id).where(
            Placement.workshop_id == workshop_id, *overlaps)
    chosen = people

    rows: dict[int, BenefitRow] = {}
    placements = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, Participant.pesel,
               Workshop.name, Placement.start_date, Placement.end_date)
        .join(Placement, Placement.participant_id == Participant.id)
        .join(Workshop, Workshop.id == Placement.workshop_id)
        .where(Participant.id.in_(chosen), *overlaps)
        .order_by(Placement.start_date, Placement.id)
    ).all()
    for pid, last, first, pesel, workshop, p_start, p_end in placements:
        row = rows.setdefault(pid, BenefitRow(pid, last, first, pesel))
        if workshop not in row.workshops:
            row.workshops.append(workshop)
        row.working_days += calendar.count_working_days(max(start, p_start), min(counted_until, p_end or end))

    counts = session.execute(
        select(AttendanceDay.participant_id, AttendanceDay.status, func.count())
        .where(AttendanceDay.participant_id.in_(chosen), AttendanceDay.day.between(start, end))
        .group_by(AttendanceDay.participant_id, AttendanceDay.status)
    ).all()
    for pid, status, count in counts:
        row = rows.get(pid)
        if row is not None:
            row.counts[AttendanceStatus(status)] += count
    return sorted(rows.values(), key=lambda r: polish_key(r.last_name, r.first_name))


def list_title(year: int, month: int) -> str:
    return _("CIS attendance list for the integration benefit — {month}").format(month=format_month(year, month))


def count_headers() -> list[str]:
    """The headers of the count columns (those of ``BenefitRow.numbers``) in the PDF, XLSX and CSV alike:
    every status, then the working days."""
    return [*(labels.short_label(status) for status in STATUSES), _("Working days")]


def totals(rows: list[BenefitRow]) -> list[int]:
    """The list's totals row: each of ``BenefitRow.numbers`` added up over everyone."""
    return [sum(column) for column in zip(*(row.numbers() for row in rows))] if rows else \
        [0] * len(count_headers())


def nobody_error(year: int, month: int, workshop: str | None = None) -> ReintegraError:
    """What an empty month says instead of writing a list with nobody on it."""
    if workshop:
        return ReintegraError(_("No CIS participant was placed in {workshop} in {month}: the benefit list "
                                "would be empty.").format(workshop=workshop, month=format_month(year, month)))
    return ReintegraError(_("No CIS participant was placed in any workshop in {month}: the benefit list "
                            "would be empty.").format(month=format_month(year, month)))
