"""The facility's figures for a period: the summary a director signs and sends to funders.

The period is [start, end], both days included. Only admitted participants count:
an applicant on the waiting list (no admission date) never appears in any figure.

A person may have several stays (``Participant`` rows, one per stay; db/models.py). ``participants``
counts people, each once; ``stays`` and every other count (admitted, exited, the exits by reason …)
count stays, each exit of each stay with its own reason, unless said otherwise.

Whole facility
  stays                    stays active at any time in the period (admitted stays overlapping it):
                           admission_date ≤ end and (no exit_date or exit_date ≥ start).
  participants             people with at least one such stay, each once (by person): a person
                           who left and was readmitted within the period is one participant with
                           two stays.
  active_at_end            stays still going on after the period's last day:
                           admission_date ≤ end and (no exit_date or exit_date > end).
                           Someone who exits on the last day is not active at the end.
  admitted                 stays whose admission_date is within the period.
  readmitted               of those, the stays whose person had an earlier stay: another stay of the
                           same person admitted before this one's admission_date (an application that
                           was never admitted is no earlier stay).
  exited                   stays whose exit_date is within the period.
  exits_by_reason          the exits of the period by reason code, every code present (0
                           when none), in the order of ``EXIT_REASONS``; an exit recorded
                           without a reason (possible in imported data) counts as ``other``,
                           so the reasons always add up to ``exited``.
  employed_at_exit         exits of the period for employment, an own business, a social cooperative
                           or a ZAZ: all four are work (a ZAZ employs people with disabilities on
                           contracts; social-cooperative membership is employment in CIS
                           practice).
  completed                exits of the period that completed the programme: every exit except
                           dropped_out, removed and death (an exit without a reason counts as
                           ``other`` and so as completed).
  completion_rate          completed ÷ (exited − deaths): a death neither completes nor fails
                           the programme. None when that is 0.
  completed_not_in_education
                           people — each once, by PESEL when they have one, by id otherwise — whose
                           recorded exit falls within the period, completed the programme (every
                           reason but dropped_out, removed and death; an exit without a reason is
                           ``other``) and did not go on to education (any reason but ``training``).
                           The denominator of employed_within_90_days.
  employed_within_90_days  of completed_not_in_education, the people whose exit reason is
                           employment, an own business or a social cooperative, or a follow-up
                           contact of that exit made at most 90 days after it (contact_date −
                           exit_date ≤ 90) records employment (employed, self-employed, social
                           cooperative) — each PESEL once (the ESF "efektywność zatrudnieniowa").
                           A ZAZ is not counted here: it is a programme of its own (the next
                           stay), not the labour market. A
                           contact made later than 90 days — the 3-month one made late included —
                           proves nothing about the first 90 days and does not count. Contacts count
                           whenever they were recorded, also after the period.
  employed_within_3_months the same number as employed_within_90_days, under its earlier name: kept in
                           the JSON for whoever reads older summaries, defined as above.
  retained_6_months        of the people counted in employed_within_90_days whose six months after
                           that exit have passed by as_of (add_months(exit_date, 6) ≤ as_of) — the
                           retention base, not in the JSON — those whose 6-month follow-up contact of
                           that exit records employment (as above). An unmade contact is no known
                           employment. Each PESEL once.
  retention_rate           retained_6_months ÷ the retention base; None when that is 0 (seed 004's
                           "350 found work, 72% kept it for 6 months").
  employed_after_6_months  exits of the period whose six months have passed by the period's end
                           (add_months(exit_date, 6) ≤ end) and whose 6-month follow-up for that
                           exit records an employment status that is employment (employed,
                           self-employed, social cooperative, ZAZ).
  six_months_passed        the exits employed_after_6_months is counted among: exits of the
                           period, deaths aside, whose six months have passed by its end —
                           whether the 6-month contact was made or not (an unmade contact is
                           no known employment). Not in the JSON.
  attendance_rate          days present ÷ working days WITH AN ENTRY (``attendance_rate()``, the one
                           function every rate of Reintegra — start page, month grid, attendance
                           sheet, participant report, CSV/XLSX, summary — is computed with).
                           Working days are the days of placements (Monday–Friday minus Polish
                           public holidays) from start to min(end, as_of), as_of being today unless
                           given — the future part of a period lowers nothing. A working day with
                           an entry has an attendance row of any status in the workshop of the
                           placement. Present days are counted in the same window, over all
                           workshops. None when no working day has an entry.
  not_entered_days         working days (as above) without any entry: nobody typed the day in yet.
                           They are neither present nor absent, so they are left out of the rate
                           and shown beside it — people admitted on 1 October whose attendance was
                           not typed in yet make no 2% rate. working_days − not_entered_days is the
                           rate's denominator. Exactly Σ present, Σ working days and Σ not-entered
                           days of ``attendance.month_rows`` over the months and workshops (given the
                           same as_of; month_rows would also count a day marked present ahead of
                           as_of, which this rate leaves out).
  leavers_after            where the period's leavers (each person once, by their latest exit in the
                           period, deaths aside) are 3, 6 and 12 months after it: open market, social
                           cooperative, ZAZ, education, not employed, unknown, not yet due — defined in
                           ``services/pathway.py``. The whole facility only, not per workshop.

The waiting list (the whole facility only; ``services/waiting_list.py`` defines "waiting on a day"):
  applicants_waiting       people waiting on the period's last day up to as_of (min(end, as_of)): applied by
                           then, not admitted by then, the application not closed by then.
  median_wait_days         the median of their days waited (that day − application_date); None when nobody
                           waits (with an even count the mean of the two middle ones).
  longest_wait_days        the longest of those waits; None likewise.
  median_wait_admitted_days
                           of those admitted within the period who have an application date, the median of
                           admission_date − application_date in days; None when there is none.
A closed application (no admission, exit_date and exit_reason set) is never an exit: every figure above
counts admitted people only.

Per workshop (``by_workshop``, workshop name → the same figures) a person belongs to a
workshop through their placements:
  participants / stays / active_at_end
                                 people / stays with placements in the workshop overlapping the
                                 period / stays placed there on its last day (and still going on);
  admitted, readmitted           the workshop of the stay's first placement (even when that
                                 placement starts after the period);
  exited, exits_by_reason, completed, completed_not_in_education, employed_*, retained_6_months,
  six_months_passed              the workshop of the last placement, the one at exit;
  attendance_rate, not_entered_days
                                 the workshop's placements and the attendance recorded there.
A person who moved between workshops counts in each of them; a person never placed counts in
the facility's figures only. So the workshops need not add up to the facility's figures.
Every workshop with anyone counted in it is listed, in Polish alphabetical order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from reintegra.db.enums import EXIT_REASONS, PRESENT_STATUSES, EmploymentStatus, ExitReason, Programme
from reintegra.db.models import AttendanceDay, FollowUp, Participant, Placement, User, Workshop
from reintegra.i18n import _
from reintegra.services import access, calendar, pathway, waiting_list
from reintegra.services.collation import polish_key
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError

# Exits into work (the open market, a social cooperative, a ZAZ) and exits that did not complete the
# programme (a death is left out of the completion rate altogether): as ``EXIT_REASONS`` describes them.
WORK_EXIT_REASONS = frozenset(reason for reason, info in EXIT_REASONS.items() if info.to_work)
NOT_COMPLETED_REASONS = frozenset(reason for reason, info in EXIT_REASONS.items() if not info.completed)
OUTCOME_MONTHS = 6
EMPLOYED_STATUSES = tuple(status for status in EmploymentStatus if status.is_employed)
# employed_within_90_days (the ESF employment-effectiveness measure): exits to the labour market and
# the follow-up statuses that are work there; a ZAZ is a programme of its own, the next stay.
EMPLOYMENT_DAYS = 90
EDUCATION_REASONS = frozenset({ExitReason.TRAINING})
LABOUR_MARKET_REASONS = frozenset({ExitReason.EMPLOYMENT, ExitReason.SOCIAL_COOPERATIVE, ExitReason.OWN_BUSINESS})
LABOUR_MARKET_STATUSES = frozenset({EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED,
                                    EmploymentStatus.SOCIAL_COOPERATIVE})


def attendance_rate(present: int, working_days: int, not_entered_days: int = 0) -> float | None:
    """Days present ÷ working days with an entry: the one attendance rate of Reintegra (the module
    docstring); None when no working day has an entry."""
    entered = working_days - not_entered_days
    return present / entered if entered > 0 else None


def attendance_percent(present: int, working_days: int, not_entered_days: int = 0) -> Decimal | None:
    """``attendance_rate`` as a percentage with one decimal rounded half up, counted exactly (as the
    attendance CSV, the sheet and the participant report write it; float and Babel would round half even)."""
    entered = working_days - not_entered_days
    if entered <= 0:
        return None
    return (Decimal(present) * 100 / Decimal(entered)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _no_exits() -> dict[ExitReason, int]:
    return {reason: 0 for reason in EXIT_REASONS}


@dataclass(kw_only=True)
class Figures:
    """The counts of one period, for the whole facility or for one workshop."""

    participants: int = 0
    stays: int = 0
    active_at_end: int = 0
    admitted: int = 0
    readmitted: int = 0
    exited: int = 0
    exits_by_reason: dict[ExitReason, int] = field(default_factory=_no_exits)
    completed: int = 0
    employed_at_exit: int = 0
    completed_not_in_education: int = 0
    employed_within_90_days: int = 0
    retention_base: int = 0
    retained_6_months: int = 0
    employed_after_6_months: int = 0
    six_months_passed: int = 0
    present_days: int = 0
    working_days: int = 0
    not_entered_days: int = 0

    @property
    def attendance_rate(self) -> float | None:
        return attendance_rate(self.present_days, self.working_days, self.not_entered_days)

    @property
    def entered_days(self) -> int:
        """The working days with an entry: the attendance rate's denominator."""
        return self.working_days - self.not_entered_days

    @property
    def employed_within_3_months(self) -> int:
        """The earlier name of employed_within_90_days, kept in the JSON."""
        return self.employed_within_90_days

    @property
    def employment_rate(self) -> float | None:
        """employed_within_90_days ÷ completed_not_in_education."""
        return _share(self.employed_within_90_days, self.completed_not_in_education)

    @property
    def retention_rate(self) -> float | None:
        return _share(self.retained_6_months, self.retention_base)

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
            "employed_within_90_days": self.employed_within_90_days,
            "completed_not_in_education": self.completed_not_in_education,
            "retained_6_months": self.retained_6_months,
            "retention_rate": _rounded(self.retention_rate),
            "not_entered_days": self.not_entered_days,
            # issue 14's stays, after the keys that were there before
            "stays": self.stays,
            "readmitted": self.readmitted,
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


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


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
    applicants_waiting: int = 0
    median_wait_days: float | None = None
    longest_wait_days: int | None = None
    median_wait_admitted_days: float | None = None
    leavers_after: pathway.LeaversAfter | None = None  # the path after (services/pathway.py)
    programme: Programme | None = None  # only this programme's stays counted (facility_summary)

    @property
    def counted_until(self) -> date:
        """The last day the attendance rate looks at."""
        return min(self.end, self.as_of)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "generated": self.generated.isoformat(timespec="seconds"),
            **super().to_json_dict(),
            "applicants_waiting": self.applicants_waiting,
            "median_wait_days": self.median_wait_days,
            "longest_wait_days": self.longest_wait_days,
            "median_wait_admitted_days": self.median_wait_admitted_days,
            "leavers_after": self.leavers_after.to_json_dict() if self.leavers_after is not None else None,
            "by_workshop": {name: figures.to_json_dict() for name, figures in self.by_workshop.items()},
        }


