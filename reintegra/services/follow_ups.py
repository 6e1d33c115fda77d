"""Follow-up contacts after an exit (monitoring po zakończeniu): 3, 6 and 12 months later.

The contacts are planned by ``participants.exit_participant``; this module reads them and
records what each contact found (and corrects or clears a contact recorded by mistake).
A contact is recorded by a director: it is part of the exit, which only a director records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, EmploymentStatus, ExitReason, Role
from reintegra.db.models import FollowUp, User
from reintegra.i18n import _, format_date
from reintegra.services import access, audit
from reintegra.services.records import for_update, get_or_gone
from reintegra.services.validation import Checks, check_length
from reintegra.services.errors import ValidationError
from reintegra.services.statistics import WORK_EXIT_REASONS
from reintegra.services.users import require_role
from reintegra.services.validation import not_in_future

MAX_NOTE_LENGTH = 10_000


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


def follow_ups_of(session: Session, participant_id: int, *, exit_date: date | None = None,
                  actor: User | None = None) -> list[FollowUpRow]:
    """The participant's follow-up contacts (of one exit when ``exit_date`` is given), by due date."""
    access.require_participant(session, actor, participant_id)
    query = (
        select(FollowUp)
        .where(FollowUp.participant_id == participant_id)
        .order_by(FollowUp.due_date, FollowUp.months_after, FollowUp.id)
    )
    if exit_date is not None:
        query = query.where(FollowUp.exit_date == exit_date)
    return [_row(f) for f in session.scalars(query)]


def next_contact(rows: list[FollowUpRow]) -> FollowUpRow | None:
    """The contact to make next: the earliest one not made yet, whether it is due already or soon."""
    waiting = [row for row in rows if row.contact_date is None]
    return min(waiting, key=lambda row: (row.due_date, row.months_after), default=None)


def suggested_employer(rows: list[FollowUpRow], row: FollowUpRow, exit_reason: ExitReason | None,
                       destination: str) -> str:
    """The employer to offer when recording ``row``: the one an earlier contact of the same exit found,
    else where an exit into work led (people mostly stay where they went)."""
    earlier = [other for other in rows if other.employer and other.exit_date == row.exit_date
               and other.months_after < row.months_after]
    if earlier:
        return max(earlier, key=lambda other: other.months_after).employer
    return destination if exit_reason in WORK_EXIT_REASONS else ""


def record_contact(
    session: Session,
    follow_up_id: int,
    expected_version: int,
    contact_date: date | None,
    employment_status: EmploymentStatus | None,
    employer: str = "",
    note: str = "",
    *,
    actor: User | None = None,
    today: date | None = None,
) -> FollowUp:
    """Records what a follow-up contact found; on a contact already recorded, corrects it.

    The employer is kept only for a status that is work (employed, self-employed, a social
    cooperative, a ZAZ) and may stay empty: people do not always say where they work, and
    the figures need only the status.
    """
    require_role(actor, Role.DIRECTOR)
    follow_up = for_update(session, FollowUp, follow_up_id, expected_version)
    access.require_participant(session, actor, follow_up.participant_id)
    employer, note = _check_contact(follow_up, contact_date, employment_status, employer, note, today or date.today())
    values = {"contact_date": contact_date, "employment_status": employment_status, "employer": employer,
              "note": note}
    changes = audit.diff(follow_up, values)
    for name, value in values.items():
        setattr(follow_up, name, value)
    follow_up.recorded_by_id = actor.id if actor else None
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "follow_up", follow_up.id,
                     {"participant_id": follow_up.participant_id, "months_after": follow_up.months_after, **changes})
    return follow_up


def check_contact(session: Session, follow_up_id: int, contact_date: date | None,
                  employment_status: EmploymentStatus | None, employer: str = "", note: str = "", *,
                  actor: User | None = None, today: date | None = None) -> None:
    """What ``record_contact`` would refuse, every field at once, writing nothing."""
    today = today or date.today()
    follow_up = get_or_gone(session, FollowUp, follow_up_id)
    access.require_participant(session, actor, follow_up.participant_id, today)
    _check_contact(follow_up, contact_date, employment_status, employer, note, today)


def _check_contact(follow_up: FollowUp, contact_date: date | None, employment_status: EmploymentStatus | None,
                   employer: str, note: str, today: date) -> tuple[str, str]:
    """The contact's fields, every refusal at once; the employer and note as they are saved."""
    checks = Checks()
    with checks.field():
        if contact_date is None:
            raise ValidationError("contact_date", _("The date of the contact is required."))
        not_in_future("contact_date", contact_date, today, message=_("The contact cannot be dated in the future."))
        if contact_date < follow_up.exit_date:
            raise ValidationError("contact_date", _("The contact cannot be dated before the exit ({date}).").format(
                date=format_date(follow_up.exit_date)))
    with checks.field():
        if employment_status is None:
            raise ValidationError("employment_status", _("Choose what the contact found."))
    employer = " ".join(employer.split()) if employment_status is not None and employment_status.is_employed else ""
    with checks.field():
        check_length(FollowUp, "employer", employer)
    note = note.strip()
    with checks.field():
        if len(note) > MAX_NOTE_LENGTH:
            raise ValidationError("note", _("The note is too long (at most {count} characters).").format(
                count=MAX_NOTE_LENGTH))
    checks.raise_any()
    return employer, note


def clear_contact(session: Session, follow_up_id: int, expected_version: int, *,
                  actor: User | None = None) -> FollowUp:
    """Removes a contact recorded by mistake: the follow-up is planned (or due) again."""
    require_role(actor, Role.DIRECTOR)
    follow_up = for_update(session, FollowUp, follow_up_id, expected_version)
    access.require_participant(session, actor, follow_up.participant_id)
    values = {"contact_date": None, "employment_status": None, "employer": "", "note": ""}
    changes = audit.diff(follow_up, values)
    for name, value in values.items():
        setattr(follow_up, name, value)
    follow_up.recorded_by_id = None
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "follow_up", follow_up.id,
                     {"participant_id": follow_up.participant_id, "months_after": follow_up.months_after, **changes})
    return follow_up


def _row(follow_up: FollowUp) -> FollowUpRow:
    return FollowUpRow(follow_up.id, follow_up.exit_date, follow_up.months_after, follow_up.due_date,
                       follow_up.contact_date, follow_up.employment_status, follow_up.employer, follow_up.note,
                       follow_up.version)
