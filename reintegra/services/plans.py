"""Individual plans (IPR in a WTZ, IPZS in a CIS or KIS): their periods, goals and reviews.

WTZ practice: the results are reviewed with the participant every 6 months, and the programme
council reviews the programme comprehensively at least every 3 years, with its decision.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, GoalStatus, PlanKind, Programme, ReviewKind, Role, SkillGroup
from reintegra.db.models import IndividualPlan, Participant, PlanGoal, PlanReview, User
from reintegra.i18n import _, format_date
from reintegra.services import access, audit
from reintegra.services.dates import add_months
from reintegra.services.records import for_update, get_or_gone
from reintegra.services.errors import ValidationError
from reintegra.services.participants import get_participant
from reintegra.services.users import require_role
from reintegra.services.validation import Checks, not_in_future

REVIEW_INTERVAL_MONTHS = 6
COUNCIL_REVIEW_YEARS = 3
DUE_SOON_DAYS = 14
MAX_TEXT_LENGTH = 10_000

_KINDS = {Programme.WTZ: PlanKind.IPR, Programme.ZAZ: PlanKind.IPR,
          Programme.CIS: PlanKind.IPZS, Programme.KIS: PlanKind.IPZS}


def plan_kind_for(programme: Programme) -> PlanKind:
    """IPR for rehabilitation (WTZ, ZAZ), IPZS for social employment (CIS, KIS)."""
    return _KINDS[Programme(programme)]


@dataclass
class PlanFields:
    """What the plan form sets. ``next_review_date`` None on a new plan means the default:
    REVIEW_INTERVAL_MONTHS after the start (the end, when the plan is shorter)."""

    start: date | None = None
    end: date | None = None
    forms_and_scope: str = ""
    methods: str = ""
    family_cooperation: str = ""
    planned_results: str = ""
    activities: str = ""
    responsible: str = ""
    next_review_date: date | None = None
    kind: PlanKind | None = None  # None: as it was, or on a new plan from the participant's programme


@dataclass
class GoalFields:
    area: SkillGroup
    description: str
    target_date: date | None = None
    status: GoalStatus = GoalStatus.PLANNED


@dataclass(frozen=True)
class GoalRow:
    id: int
    plan_id: int
    area: SkillGroup
    description: str
    target_date: date | None
    status: GoalStatus
    version: int

    @property
    def fields(self) -> GoalFields:
        return GoalFields(self.area, self.description, self.target_date, self.status)


@dataclass(frozen=True)
class ReviewRow:
    id: int
    plan_id: int
    day: date
    kind: ReviewKind
    conclusion: str
    decision: str
    reviewer: str
    version: int


@dataclass(frozen=True)
class PlanRow:
    id: int
    participant_id: int
    kind: PlanKind
    start: date
    end: date | None
    forms_and_scope: str
    methods: str
    family_cooperation: str
    planned_results: str
    activities: str
    responsible: str
    next_review_date: date | None
    version: int
    goals: tuple[GoalRow, ...] = ()
    reviews: tuple[ReviewRow, ...] = ()  # newest first

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def fields(self) -> PlanFields:
        return PlanFields(**{f.name: getattr(self, f.name) for f in fields(PlanFields)})


class ReviewState(str, enum.Enum):
    NOT_DUE = "not_due"
    DUE_SOON = "due_soon"  # within DUE_SOON_DAYS
    OVERDUE = "overdue"  # due today or earlier


# -- plans --------------------------------------------------------------------------------------


def create_plan(session: Session, participant_id: int, values: PlanFields, *, actor: User | None = None
                ) -> IndividualPlan:
    require_role(actor, Role.DIRECTOR)
    participant = get_participant(session, participant_id, actor=actor)
    cleaned = _clean_plan(session, participant, values, own=None)
    if cleaned["next_review_date"] is None:
        cleaned["next_review_date"] = default_next_review(cleaned["start_date"], cleaned["end_date"])
    plan = IndividualPlan(participant_id=participant_id, **cleaned)
    session.add(plan)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "individual_plan", plan.id,
                 {"participant_id": participant_id, "kind": plan.kind, "start_date": plan.start_date,
                  "end_date": plan.end_date})
    return plan


def update_plan(session: Session, plan_id: int, expected_version: int, values: PlanFields, *,
                actor: User | None = None) -> IndividualPlan:
    """Changes the plan; ``next_review_date`` None means no review is planned."""
    require_role(actor, Role.DIRECTOR)
    plan = for_update(session, IndividualPlan, plan_id, expected_version)
    participant = get_participant(session, plan.participant_id, actor=actor)
    cleaned = _clean_plan(session, participant, values, own=plan)
    changes = audit.diff(plan, cleaned)
    for name, value in cleaned.items():
        setattr(plan, name, value)
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "individual_plan", plan.id, changes)
    return plan


def delete_plan(session: Session, plan_id: int, expected_version: int, *, actor: User | None = None) -> None:
    """Removes a plan entered by mistake, with its goals and reviews."""
    require_role(actor, Role.DIRECTOR)
    plan = for_update(session, IndividualPlan, plan_id, expected_version)
    access.require_participant(session, actor, plan.participant_id)
    audit.record(session, actor, AuditAction.DELETE, "individual_plan", plan.id,
                 {"participant_id": plan.participant_id, "kind": plan.kind, "start_date": plan.start_date,
                  "end_date": plan.end_date})
    session.delete(plan)
    session.flush()


def default_next_review(start: date, end: date | None) -> date:
    """REVIEW_INTERVAL_MONTHS after the start, or the plan's end when it ends sooner."""
    review = add_months(start, REVIEW_INTERVAL_MONTHS)
    return min(review, end) if end is not None else review


