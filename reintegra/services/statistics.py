"""The facility's figures for a period: the summary a director signs and sends to funders.

The period is [start, end], both days included. Only admitted participants count:
an applicant on the waiting list (no admission date) never appears in any figure.

Whole facility
  participants             admitted people whose participation overlaps the period:
                           admission_date ≤ end and (no exit_date or exit_date ≥ start).
  active_at_end            still taking part after the period's last day:
                           admission_date ≤ end and (no exit_date or exit_date > end).
                           Someone who exits on the last day is not active at the end.
  admitted                 admission_date within the period.
  exited                   exit_date within the period.
  exits_by_reason          the exits of the period by reason code, every code present (0
                           when none), in the order of ``EXIT_REASONS``; an exit recorded
                           without a reason (possible in imported data) counts as ``other``,
                           so the reasons always add up to ``exited``.
  employed_at_exit         exits of the period for employment, a social cooperative or a ZAZ:
                           all three are work (a ZAZ employs people with disabilities on
                           contracts; social-cooperative membership is employment in CIS
                           practice).
  completed                exits of the period that completed the programme: every exit except
                           dropped_out, removed and death (an exit without a reason counts as
                           ``other`` and so as completed).
  completion_rate          completed ÷ (exited − deaths): a death neither completes nor fails
                           the programme. None when that is 0.
  employed_within_3_months people — each once, by PESEL when they have one, by id otherwise —
                           whose recorded exit falls within the period and who exited into work
                           (as employed_at_exit) or whose 3-month follow-up of an exit in the
                           period records employment (the ESF "efektywność zatrudnieniowa" in
                           spirit). "An exit in the period" is the recorded one or an earlier
                           one in the period that ``participants.reopen`` undid after its
                           3-month contact was made (a made contact survives a reopening);
                           so a person who exited twice in the period counts once. The
                           contact counts whenever it was recorded, also after the period.
  employed_after_6_months  exits of the period whose six months have passed by the period's
                           end (add_months(exit_date, 6) ≤ end) and whose 6-month follow-up
                           for that exit records an employment status that is employment
                           (employed, self-employed, social cooperative, ZAZ).
  six_months_passed        the exits employed_after_6_months is counted among: exits of the
                           period, deaths aside, whose six months have passed by its end —
                           whether the 6-month contact was made or not (an unmade contact is
                           no known employment). Not in the JSON; the dashboard's "n of m".
  attendance_rate          days present ÷ working days of placements (Monday–Friday minus
                           Polish public holidays) from start to min(end, as_of), as_of being
                           today unless given — the future part of a period lowers nothing.
                           Present days are counted in the same window, over all workshops.
                           None when there are no working days. This is exactly Σ present ÷
                           Σ working days of ``attendance.month_rows`` over the months and
                           workshops (given the same as_of; month_rows would also count a day
                           marked present ahead of as_of, which this rate leaves out).

Per workshop (``by_workshop``, workshop name → the same figures) a person belongs to a
workshop through their placements:
  participants / active_at_end   placements in the workshop overlapping the period /
                                 covering its last day (and the person active at the end);
  admitted                       the workshop of the person's first placement (even when that
                                 placement starts after the period);
  exited, exits_by_reason, completed, employed_*, six_months_passed
                                 the workshop of the last placement, the one at exit;
  attendance_rate                the workshop's placements and the attendance recorded there.
A person who moved between workshops counts in each of them; a person never placed counts in
the facility's figures only. So the workshops need not add up to the facility's figures.
Every workshop with anyone counted in it is listed, in Polish alphabetical order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import EXIT_REASONS, PRESENT_STATUSES, EmploymentStatus, ExitReason
from reintegra.db.models import AttendanceDay, FollowUp, Participant, Placement, User, Workshop
from reintegra.i18n import _
from reintegra.services import access, calendar
from reintegra.services.collation import polish_key
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError

# Exits into work (the open market, a social cooperative, a ZAZ) and exits that did not complete the
# programme (a death is left out of the completion rate altogether): as ``EXIT_REASONS`` describes them.
WORK_EXIT_REASONS = frozenset(reason for reason, info in EXIT_REASONS.items() if info.to_work)
NOT_COMPLETED_REASONS = frozenset(reason for reason, info in EXIT_REASONS.items() if not info.completed)
OUTCOME_MONTHS = 6
EARLY_OUTCOME_MONTHS = 3
EMPLOYED_STATUSES = tuple(status for status in EmploymentStatus if status.is_employed)


def _no_exits() -> dict[ExitReason, int]:
    return {reason: 0 for reason in EXIT_REASONS}


@dataclass(kw_only=True)
class Figures:
    """The counts of one period, for the whole facility or for one workshop."""

    participants: int = 0
    active_at_end: int = 0
    admitted: int = 0
    exited: int = 0
    exits_by_reason: dict[ExitReason, int] = field(default_factory=_no_exits)
    completed: int = 0
    employed_at_exit: int = 0
    employed_within_3_months: int = 0
    employed_after_6_months: int = 0
    six_months_passed: int = 0
    present_days: int = 0
    working_days: int = 0

    @property
    def attendance_rate(self) -> float | None:
        return self.present_days / self.working_days if self.working_days else None

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.completion_base if self.completion_base else None

    @property
    def completion_base(self) -> int:
        """The exits the completion rate divides by: all but deaths."""
        return self.exited - self.exits_by_reason.get(ExitReason.DEATH, 0)

    def to_json_dict(self) -> dict[str, Any]:
        """The keys of DESIGN.md ("What reports contain"), reason codes as keys, and the outcome figures."""
        return {
            "participants": self.participants,
            "active_at_end": self.active_at_end,
            "admitted": self.admitted,
            "exited": self.exited,
            "exits_by_reason": {reason.value: self.exits_by_reason.get(reason, 0) for reason in EXIT_REASONS},
            "completed": self.completed,
            "completion_rate": _rounded(self.completion_rate),
            "employed_at_exit": self.employed_at_exit,
            "employed_within_3_months": self.employed_within_3_months,
            "employed_after_6_months": self.employed_after_6_months,
            "attendance_rate": _rounded(self.attendance_rate),
        }

    def _count_exit(self, exit_: _Exit) -> None:
        self.exited += 1
        self.exits_by_reason[exit_.reason] += 1
        if exit_.reason not in NOT_COMPLETED_REASONS:
            self.completed += 1
        if exit_.reason in WORK_EXIT_REASONS:
            self.employed_at_exit += 1
        if exit_.six_months_passed:
            self.six_months_passed += 1
        if exit_.employed_after_6_months:
            self.employed_after_6_months += 1


def _rounded(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 4)


@dataclass(kw_only=True)
class FacilitySummary(Figures):
    """The whole facility's figures for [start, end], and each workshop's."""

    start: date
    end: date
    as_of: date
    generated: datetime
    by_workshop: dict[str, Figures] = field(default_factory=dict)

    @property
    def counted_until(self) -> date:
        """The last day the attendance rate looks at."""
        return min(self.end, self.as_of)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "generated": self.generated.isoformat(timespec="seconds"),
            **super().to_json_dict(),
            "by_workshop": {name: figures.to_json_dict() for name, figures in self.by_workshop.items()},
        }


@dataclass
class _Exit:
    """One recorded exit of the period and what is known after it."""

    person: str  # PESEL, or the id when there is none: whom employed_within_3_months counts once
    reason: ExitReason
    six_months_passed: bool
    employed_after_6_months: bool = False
    employed_within_3_months: bool = False


def facility_summary(session: Session, start: date, end: date, *, as_of: date | None = None,
                     actor: User | None = None) -> FacilitySummary:
    """The facility's figures for [start, end] as the module docstring defines them.

    They cover everyone, so an instructor is refused them (``access.require_whole_facility``): even
    a count of a handful of exits tells about people outside their workshops."""
    access.require_whole_facility(actor)
    if end < start:
        raise ValidationError("end", _("The period ends before it starts."))
    summary = FacilitySummary(start=start, end=end, as_of=as_of or date.today(),
                              generated=datetime.now().replace(microsecond=0))
    _count_people(session, summary)
    exits = _exits(session, start, end)
    _count_exits(summary, exits.values())

    workshops: dict[int, Figures] = defaultdict(Figures)
    _by_placements(session, summary, workshops)
    _by_first_and_last_placement(session, summary, workshops, exits)
    present = _present_days(session, start, summary.counted_until)
    summary.present_days = sum(present.values())
    for workshop_id, days in present.items():
        workshops[workshop_id].present_days = days

    names = dict(session.execute(select(Workshop.id, Workshop.name).where(Workshop.id.in_(list(workshops)))).all())
    counted = [(names[wid], figures) for wid, figures in workshops.items()
               if figures.participants or figures.admitted or figures.exited]
    summary.by_workshop = dict(sorted(counted, key=lambda item: polish_key(item[0])))
    return summary


def _admitted():
    return Participant.admission_date.is_not(None)


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _count_people(session: Session, summary: FacilitySummary) -> None:
    start, end = summary.start, summary.end
    row = session.execute(
        select(
            _count_if(and_(Participant.admission_date <= end,
                           or_(Participant.exit_date.is_(None), Participant.exit_date >= start))),
            _count_if(and_(Participant.admission_date <= end,
                           or_(Participant.exit_date.is_(None), Participant.exit_date > end))),
            _count_if(Participant.admission_date.between(start, end)),
        ).where(_admitted())
    ).one()
    summary.participants, summary.active_at_end, summary.admitted = (int(value) for value in row)


def _exits(session: Session, start: date, end: date) -> dict[int, _Exit]:
    """The recorded exits of the period by participant id, with what their follow-ups found."""
    exited_in = Participant.exit_date.between(start, end)
    exits = {}
    for pid, pesel, exit_date, reason in session.execute(
            select(Participant.id, Participant.pesel, Participant.exit_date, Participant.exit_reason)
            .where(_admitted(), exited_in)):
        reason = reason or ExitReason.OTHER
        exits[pid] = _Exit(person=pesel or f"id:{pid}", reason=reason,
                           six_months_passed=(reason is not ExitReason.DEATH
                                              and add_months(exit_date, OUTCOME_MONTHS) <= end),
                           employed_within_3_months=reason in WORK_EXIT_REASONS)
    employed_contacts = session.execute(
        select(FollowUp.participant_id, FollowUp.months_after, FollowUp.exit_date == Participant.exit_date)
        .join(Participant, Participant.id == FollowUp.participant_id)
        .where(_admitted(), exited_in, FollowUp.exit_date.between(start, end),
               FollowUp.months_after.in_((EARLY_OUTCOME_MONTHS, OUTCOME_MONTHS)),
               FollowUp.employment_status.in_(EMPLOYED_STATUSES))
    ).all()
    for pid, months, of_recorded_exit in employed_contacts:
        exit_ = exits[pid]
        if months == EARLY_OUTCOME_MONTHS:
            exit_.employed_within_3_months = True
        elif of_recorded_exit and exit_.six_months_passed:
            exit_.employed_after_6_months = True
    return exits


def _count_exits(figures: Figures, exits: Iterable[_Exit]) -> None:
    """Adds the exits to ``figures``, counting the people employed within 3 months each once."""
    employed_early = set()
    for exit_ in exits:
        figures._count_exit(exit_)
        if exit_.employed_within_3_months:
            employed_early.add(exit_.person)
    figures.employed_within_3_months = len(employed_early)


def _by_placements(session: Session, summary: FacilitySummary, workshops: dict[int, Figures]) -> None:
    """participants, active_at_end and working days per workshop; working days of the facility."""
    start, end, until = summary.start, summary.end, summary.counted_until
    rows = session.execute(
        select(Placement.participant_id, Placement.workshop_id, Placement.start_date, Placement.end_date,
               Participant.exit_date)
        .join(Participant, Participant.id == Placement.participant_id)
        .where(_admitted(), Placement.start_date <= end,
               or_(Placement.end_date.is_(None), Placement.end_date >= start))
    ).all()
    present_in: dict[int, set[int]] = defaultdict(set)
    active_in: dict[int, set[int]] = defaultdict(set)
    for pid, wid, p_start, p_end, exit_date in rows:
        present_in[wid].add(pid)
        if (p_end is None or p_end >= end) and (exit_date is None or exit_date > end):
            active_in[wid].add(pid)
        # The same sum as attendance.month_rows, month by month: working days are additive.
        days = calendar.count_working_days(max(start, p_start), min(until, p_end or until))
        workshops[wid].working_days += days
        summary.working_days += days
    for wid, people in present_in.items():
        workshops[wid].participants = len(people)
    for wid, people in active_in.items():
        workshops[wid].active_at_end = len(people)


def _by_first_and_last_placement(session: Session, summary: FacilitySummary, workshops: dict[int, Figures],
                                 exits: dict[int, _Exit]) -> None:
    """Admissions by the first placement's workshop; exits and outcomes by the last one's."""
    if not summary.admitted and not exits:
        return
    start, end = summary.start, summary.end
    admitted_in = Participant.admission_date.between(start, end)
    exited_in = Participant.exit_date.between(start, end)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    placements = session.execute(
        select(Placement.participant_id, Placement.workshop_id)
        .join(Participant, Participant.id == Placement.participant_id)
        .where(_admitted(), or_(admitted_in, exited_in))
        .order_by(Placement.participant_id, Placement.start_date, Placement.id)
    ).all()
    for pid, wid in placements:
        first.setdefault(pid, wid)
        last[pid] = wid
    admitted_people = session.scalars(select(Participant.id).where(_admitted(), admitted_in)).all()
    for pid in admitted_people:
        if pid in first:
            workshops[first[pid]].admitted += 1
    exits_in: dict[int, list[_Exit]] = defaultdict(list)
    for pid, exit_ in exits.items():
        if pid in last:
            exits_in[last[pid]].append(exit_)
    for wid, workshop_exits in exits_in.items():
        _count_exits(workshops[wid], workshop_exits)


def _present_days(session: Session, start: date, until: date) -> dict[int, int]:
    """Days marked present per workshop from start to until (an SQL count, not a loop over rows)."""
    if until < start:
        return {}
    rows = session.execute(
        select(AttendanceDay.workshop_id, func.count())
        .where(AttendanceDay.status.in_(PRESENT_STATUSES), AttendanceDay.day.between(start, until))
        .group_by(AttendanceDay.workshop_id)
    ).all()
    return {wid: int(count) for wid, count in rows}