@dataclass
class _Exit:
    """One recorded exit of the period and what is known after it."""

    person: str  # PESEL, or the id when there is none: whom the people's figures count once
    reason: ExitReason
    six_months_passed: bool  # by the period's end: employed_after_6_months
    retention_due: bool = False  # six months passed by as_of: the retention base
    employed_after_6_months: bool = False  # the 6-month contact records employment (a ZAZ too)
    employed_within_90_days: bool = False
    retained_6_months: bool = False  # the 6-month contact records work on the labour market

    @property
    def completed_not_in_education(self) -> bool:
        return self.reason not in NOT_COMPLETED_REASONS and self.reason not in EDUCATION_REASONS


def facility_summary(session: Session, start: date, end: date, *, as_of: date | None = None,
                     actor: User | None = None, programme: Programme | None = None) -> FacilitySummary:
    """The facility's figures for [start, end] as the module docstring defines them.

    ``programme``: only the stays of that programme count (every figure, attendance included: the
    attendance of those stays), for the annual report of a facility running several programmes; the
    waiting list's figures and ``leavers_after`` are then not computed (0 and None).

    They cover everyone, so an instructor is refused them (``access.require_whole_facility``): even
    a count of a handful of exits tells about people outside their workshops."""
    access.require_whole_facility(actor)
    if end < start:
        raise ValidationError("end", _("The period ends before it starts."))
    summary = FacilitySummary(start=start, end=end, as_of=as_of or date.today(),
                              generated=datetime.now().replace(microsecond=0), programme=programme)
    _count_people(session, summary)
    exits = _exits(session, start, end, summary.as_of, programme)
    _count_exits(summary, exits.values())
    if programme is None:
        summary.leavers_after = pathway.leavers_after(session, start, end, as_of=summary.as_of)

    workshops: dict[int, Figures] = defaultdict(Figures)
    _by_placements(session, summary, workshops)
    _by_first_and_last_placement(session, summary, workshops, exits)
    present = _present_days(session, start, summary.counted_until, programme)
    summary.present_days = sum(present.values())
    for workshop_id, days in present.items():
        workshops[workshop_id].present_days = days
    for workshop_id, days in _entered_days(session, start, summary.counted_until, programme).items():
        workshops[workshop_id].not_entered_days -= days
        summary.not_entered_days -= days

    names = dict(session.execute(select(Workshop.id, Workshop.name).where(Workshop.id.in_(list(workshops)))).all())
    counted = [(names[wid], figures) for wid, figures in workshops.items()
               if figures.participants or figures.admitted or figures.exited]
    summary.by_workshop = dict(sorted(counted, key=lambda item: polish_key(item[0])))
    if programme is None:
        _count_waiting(session, summary)
    return summary