def check_plan(session: Session, participant_id: int, values: PlanFields, *, plan_id: int | None = None,
               actor: User | None = None) -> None:
    """What ``create_plan`` (or, with ``plan_id``, ``update_plan``) would refuse, every field at
    once, writing nothing."""
    participant = get_participant(session, participant_id, actor=actor)
    own = get_or_gone(session, IndividualPlan, plan_id) if plan_id is not None else None
    _clean_plan(session, participant, values, own=own)


def _clean_plan(session: Session, participant: Participant, values: PlanFields,
                own: IndividualPlan | None) -> dict:
    if participant.admission_date is None:
        raise ValidationError("start", _("{name} is on the waiting list; a plan can be drawn up only after the "
                                         "admission.").format(name=participant.full_name))
    checks = Checks()
    start, end = values.start, values.end
    with checks.field():
        if start is None:
            raise ValidationError("start", _("The start of the plan is required."))
        if start < participant.admission_date:
            raise ValidationError("start", _("The plan cannot start before the admission ({date}).").format(
                date=format_date(participant.admission_date)))
        if participant.exit_date is not None and start > participant.exit_date:
            raise ValidationError("start", _("The plan cannot start after the exit ({date}).").format(
                date=format_date(participant.exit_date)))
    with checks.field():
        if start is not None and end is not None and end < start:
            raise ValidationError("end", _("The plan cannot end before it starts ({date}).").format(
                date=format_date(start)))
    if start is not None and not checks.failed("start", "end"):
        with checks.field():
            _check_no_overlap(session, participant.id, start, end, own.id if own else None)
        if own is not None:
            with checks.field():
                _check_contents_inside(session, own.id, start, end)
    review = values.next_review_date
    with checks.field():  # against a start or end already refused, the review would only repeat it
        if review is not None and start is not None and review < start and not checks.failed("start"):
            raise ValidationError("next_review_date", _(
                "The next review cannot be before the plan starts ({date}).").format(date=format_date(start)))
        if review is not None and end is not None and review > end and not checks.failed("end"):
            raise ValidationError("next_review_date", _(
                "The next review cannot be after the plan ends ({date}).").format(date=format_date(end)))
    if values.kind is not None:
        kind = PlanKind(values.kind)
    else:
        kind = own.kind if own is not None else plan_kind_for(participant.programme)
    cleaned = {"start_date": start, "end_date": end, "next_review_date": review, "kind": kind}
    for name in ("forms_and_scope", "methods", "family_cooperation", "planned_results", "activities",
                 "responsible"):
        with checks.field():
            cleaned[name] = _clean_text(name, getattr(values, name))
    checks.raise_any()
    return cleaned


