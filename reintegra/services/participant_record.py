"""One participant's whole record, read-only, for the reintegration report: placements, the months
of attendance, individual plans with goals and reviews, assessments with their scores (the last two
read by the plans and assessments services, as the participant's tabs show them).

Each function is one or two queries whatever the length of the history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.models import Participant, Placement, User, Workshop
from reintegra.services import access, assessments, attendance, plans
from reintegra.services.assessments import AssessmentRow
from reintegra.services.attendance import MonthRow
from reintegra.services.plans import PlanRow


@dataclass(frozen=True)
class PlacementLine:
    workshop: str
    start: date
    end: date | None
    note: str


def placement_history(session: Session, participant_id: int, *, actor: User | None = None) -> list[PlacementLine]:
    """The participant's placements, oldest first, with the workshops' names."""
    access.require_participant(session, actor, participant_id)
    found = session.execute(
        select(Workshop.name, Placement.start_date, Placement.end_date, Placement.note)
        .join(Workshop, Workshop.id == Placement.workshop_id)
        .where(Placement.participant_id == participant_id)
        .order_by(Placement.start_date, Placement.id)
    ).all()
    return [PlacementLine(name, start, end, note or "") for name, start, end, note in found]


def attendance_months(session: Session, participant: Participant, placements: list[PlacementLine],
                      today: date, *, actor: User | None = None) -> list[tuple[int, int, MonthRow]]:
    """Every month from the first placement to the exit (or today) with something to count, as the
    attendance tab counts it; months between placements with no working day and no entry are left out."""
    access.require_participant(session, actor, participant.id, today)
    if participant.admission_date is None or not placements:
        return []
    first = max(min(line.start for line in placements), participant.admission_date)
    last = min(participant.exit_date or today, today)
    if first > last:
        return []
    months = attendance.participant_months(session, participant.id, first.replace(day=1), last, as_of=today)
    return [(year, month, row) for year, month, row in months if row.working_days or row.by_day]


def plans_of(session: Session, participant_id: int, *, actor: User | None = None) -> list[PlanRow]:
    """Individual plans (IPR / IPZS) as the plan tab reads them, but oldest first and each plan's
    reviews oldest first: the report reads down through time."""
    return [replace(row, reviews=tuple(reversed(row.reviews)))
            for row in reversed(plans.plans_for(session, participant_id, actor=actor))]


def assessments_of(session: Session, participant_id: int, *, actor: User | None = None) -> list[AssessmentRow]:
    """Periodic assessments, oldest first, each with its scores in the skill areas' order."""
    return assessments.assessments_for(session, participant_id, actor=actor)