def _count_waiting(session: Session, summary: FacilitySummary) -> None:
    """The waiting list's figures (the module docstring)."""
    waiting = waiting_list.waiting_figures(session, summary.counted_until)
    summary.applicants_waiting = waiting.applicants_waiting
    summary.median_wait_days, summary.longest_wait_days = waiting.median_wait_days, waiting.longest_wait_days
    summary.median_wait_admitted_days = waiting_list.median_wait_admitted(session, summary.start, summary.end)


def _admitted(programme: Programme | None = None):
    """Admitted stays (of ``programme`` when given)."""
    admitted = Participant.admission_date.is_not(None)
    return admitted if programme is None else and_(admitted, Participant.programme == programme)


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _count_people(session: Session, summary: FacilitySummary) -> None:
    start, end = summary.start, summary.end
    overlapping = and_(Participant.admission_date <= end,
                       or_(Participant.exit_date.is_(None), Participant.exit_date >= start))
    row = session.execute(
        select(
            _count_if(overlapping),
            # NULL for the stays outside the period: COUNT(DISTINCT …) leaves them out.
            func.count(func.distinct(case((overlapping, Participant.person_id)))),
            _count_if(and_(Participant.admission_date <= end,
                           or_(Participant.exit_date.is_(None), Participant.exit_date > end))),
            _count_if(Participant.admission_date.between(start, end)),
        ).where(_admitted(summary.programme))
    ).one()
    summary.stays, summary.participants, summary.active_at_end, summary.admitted = (int(value) for value in row)
    summary.readmitted = len(_readmitted(session, start, end, summary.programme))