def _check_no_overlap(session: Session, participant_id: int, start: date, end: date | None,
                      own_id: int | None) -> None:
    query = select(IndividualPlan).where(IndividualPlan.participant_id == participant_id)
    if own_id is not None:
        query = query.where(IndividualPlan.id != own_id)
    for other in session.scalars(query.order_by(IndividualPlan.start_date)):
        if (end is None or other.start_date <= end) and (other.end_date is None or start <= other.end_date):
            field = "start" if other.start_date <= start else "end"
            if other.end_date is None:
                raise ValidationError(field, _(
                    "This plan overlaps the plan since {date}, which has no end date; give that plan an end "
                    "date first.").format(date=format_date(other.start_date)))
            raise ValidationError(field, _("This plan overlaps the plan {first} – {last}; one person's plans "
                                           "cannot overlap.").format(first=format_date(other.start_date),
                                                                     last=format_date(other.end_date)))


def _check_contents_inside(session: Session, plan_id: int, start: date, end: date | None) -> None:
    """A new period must still hold the plan's goals' target dates and its reviews."""
    for target in session.scalars(select(PlanGoal.target_date).where(PlanGoal.plan_id == plan_id,
                                                                     PlanGoal.target_date.is_not(None))):
        if target < start or (end is not None and target > end):
            raise ValidationError("end" if end is not None and target > end else "start", _(
                "A goal of this plan has its target date on {date}, outside the new period; change the goal "
                "first.").format(date=format_date(target)))
    first_review = session.scalar(select(func.min(PlanReview.day)).where(PlanReview.plan_id == plan_id))
    if first_review is not None and first_review < start:
        raise ValidationError("start", _("The plan was reviewed on {date}; it cannot start after that.").format(
            date=format_date(first_review)))


def get_plan(session: Session, plan_id: int, *, actor: User | None = None) -> IndividualPlan:
    plan = get_or_gone(session, IndividualPlan, plan_id)
    access.require_participant(session, actor, plan.participant_id)
    return plan


# -- goals --------------------------------------------------------------------------------------


def add_goal(session: Session, plan_id: int, values: GoalFields, *, actor: User | None = None) -> PlanGoal:
    require_role(actor, Role.DIRECTOR)
    plan = get_plan(session, plan_id, actor=actor)
    cleaned = _clean_goal(plan, values)
    last = session.scalar(select(func.max(PlanGoal.position)).where(PlanGoal.plan_id == plan_id))
    goal = PlanGoal(plan_id=plan_id, position=(last if last is not None else -1) + 1, **cleaned)
    session.add(goal)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "plan_goal", goal.id,
                 {"plan_id": plan_id, "area": goal.area, "description": goal.description})
    return goal


def update_goal(session: Session, goal_id: int, expected_version: int, values: GoalFields, *,
                actor: User | None = None) -> PlanGoal:
    require_role(actor, Role.DIRECTOR)
    goal = for_update(session, PlanGoal, goal_id, expected_version)
    access.require_participant(session, actor, goal.plan.participant_id)
    cleaned = _clean_goal(goal.plan, values)
    changes = audit.diff(goal, cleaned)
    for name, value in cleaned.items():
        setattr(goal, name, value)
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "plan_goal", goal.id, changes)
    return goal


def set_goal_status(session: Session, goal_id: int, expected_version: int, status: GoalStatus, *,
                    actor: User | None = None) -> PlanGoal:
    require_role(actor, Role.DIRECTOR)
    goal = for_update(session, PlanGoal, goal_id, expected_version)
    access.require_participant(session, actor, goal.plan.participant_id)
    status = GoalStatus(status)
    if goal.status is not status:
        audit.record(session, actor, AuditAction.UPDATE, "plan_goal", goal.id, {"status": [goal.status, status]})
        goal.status = status
        session.flush()
    return goal


