"""Follow-up contacts after an exit (monitoring po zakończeniu): 3, 6 and 12 months later.

The contacts are planned by ``participants.exit_participant``; this module reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import EmploymentStatus
from reintegra.db.models import FollowUp


class FollowUpState(str, Enum):
    PLANNED = "planned"  # due later
    DUE = "due"  # due today or earlier, no contact recorded yet
    DONE = "done"  # contact recorded


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    exit_date: date
    months_after: int
    due_date: date
    contact_date: date | None
    employment_status: EmploymentStatus | None
    employer: str
    note: str
    version: int

    def state(self, today: date) -> FollowUpState:
        if self.contact_date is not None:
            return FollowUpState.DONE
        return FollowUpState.DUE if self.due_date <= today else FollowUpState.PLANNED


def follow_ups_of(session: Session, participant_id: int, *, exit_date: date | None = None) -> list[FollowUpRow]:
    """The participant's follow-up contacts (of one exit when ``exit_date`` is given), by due date."""
    query = (
        select(FollowUp)
        .where(FollowUp.participant_id == participant_id)
        .order_by(FollowUp.due_date, FollowUp.months_after, FollowUp.id)
    )
    if exit_date is not None:
        query = query.where(FollowUp.exit_date == exit_date)
    return [
        FollowUpRow(f.id, f.exit_date, f.months_after, f.due_date, f.contact_date, f.employment_status,
                    f.employer, f.note, f.version)
        for f in session.scalars(query)
    ]