def _readmitted(session: Session, start: date, end: date, programme: Programme | None = None) -> set[int]:
    """The stays admitted in [start, end] (of ``programme``) whose person had an earlier admitted stay
    (of any programme)."""
    earlier = aliased(Participant)
    before = (select(earlier.id)
              .where(earlier.person_id == Participant.person_id, earlier.admission_date.is_not(None),
                     earlier.admission_date < Participant.admission_date)
              .exists())
    return set(session.scalars(select(Participant.id).where(
        _admitted(programme), Participant.admission_date.between(start, end), before)))


def _person_key(participant: Participant) -> str:
    """Whom the people's figures count once: the PESEL, or the id when there is none."""
    return participant.pesel or f"id:{participant.id}"


def _exits(session: Session, start: date, end: date, as_of: date,
           programme: Programme | None = None) -> dict[int, _Exit]:
    """The recorded exits of the period by participant id, with what their follow-ups found."""
    exited_in = Participant.exit_date.between(start, end)
    exits = {}
    exit_dates = {}
    for participant in session.scalars(select(Participant).where(_admitted(programme), exited_in)):
        reason = participant.exit_reason or ExitReason.OTHER
        six_months_later = add_months(participant.exit_date, OUTCOME_MONTHS)
        exits[participant.id] = _Exit(
            person=_person_key(participant), reason=reason,
            six_months_passed=reason is not ExitReason.DEATH and six_months_later <= end,
            retention_due=six_months_later <= as_of,
            employed_within_90_days=reason in LABOUR_MARKET_REASONS)
        exit_dates[participant.id] = participant.exit_date
    # Only the contacts of the recorded exit: one that a reopening undid is no exit of the period.
    contacts = session.execute(
        select(FollowUp.participant_id, FollowUp.months_after, FollowUp.contact_date, FollowUp.employment_status)
        .join(Participant, and_(Participant.id == FollowUp.participant_id,
                                Participant.exit_date == FollowUp.exit_date))
        .where(_admitted(programme), exited_in, FollowUp.contact_date.is_not(None),
               FollowUp.employment_status.in_(EMPLOYED_STATUSES))
    ).all()
    for pid, months, contact_date, status in contacts:
        exit_ = exits[pid]
        labour_market = status in LABOUR_MARKET_STATUSES
        if labour_market and (contact_date - exit_dates[pid]).days <= EMPLOYMENT_DAYS:
            exit_.employed_within_90_days = True
        if months == OUTCOME_MONTHS:
            exit_.employed_after_6_months = exit_.six_months_passed
            exit_.retained_6_months = labour_market
    return exits