def remove_goal(session: Session, goal_id: int, expected_version: int, *, actor: User | None = None) -> None:
    require_role(actor, Role.DIRECTOR)
    goal = for_update(session, PlanGoal, goal_id, expected_version)
    access.require_participant(session, actor, goal.plan.participant_id)
    audit.record(session, actor, AuditAction.DELETE, "plan_goal", goal.id,
                 {"plan_id": goal.plan_id, "area": goal.area, "description": goal.description})
    session.delete(goal)
    session.flush()


def check_goal(session: Session, plan_id: int, values: GoalFields, *, actor: User | None = None) -> None:
    """What ``add_goal`` or ``update_goal`` would refuse, every field at once, writing nothing."""
    _clean_goal(get_plan(session, plan_id, actor=actor), values)


def _clean_goal(plan: IndividualPlan, values: GoalFields) -> dict:
    checks = Checks()
    description = values.description.strip()
    with checks.field():
        if not description:
            raise ValidationError("description", _("Describe the goal."))
        if len(description) > MAX_TEXT_LENGTH:
            raise ValidationError("description", _("The text is too long (at most {count} characters).").format(
                count=MAX_TEXT_LENGTH))
    target = values.target_date
    with checks.field():
        if target is not None and target < plan.start_date:
            raise ValidationError("target_date", _(
                "The target date cannot be before the plan starts ({date}).").format(
                date=format_date(plan.start_date)))
        if target is not None and plan.end_date is not None and target > plan.end_date:
            raise ValidationError("target_date", _(
                "The target date cannot be after the plan ends ({date}).").format(date=format_date(plan.end_date)))
    checks.raise_any()
    return {"area": SkillGroup(values.area), "description": description, "target_date": target,
            "status": GoalStatus(values.status)}


# -- reviews ------------------------------------------------------------------------------------


def add_review(session: Session, plan_id: int, day: date, kind: ReviewKind, conclusion: str, decision: str = "",
               next_review_date: date | None = None, *, actor: User | None = None,
               today: date | None = None) -> PlanReview:
    """Records a review; the plan's next review moves to ``next_review_date``, or by default
    REVIEW_INTERVAL_MONTHS after ``day`` (none when that is past the plan's end)."""
    require_role(actor, Role.DIRECTOR)
    plan = get_plan(session, plan_id, actor=actor)
    cleaned = _clean_review(plan, day, kind, conclusion, decision, today or date.today(),
                            next_review_date=next_review_date)
    latest = session.scalar(select(func.max(PlanReview.day)).where(PlanReview.plan_id == plan_id))
    if latest is None or day >= latest:
        plan.next_review_date = _next_review(plan, day, next_review_date)
    # A review entered late, older than one already recorded, leaves the next review where it is.
    review = PlanReview(plan_id=plan_id, reviewer_id=actor.id if actor else None, **cleaned)
    session.add(review)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "plan_review", review.id,
                 {"plan_id": plan_id, "day": day, "kind": review.kind, "next_review_date": plan.next_review_date})
    return review


def edit_review(session: Session, review_id: int, expected_version: int, day: date, kind: ReviewKind,
                conclusion: str, decision: str = "", *, actor: User | None = None,
                today: date | None = None) -> PlanReview:
    """Corrects a review. When its day changes and it was or becomes the plan's latest, the next
    review is planned again from the latest review."""
    require_role(actor, Role.DIRECTOR)
    review = for_update(session, PlanReview, review_id, expected_version)
    access.require_participant(session, actor, review.plan.participant_id)
    plan = review.plan
    cleaned = _clean_review(plan, day, kind, conclusion, decision, today or date.today())
    was_latest = review.id == _latest_review_id(session, plan.id)
    changes = audit.diff(review, cleaned)
    for name, value in cleaned.items():
        setattr(review, name, value)
    session.flush()
    if "day" in changes and (was_latest or review.id == _latest_review_id(session, plan.id)):
        latest = session.scalar(select(func.max(PlanReview.day)).where(PlanReview.plan_id == plan.id))
        plan.next_review_date = _next_review(plan, latest, None)
        session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "plan_review", review.id, changes)
    return review


