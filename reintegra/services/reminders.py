"""What needs doing today (the start page): each kind of reminder is one or two set-based queries
over the people taking part today, never a query per person.

Who is "taking part today": admitted on or before today and not exited by today (``exit_date``
None or later than today: on the day of the exit there is nothing left to plan); anonymised
people never appear.

  attendance          workshop-days with someone's attendance missing, yesterday and the
                      RECENT_DAYS before it (today is still going on), one line per workshop;
  plan_missing        taking part for PLAN_GRACE_DAYS or more, and no plan covers today;
  plan_review         the plan covering today has its next review within DUE_SOON_DAYS (or
                      past); in a WTZ also the programme council's comprehensive review, due
                      COUNCIL_REVIEW_YEARS after the last one (or after the first plan's start);
  assessment          the next periodic assessment (``assessments.next_assessment_due``) within
                      DUE_SOON_DAYS or past;
  certificate         a disability certificate, not permanent, valid until a day within
                      CERTIFICATE_DAYS (or already expired);
  follow_up           a follow-up contact of the current exit, not made, due within
                      DUE_SOON_DAYS or past (people who have exited, so not "taking part");
  trial_decision      CIS/KIS: the trial month ends within TRIAL_DECISION_DAYS (or has ended) and
                      no decision is recorded (services/cis_clock.py);
  participation_end   CIS/KIS participation whose planned end — the 12-month end, or the extended
                      end after an extension; 12 months after the admission when none is recorded —
                      is within PARTICIPATION_END_DAYS (or past) while the person still takes part;
  no_workshop         taking part but placed in no workshop today.

An instructor sees the attendance of their own workshops and the assessments of the people placed
in them today — never a line naming someone they may not reach (``access.reachable_ids``); a
director and an administrator see everything.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import Programme, ReviewKind, Role
from reintegra.db.models import (
    Assessment,
    FollowUp,
    IndividualPlan,
    Participant,
    PlanReview,
    Placement,
    User,
    Workshop,
)
from reintegra.services import access, assessments, attendance, attendance_gaps, cis_clock, plans
from reintegra.services.collation import polish_key
from reintegra.services.dates import add_months
from reintegra.services.participants import taking_part_on

DUE_SOON_DAYS = plans.DUE_SOON_DAYS
CERTIFICATE_DAYS = 60
PARTICIPATION_END_DAYS = 30
TRIAL_DECISION_DAYS = 7
PLAN_GRACE_DAYS = 30
RECENT_DAYS = attendance_gaps.RECENT_DAYS


class ReminderKind(str, enum.Enum):
    ATTENDANCE = "attendance"
    PLAN_MISSING = "plan_missing"
    PLAN_REVIEW = "plan_review"
    ASSESSMENT = "assessment"
    CERTIFICATE = "certificate"
    FOLLOW_UP = "follow_up"
    TRIAL_DECISION = "trial_decision"
    PARTICIPATION_END = "participation_end"
    NO_WORKSHOP = "no_workshop"


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    due: date  # when it is (or was) due; for attendance the oldest day missing
    participant_id: int | None = None
    name: str = ""  # "Last First" of the participant, or the workshop's name
    workshop_id: int | None = None
    days: tuple[date, ...] = ()  # attendance: the days missing, oldest first
    review_kind: ReviewKind | None = None  # plan_review: periodic or the council's
    months_after: int | None = None  # follow_up: 3, 6 or 12
    follow_up_id: int | None = None
    extended: bool = False  # participation_end: the end of an extension, not the 12-month one

    def is_overdue(self, today: date) -> bool:
        """Past its day (what is due today is not late yet); missing attendance always is."""
        return self.kind is ReminderKind.ATTENDANCE or self.due < today


@dataclass
class Reminders:
    today: date
    items: dict[ReminderKind, list[Reminder]] = field(default_factory=dict)

    def of(self, kind: ReminderKind) -> list[Reminder]:
        return self.items.get(kind, [])

    def __len__(self) -> int:
        return sum(len(found) for found in self.items.values())


def reminders_for(session: Session, actor: User | None, today: date | None = None) -> Reminders:
    """Everything due for ``actor`` on ``today``, each kind ordered by due date then name."""
    today = today or date.today()
    found = Reminders(today)
    instructor = actor is not None and actor.role is Role.INSTRUCTOR
    workshop_ids = [w.id for w in attendance.workshops_for(session, actor)] if instructor else None
    found.items[ReminderKind.ATTENDANCE] = _attendance(session, today, workshop_ids)
    found.items[ReminderKind.ASSESSMENT] = _assessments(session, today, workshop_ids)
    if not instructor:
        found.items[ReminderKind.PLAN_MISSING] = _plans_missing(session, today)
        found.items[ReminderKind.PLAN_REVIEW] = _plan_reviews(session, today)
        found.items[ReminderKind.CERTIFICATE] = _certificates(session, today)
        found.items[ReminderKind.FOLLOW_UP] = _follow_ups(session, today)
        found.items[ReminderKind.TRIAL_DECISION] = _trial_decisions(session, today)
        found.items[ReminderKind.PARTICIPATION_END] = _participation_ends(session, today)
        found.items[ReminderKind.NO_WORKSHOP] = _no_workshop(session, today)
    reachable = access.reachable_ids(session, actor, today)
    if reachable is not None:  # need-to-know: whatever a kind's query, no line about anyone else
        found.items = {kind: [item for item in items if item.participant_id is None
                              or item.participant_id in reachable]
                       for kind, items in found.items.items()}
    found.items = {kind: _ordered(found.items[kind]) for kind in ReminderKind if found.items.get(kind)}
    return found


def _ordered(items: list[Reminder]) -> list[Reminder]:
    return sorted(items, key=lambda item: (item.due, polish_key(item.name)))


def _taking_part(today: date):
    return and_(taking_part_on(today), Participant.anonymised_at.is_(None))


def _sort_name():
    return Participant.last_name, Participant.first_name


def _name(last: str, first: str) -> str:
    return f"{last} {first}"


def _placed_today(today: date):
    return exists().where(Placement.participant_id == Participant.id, Placement.start_date <= today,
                          or_(Placement.end_date.is_(None), Placement.end_date >= today))


def _attendance(session: Session, today: date, workshop_ids: Iterable[int] | None) -> list[Reminder]:
    yesterday = today - timedelta(days=1)
    if workshop_ids is None:
        workshop_ids = list(session.scalars(select(Workshop.id).where(Workshop.active.is_(True))))
    gaps = attendance_gaps.gaps_by_workshop(session, yesterday - timedelta(days=RECENT_DAYS - 1), yesterday,
                                            workshop_ids)
    if not gaps:
        return []
    names = dict(session.execute(select(Workshop.id, Workshop.name).where(Workshop.id.in_(list(gaps)))).all())
    return [Reminder(ReminderKind.ATTENDANCE, days[0], name=names[wid], workshop_id=wid, days=tuple(days))
            for wid, days in gaps.items()]


def _assessments(session: Session, today: date, workshop_ids: list[int] | None) -> list[Reminder]:
    last = (select(Assessment.participant_id, func.max(Assessment.day).label("day"))
            .group_by(Assessment.participant_id).subquery())
    query = (select(Participant.id, Participant.last_name, Participant.first_name, Participant.admission_date,
                    last.c.day)
             .outerjoin(last, last.c.participant_id == Participant.id)
             .where(_taking_part(today)))
    if workshop_ids is not None:
        query = query.where(exists().where(
            Placement.participant_id == Participant.id, Placement.workshop_id.in_(workshop_ids),
            Placement.start_date <= today, or_(Placement.end_date.is_(None), Placement.end_date >= today)))
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    found = []
    for pid, last_name, first_name, admitted, last_day in session.execute(query):
        due = assessments.next_assessment_due(admitted, last_day)
        if due <= horizon:
            found.append(Reminder(ReminderKind.ASSESSMENT, due, pid, _name(last_name, first_name)))
    return found


def _plan_covers(today: date):
    """The council reviews a current plan; without one, "plan missing" says what to do first."""
    return exists().where(IndividualPlan.participant_id == Participant.id, IndividualPlan.start_date <= today,
                          or_(IndividualPlan.end_date.is_(None), IndividualPlan.end_date >= today))


def _plans_missing(session: Session, today: date) -> list[Reminder]:
    covering = _plan_covers(today)
    last_end = (select(IndividualPlan.participant_id, func.max(IndividualPlan.end_date).label("end"))
                .group_by(IndividualPlan.participant_id).subquery())
    rows = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, Participant.admission_date,
               last_end.c.end)
        .outerjoin(last_end, last_end.c.participant_id == Participant.id)
        .where(_taking_part(today), ~covering,
               Participant.admission_date <= today - timedelta(days=PLAN_GRACE_DAYS))
    ).all()
    found = []
    for pid, last_name, first_name, admitted, ended in rows:
        # Due since the last plan ended, or since the grace period after admission ran out.
        due = ended + timedelta(days=1) if ended and ended < today else admitted + timedelta(days=PLAN_GRACE_DAYS)
        found.append(Reminder(ReminderKind.PLAN_MISSING, due, pid, _name(last_name, first_name)))
    return found


def _plan_reviews(session: Session, today: date) -> list[Reminder]:
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    rows = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, IndividualPlan.next_review_date)
        .join(IndividualPlan, IndividualPlan.participant_id == Participant.id)
        .where(_taking_part(today), IndividualPlan.start_date <= today,
               or_(IndividualPlan.end_date.is_(None), IndividualPlan.end_date >= today),
               IndividualPlan.next_review_date <= horizon)
    ).all()
    found = [Reminder(ReminderKind.PLAN_REVIEW, due, pid, _name(last, first), review_kind=ReviewKind.PERIODIC)
             for pid, last, first, due in rows]
    return found + _council_reviews(session, today)


def _council_reviews(session: Session, today: date) -> list[Reminder]:
    """WTZ: the programme council reviews each programme comprehensively at least every three years."""
    last_council = (select(IndividualPlan.participant_id, func.max(PlanReview.day).label("day"))
                    .join(PlanReview, PlanReview.plan_id == IndividualPlan.id)
                    .where(PlanReview.kind == ReviewKind.COUNCIL)
                    .group_by(IndividualPlan.participant_id).subquery())
    first_plan = (select(IndividualPlan.participant_id, func.min(IndividualPlan.start_date).label("start"))
                  .group_by(IndividualPlan.participant_id).subquery())
    rows = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, last_council.c.day,
               first_plan.c.start)
        .join(first_plan, first_plan.c.participant_id == Participant.id)
        .outerjoin(last_council, last_council.c.participant_id == Participant.id)
        .where(_taking_part(today), Participant.programme == Programme.WTZ, _plan_covers(today))
    ).all()
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    found = []
    for pid, last_name, first_name, council_day, first_start in rows:
        due = add_months(council_day or first_start, 12 * plans.COUNCIL_REVIEW_YEARS)
        if due <= horizon:
            found.append(Reminder(ReminderKind.PLAN_REVIEW, due, pid, _name(last_name, first_name),
                                  review_kind=ReviewKind.COUNCIL))
    return found


def _certificates(session: Session, today: date) -> list[Reminder]:
    rows = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, Participant.certificate_valid_until)
        .where(_taking_part(today), Participant.certificate_permanent.is_(False),
               Participant.certificate_valid_until <= today + timedelta(days=CERTIFICATE_DAYS))
    ).all()
    return [Reminder(ReminderKind.CERTIFICATE, until, pid, _name(last, first)) for pid, last, first, until in rows]


def _follow_ups(session: Session, today: date) -> list[Reminder]:
    rows = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, FollowUp.id, FollowUp.due_date,
               FollowUp.months_after)
        .join(FollowUp, and_(FollowUp.participant_id == Participant.id, FollowUp.exit_date == Participant.exit_date))
        .where(FollowUp.contact_date.is_(None), FollowUp.due_date <= today + timedelta(days=DUE_SOON_DAYS),
               Participant.anonymised_at.is_(None))
    ).all()
    # Only the earliest contact of each person: the later ones follow from it.
    earliest: dict[int, Reminder] = {}
    for pid, last, first, follow_up_id, due, months in rows:
        if pid not in earliest or due < earliest[pid].due:
            earliest[pid] = Reminder(ReminderKind.FOLLOW_UP, due, pid, _name(last, first), months_after=months,
                                     follow_up_id=follow_up_id)
    return list(earliest.values())


def _trial_decisions(session: Session, today: date) -> list[Reminder]:
    rows = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, Participant.trial_end_date)
        .where(_taking_part(today), Participant.programme.in_(cis_clock.CLOCK_PROGRAMMES),
               Participant.trial_decision.is_(None),
               Participant.trial_end_date <= today + timedelta(days=TRIAL_DECISION_DAYS))
    ).all()
    return [Reminder(ReminderKind.TRIAL_DECISION, end, pid, _name(last, first)) for pid, last, first, end in rows]


def _participation_ends(session: Session, today: date) -> list[Reminder]:
    horizon = today + timedelta(days=PARTICIPATION_END_DAYS)
    # A stay recorded without a planned end ends 12 months after its admission: a few days' margin
    # (months differ in length) for the SQL, the exact end is worked out below.
    admitted_by = add_months(horizon, -cis_clock.PERIOD_MONTHS) + timedelta(days=4)
    rows = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, Participant.planned_end_date,
               Participant.admission_date, Participant.extension_date)
        .where(_taking_part(today), Participant.programme.in_(cis_clock.CLOCK_PROGRAMMES),
               or_(Participant.planned_end_date <= horizon,
                   and_(Participant.planned_end_date.is_(None), Participant.admission_date <= admitted_by)))
    ).all()
    found = []
    for pid, last, first, end, admitted, extended_on in rows:
        end = end or cis_clock.default_planned_end(admitted)
        if end <= horizon:
            found.append(Reminder(ReminderKind.PARTICIPATION_END, end, pid, _name(last, first),
                                  extended=extended_on is not None))
    return found


def _no_workshop(session: Session, today: date) -> list[Reminder]:
    last_placement = (select(Placement.participant_id, func.max(Placement.end_date).label("end"))
                      .group_by(Placement.participant_id).subquery())
    rows = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, Participant.admission_date,
               last_placement.c.end)
        .outerjoin(last_placement, last_placement.c.participant_id == Participant.id)
        .where(_taking_part(today), ~_placed_today(today))
    ).all()
    found = []
    for pid, last_name, first_name, admitted, ended in rows:
        due = ended + timedelta(days=1) if ended and ended < today else admitted
        found.append(Reminder(ReminderKind.NO_WORKSHOP, due, pid, _name(last_name, first_name)))
    return found


def counts(reminders: Reminders) -> dict[ReminderKind, int]:
    """How many lines of each kind (attendance counts the missing days, not the workshops)."""
    result: dict[ReminderKind, int] = defaultdict(int)
    for kind, items in reminders.items.items():
        result[kind] = sum(len(item.days) for item in items) if kind is ReminderKind.ATTENDANCE else len(items)
    return dict(result)