def _count_exits(figures: Figures, exits: Iterable[_Exit]) -> None:
    """Adds the exits to ``figures``; the figures about people count each person (PESEL) once."""
    completers, employed, due, retained = set(), set(), set(), set()
    for exit_ in exits:
        figures._count_exit(exit_)
        if not exit_.completed_not_in_education:
            continue
        completers.add(exit_.person)
        if exit_.employed_within_90_days:
            employed.add(exit_.person)
            if exit_.retention_due:
                due.add(exit_.person)
                if exit_.retained_6_months:
                    retained.add(exit_.person)
    figures.completed_not_in_education = len(completers)
    figures.employed_within_90_days = len(employed)
    figures.retention_base = len(due)
    figures.retained_6_months = len(retained)


def _by_placements(session: Session, summary: FacilitySummary, workshops: dict[int, Figures]) -> None:
    """participants, active_at_end and working days per workshop; working days of the facility."""
    start, end, until = summary.start, summary.end, summary.counted_until
    rows = session.execute(
        select(Placement.participant_id, Placement.workshop_id, Placement.start_date, Placement.end_date,
               Participant.exit_date, Participant.person_id)
        .join(Participant, Participant.id == Placement.participant_id)
        .where(_admitted(summary.programme), Placement.start_date <= end,
               or_(Placement.end_date.is_(None), Placement.end_date >= start))
    ).all()
    present_in: dict[int, set[int]] = defaultdict(set)
    people_in: dict[int, set[int]] = defaultdict(set)
    active_in: dict[int, set[int]] = defaultdict(set)
    for pid, wid, p_start, p_end, exit_date, person_id in rows:
        present_in[wid].add(pid)
        people_in[wid].add(person_id)
        if (p_end is None or p_end >= end) and (exit_date is None or exit_date > end):
            active_in[wid].add(pid)
        # The same sum as attendance.month_rows, month by month: working days are additive.
        days = calendar.count_working_days(max(start, p_start), min(until, p_end or until))
        workshops[wid].working_days += days
        summary.working_days += days
        # Every working day is not entered until _entered_days finds its entry.
        workshops[wid].not_entered_days += days
        summary.not_entered_days += days
    for wid, stays in present_in.items():
        workshops[wid].stays = len(stays)
        workshops[wid].participants = len(people_in[wid])
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
        .where(_admitted(summary.programme), or_(admitted_in, exited_in))
        .order_by(Placement.participant_id, Placement.start_date, Placement.id)
    ).all()
    for pid, wid in placements:
        first.setdefault(pid, wid)
        last[pid] = wid
    admitted_people = session.scalars(select(Participant.id).where(_admitted(summary.programme), admitted_in)).all()
    readmitted = _readmitted(session, start, end, summary.programme) if summary.readmitted else set()
    for pid in admitted_people:
        if pid in first:
            workshops[first[pid]].admitted += 1
            if pid in readmitted:
                workshops[first[pid]].readmitted += 1
    exits_in: dict[int, list[_Exit]] = defaultdict(list)
    for pid, exit_ in exits.items():
        if pid in last:
            exits_in[last[pid]].append(exit_)
    for wid, workshop_exits in exits_in.items():
        _count_exits(workshops[wid], workshop_exits)