def delete_review(session: Session, review_id: int, expected_version: int, *, actor: User | None = None) -> None:
    """Removes a review recorded by mistake; when it was the latest, the next review is planned
    again from the review before it (or from the plan's start)."""
    require_role(actor, Role.DIRECTOR)
    review = for_update(session, PlanReview, review_id, expected_version)
    access.require_participant(session, actor, review.plan.participant_id)
    plan = review.plan
    was_latest = review.id == _latest_review_id(session, plan.id)
    audit.record(session, actor, AuditAction.DELETE, "plan_review", review.id,
                 {"plan_id": plan.id, "day": review.day, "kind": review.kind})
    session.delete(review)
    session.flush()
    if was_latest:
        previous = session.scalar(select(func.max(PlanReview.day)).where(PlanReview.plan_id == plan.id))
        plan.next_review_date = (_next_review(plan, previous, None) if previous is not None
                                 else default_next_review(plan.start_date, plan.end_date))
        session.flush()


def check_review(session: Session, plan_id: int, day: date | None, conclusion: str, decision: str = "",
                 next_review_date: date | None = None, *, new: bool = True, actor: User | None = None,
                 today: date | None = None) -> None:
    """What ``add_review`` (``new``) or ``edit_review`` would refuse, every field at once, writing nothing."""
    plan = get_plan(session, plan_id, actor=actor)
    _clean_review(plan, day, ReviewKind.PERIODIC, conclusion, decision, today or date.today(),
                  next_review_date=next_review_date if new else None)


def _clean_review(plan: IndividualPlan, day: date | None, kind: ReviewKind, conclusion: str, decision: str,
                  today: date, *, next_review_date: date | None = None) -> dict:
    """The review's fields, every refusal at once; a ``next_review_date`` chosen is checked too."""
    checks = Checks()
    with checks.field():
        if day is None:
            raise ValidationError("day", _("The date of the review is required."))
        not_in_future("day", day, today, message=_("A review cannot be dated in the future."))
        if day < plan.start_date:
            raise ValidationError("day", _("The review cannot be before the plan starts ({date}).").format(
                date=format_date(plan.start_date)))
    with checks.field():
        conclusion = _clean_text("conclusion", conclusion)
        if not conclusion:
            raise ValidationError("conclusion", _("Write the review's conclusion."))
    with checks.field():
        decision = _clean_text("decision", decision)
    if day is not None and next_review_date is not None:
        with checks.field():
            _next_review(plan, day, next_review_date)
    checks.raise_any()
    return {"day": day, "kind": ReviewKind(kind), "conclusion": conclusion, "decision": decision}


def _next_review(plan: IndividualPlan, day: date, chosen: date | None) -> date | None:
    if chosen is not None:
        if chosen <= day:
            raise ValidationError("next_review_date", _("The next review must come after this one."))
        if plan.end_date is not None and chosen > plan.end_date:
            raise ValidationError("next_review_date", _(
                "The next review cannot be after the plan ends ({date}).").format(date=format_date(plan.end_date)))
        return chosen
    following = add_months(day, REVIEW_INTERVAL_MONTHS)
    if plan.end_date is not None and following > plan.end_date:
        # As default_next_review: the closing review at the plan's end, unless this one is it.
        return plan.end_date if day < plan.end_date else None
    return following


def _latest_review_id(session: Session, plan_id: int) -> int | None:
    return session.scalar(select(PlanReview.id).where(PlanReview.plan_id == plan_id)
                          .order_by(PlanReview.day.desc(), PlanReview.id.desc()).limit(1))




