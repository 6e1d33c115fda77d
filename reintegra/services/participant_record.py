"""One participant's whole record, read-only, for the reintegration report: placements, the months
of attendance, individual plans with goals and reviews, assessments with their scores.

Each function is one or two queries whatever the length of the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AssessorKind, GoalStatus, PlanKind, ReviewKind, SkillGroup
from reintegra.db.models import (
    Assessment,
    AssessmentScore,
    IndividualPlan,
    Participant,
    PlanGoal,
    PlanReview,
    Placement,
    SkillArea,
    User,
    Workshop,
)
from reintegra.services import attendance
from reintegra.services.attendance import MonthRow


@dataclass(frozen=True)
class PlacementLine:
    workshop: str
    start: date
    end: date | None
    note: str


@dataclass(frozen=True)
class GoalLine:
    area: SkillGroup
    description: str
    target_date: date | None
    status: GoalStatus


@dataclass(frozen=True)
class ReviewLine:
    day: date
    kind: ReviewKind
    conclusion: str
    decision: str
    reviewer: str


@dataclass(frozen=True)
class PlanRecord:
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
    goals: list[GoalLine]
    reviews: list[ReviewLine]


@dataclass(frozen=True)
class Score:
    area: str
    group: SkillGroup
    position: int
    score: int
    scale_max: int


@dataclass(frozen=True)
class AssessmentRecord:
    day: date
    assessor_kind: AssessorKind
    assessor: str
    comment: str
    scores: list[Score]


def placement_history(session: Session, participant_id: int) -> list[PlacementLine]:
    """The participant's placements, oldest first, with the workshops' names."""
    found = session.execute(
        select(Workshop.name, Placement.start_date, Placement.end_date, Placement.note)
        .join(Workshop, Workshop.id == Placement.workshop_id)
        .where(Placement.participant_id == participant_id)
        .order_by(Placement.start_date, Placement.id)
    ).all()
    return [PlacementLine(name, start, end, note or "") for name, start, end, note in found]


def attendance_months(session: Session, participant: Participant, placements: list[PlacementLine],
                      today: date) -> list[tuple[int, int, MonthRow]]:
    """Every month from the first placement to the exit (or today) with something to count, as the
    attendance tab counts it; months between placements with no working day and no entry are left out."""
    if participant.admission_date is None or not placements:
        return []
    first = max(min(line.start for line in placements), participant.admission_date)
    last = min(participant.exit_date or today, today)
    if first > last:
        return []
    months = attendance.participant_months(session, participant.id, first.replace(day=1), last, as_of=today)
    return [(year, month, row) for year, month, row in months if row.working_days or row.by_day]


def plans_of(session: Session, participant_id: int) -> list[PlanRecord]:
    """Individual plans (IPR / IPZS), oldest first, each with its goals and reviews."""
    plans = list(session.scalars(
        select(IndividualPlan).where(IndividualPlan.participant_id == participant_id)
        .order_by(IndividualPlan.start_date, IndividualPlan.id)
    ))
    if not plans:
        return []
    ids = [plan.id for plan in plans]
    goals: dict[int, list[GoalLine]] = {plan_id: [] for plan_id in ids}
    for goal in session.scalars(
            select(PlanGoal).where(PlanGoal.plan_id.in_(ids)).order_by(PlanGoal.position, PlanGoal.id)):
        goals[goal.plan_id].append(GoalLine(goal.area, goal.description, goal.target_date, goal.status))
    reviews: dict[int, list[ReviewLine]] = {plan_id: [] for plan_id in ids}
    for review, full_name, username in session.execute(
            select(PlanReview, User.full_name, User.username)
            .outerjoin(User, User.id == PlanReview.reviewer_id)
            .where(PlanReview.plan_id.in_(ids)).order_by(PlanReview.day, PlanReview.id)):
        reviews[review.plan_id].append(ReviewLine(review.day, review.kind, review.conclusion or "",
                                                  review.decision or "", full_name or username or ""))
    return [
        PlanRecord(plan.kind, plan.start_date, plan.end_date, plan.forms_and_scope or "", plan.methods or "",
                   plan.family_cooperation or "", plan.planned_results or "", plan.activities or "",
                   plan.responsible or "", plan.next_review_date, goals[plan.id], reviews[plan.id])
        for plan in plans
    ]


def assessments_of(session: Session, participant_id: int) -> list[AssessmentRecord]:
    """Periodic assessments, oldest first, each with its scores in the skill areas' order."""
    found = session.execute(
        select(Assessment, User.full_name, User.username)
        .outerjoin(User, User.id == Assessment.assessor_id)
        .where(Assessment.participant_id == participant_id)
        .order_by(Assessment.day, Assessment.id)
    ).all()
    if not found:
        return []
    scores: dict[int, list[Score]] = {assessment.id: [] for assessment, _name, _user in found}
    for assessment_id, name, group, position, value, scale_max in session.execute(
            select(AssessmentScore.assessment_id, SkillArea.name, SkillArea.group, SkillArea.position,
                   AssessmentScore.score, SkillArea.scale_max)
            .join(SkillArea, SkillArea.id == AssessmentScore.skill_area_id)
            .where(AssessmentScore.assessment_id.in_(list(scores)))
            .order_by(SkillArea.position, SkillArea.id)):
        scores[assessment_id].append(Score(name, group, position, value, scale_max))
    return [
        AssessmentRecord(assessment.day, assessment.assessor_kind, full_name or username or "",
                         assessment.comment or "", scores[assessment.id])
        for assessment, full_name, username in found
    ]