def _present_days(session: Session, start: date, until: date,
                  programme: Programme | None = None) -> dict[int, int]:
    """Days marked present per workshop from start to until (an SQL count, not a loop over rows); of the
    stays of ``programme`` when given."""
    if until < start:
        return {}
    query = (select(AttendanceDay.workshop_id, func.count())
             .where(AttendanceDay.status.in_(PRESENT_STATUSES), AttendanceDay.day.between(start, until))
             .group_by(AttendanceDay.workshop_id))
    if programme is not None:
        query = query.join(Participant, Participant.id == AttendanceDay.participant_id).where(
            Participant.programme == programme)
    rows = session.execute(query).all()
    return {wid: int(count) for wid, count in rows}


def _entered_days(session: Session, start: date, until: date,
                  programme: Programme | None = None) -> dict[int, int]:
    """Working days with an entry per workshop from start to until: attendance rows of admitted people on
    working days inside one of their placements in the row's workshop — the days ``_by_placements``
    counted. Placements first, each one's rows by the (participant, day) index; read grouped by day (a few
    thousand rows for ten years), the holidays checked here."""
    if until < start:
        return {}
    rows = session.execute(
        select(AttendanceDay.workshop_id, AttendanceDay.day, func.count())
        .select_from(Placement)
        .join(Participant, Participant.id == Placement.participant_id)
        .join(AttendanceDay, and_(AttendanceDay.participant_id == Placement.participant_id,
                                  AttendanceDay.workshop_id == Placement.workshop_id,
                                  AttendanceDay.day >= Placement.start_date,
                                  or_(Placement.end_date.is_(None), AttendanceDay.day <= Placement.end_date)))
        .where(_admitted(programme), Placement.start_date <= until,
               or_(Placement.end_date.is_(None), Placement.end_date >= start),
               AttendanceDay.day.between(start, until))
        .group_by(AttendanceDay.workshop_id, AttendanceDay.day)
    ).all()
    entered: dict[int, int] = defaultdict(int)
    for wid, day, count in rows:
        if calendar.is_working_day(day):
            entered[wid] += int(count)
    return entered