def _clean_text(field: str, text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(field, _("The text is too long (at most {count} characters).").format(
            count=MAX_TEXT_LENGTH))
    return text


# -- reading ------------------------------------------------------------------------------------


def plans_for(session: Session, participant_id: int, *, actor: User | None = None) -> list[PlanRow]:
    """The participant's plans, newest first, each with its goals (in order) and reviews (newest first)."""
    access.require_participant(session, actor, participant_id)
    plans = list(session.scalars(select(IndividualPlan).where(IndividualPlan.participant_id == participant_id)
                                 .order_by(IndividualPlan.start_date.desc(), IndividualPlan.id.desc())))
    if not plans:
        return []
    ids = [plan.id for plan in plans]
    goals: dict[int, list[GoalRow]] = {plan_id: [] for plan_id in ids}
    for goal in session.scalars(select(PlanGoal).where(PlanGoal.plan_id.in_(ids))
                                .order_by(PlanGoal.position, PlanGoal.id)):
        goals[goal.plan_id].append(GoalRow(goal.id, goal.plan_id, goal.area, goal.description, goal.target_date,
                                           goal.status, goal.version))
    reviews: dict[int, list[ReviewRow]] = {plan_id: [] for plan_id in ids}
    for review, full_name, username in session.execute(
            select(PlanReview, User.full_name, User.username)
            .outerjoin(User, User.id == PlanReview.reviewer_id)
            .where(PlanReview.plan_id.in_(ids)).order_by(PlanReview.day.desc(), PlanReview.id.desc())):
        reviews[review.plan_id].append(ReviewRow(review.id, review.plan_id, review.day, review.kind,
                                                 review.conclusion or "", review.decision or "",
                                                 full_name or username or "", review.version))
    return [
        PlanRow(plan.id, plan.participant_id, plan.kind, plan.start_date, plan.end_date, plan.forms_and_scope or "",
                plan.methods or "", plan.family_cooperation or "", plan.planned_results or "",
                plan.activities or "", plan.responsible or "", plan.next_review_date, plan.version,
                tuple(goals[plan.id]), tuple(reviews[plan.id]))
        for plan in plans
    ]


def current_plan(rows: list[PlanRow], today: date) -> PlanRow | None:
    """The plan whose period covers ``today``, or None."""
    return next((row for row in rows if row.covers(today)), None)


def review_state(row: PlanRow, today: date) -> ReviewState:
    """Overdue from the day after the review date; a plan that has ended is never due."""
    if row.next_review_date is None or (row.end is not None and row.end < today):
        return ReviewState.NOT_DUE
    if row.next_review_date < today:
        return ReviewState.OVERDUE
    if row.next_review_date <= today + timedelta(days=DUE_SOON_DAYS):
        return ReviewState.DUE_SOON
    return ReviewState.NOT_DUE


def last_council_review(rows: list[PlanRow]) -> date | None:
    """The day of the programme council's latest comprehensive review, over all the plans."""
    days = [review.day for row in rows for review in row.reviews if review.kind is ReviewKind.COUNCIL]
    return max(days, default=None)


def council_review_due(rows: list[PlanRow]) -> date | None:
    """When the council's next comprehensive review is due: COUNCIL_REVIEW_YEARS after the last
    one, or after the first plan's start when there was none; None without plans."""
    if not rows:
        return None
    since = last_council_review(rows) or min(row.start for row in rows)
    return add_months(since, 12 * COUNCIL_REVIEW_YEARS)


def next_plan_start(rows: list[PlanRow], today: date, admission: date | None = None,
                    exit_date: date | None = None) -> date:
    """Where a new plan would naturally start: the day after the latest plan ends when that is
    today or later, else today; kept within the participation."""
    latest_end = max((row.end for row in rows if row.end is not None), default=None)
    start = latest_end + timedelta(days=1) if latest_end is not None and latest_end >= today else today
    if exit_date is not None:
        start = min(start, exit_date)
    if admission is not None:
        start = max(start, admission)
    return start
