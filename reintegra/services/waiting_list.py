"""The waiting list: applicants in the order they applied, how long each has waited, admitting one and
closing an application; the waiting figures of the start page and the summary.

An applicant is a participant's row with an application date and no admission date. An application
closed without an admission (withdrawn, not eligible, moved away, death) keeps its closing day and
reason in ``exit_date`` / ``exit_reason``: the person was never admitted, so no figure counts that
as an exit or a leaver (every figure counts admitted people only).

Definitions (all counted as on a day D; the start page uses today, the summary the period's last
day up to today):
  waiting on D       not admitted by D (no admission date, or one after D), the application not closed
                     by D (no exit_date, or one after D) and applied by D (application_date ≤ D). An
                     applicant without an application date (possible only in older data) is waiting
                     until admitted or closed, but has no wait to count; a participant admitted
                     without one was never on the list.
  days waited        D − application_date, in days (applied today: 0).
  applicants_waiting the number of people waiting on D.
  median_wait_days   the median of the days waited of those waiting on D (the middle value; with an
                     even count the mean of the two middle ones); None when nobody's wait is known.
  longest_wait_days  the largest of them; None likewise.
  median_wait_admitted_days
                     of those admitted within [start, end] with an application date, the median of
                     admission_date − application_date in days; None when there is none.

The list and the figures cover everyone, so an instructor is refused them
(``access.require_whole_facility``): applicants are placed in no workshop.
"""

from __future__ import annotations

import statistics as stats
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, ExitReason, Programme, Referral, Role
from reintegra.db.models import Participant, User
from reintegra.i18n import _, format_date
from reintegra.services import access, audit, participants
from reintegra.services.anonymised import require_not_anonymised
from reintegra.services.errors import ValidationError
from reintegra.services.participants import ParticipantFields
from reintegra.services.records import for_update, get_or_gone
from reintegra.services.users import require_role
from reintegra.services.validation import Checks, not_in_future

# The reasons an application closes for (issue 14): the person withdrew it, does not meet the programme's
# criteria, moved away, or died.
CLOSING_REASONS = (ExitReason.WITHDRAWN, ExitReason.NOT_ELIGIBLE, ExitReason.MOVED, ExitReason.DEATH)


@dataclass(frozen=True)
class WaitingRow:
    """One applicant on the list; it answers what the participants list asks of its rows."""

    id: int
    position: int  # 1 for the one who applied first
    last_name: str
    first_name: str
    pesel: str
    birth_date: date | None
    programme: Programme
    referral: Referral | None
    referral_institution: str
    application_date: date | None
    days_waited: int | None
    admission_date: date | None = None
    exit_date: date | None = None
    workshop: str = ""


@dataclass(frozen=True)
class WaitingFigures:
    day: date
    applicants_waiting: int
    median_wait_days: float | None
    longest_wait_days: int | None


def waiting_on(day: date):
    """``waiting on D`` of the module docstring as an SQL condition on Participant."""
    return and_(or_(Participant.admission_date.is_(None), Participant.admission_date > day),
                or_(Participant.exit_date.is_(None), Participant.exit_date > day),
                or_(Participant.application_date <= day,
                    and_(Participant.application_date.is_(None), Participant.admission_date.is_(None))),
                Participant.anonymised_at.is_(None))


def waiting_list(session: Session, day: date | None = None, *, actor: User | None = None) -> list[WaitingRow]:
    """Those waiting on ``day`` (today), in the order they applied (no application date last)."""
    access.require_whole_facility(actor)
    day = day or date.today()
    people = session.scalars(select(Participant).where(waiting_on(day))).all()
    people = sorted(people, key=lambda p: (p.application_date is None, p.application_date or day, p.id))
    return [WaitingRow(
        id=person.id, position=number, last_name=person.last_name, first_name=person.first_name,
        pesel=person.pesel or "", birth_date=person.birth_date, programme=person.programme,
        referral=person.referral, referral_institution=person.referral_institution,
        application_date=person.application_date, days_waited=_days(person.application_date, day),
    ) for number, person in enumerate(people, 1)]


def waiting_figures(session: Session, day: date | None = None, *, actor: User | None = None) -> WaitingFigures:
    """applicants_waiting, median_wait_days and longest_wait_days on ``day`` (the module docstring)."""
    rows = waiting_list(session, day, actor=actor)
    waits = [row.days_waited for row in rows if row.days_waited is not None]
    return WaitingFigures(day=day or date.today(), applicants_waiting=len(rows),
                          median_wait_days=_median(waits), longest_wait_days=max(waits, default=None))


def median_wait_admitted(session: Session, start: date, end: date, *, actor: User | None = None) -> float | None:
    """median_wait_admitted_days for [start, end] (the module docstring)."""
    access.require_whole_facility(actor)
    rows = session.execute(
        select(Participant.application_date, Participant.admission_date)
        .where(Participant.admission_date.between(start, end), Participant.application_date.is_not(None))
    ).all()
    return _median([(admitted - applied).days for applied, admitted in rows])


def _days(applied: date | None, day: date) -> int | None:
    return None if applied is None else (day - applied).days


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    middle = stats.median(values)
    return int(middle) if middle == int(middle) else float(middle)


def _require_waiting(person: Participant) -> None:
    if person.admission_date is not None:
        raise ValidationError("admission_date", _("{name} has already been admitted.").format(name=person.full_name))
    if person.exit_date is not None:
        raise ValidationError("exit_date", _("The application of {name} was closed on {date}.").format(
            name=person.full_name, date=format_date(person.exit_date)))


def admit_from_list(session: Session, participant_id: int, expected_version: int, values: ParticipantFields, *,
                    actor: User | None = None, today: date | None = None) -> Participant:
    """Admits an applicant on ``values.admission_date``, with the personal data as corrected in the form."""
    require_role(actor, Role.DIRECTOR)
    access.require_whole_facility(actor)
    person = for_update(session, Participant, participant_id, expected_version)
    _require_waiting(person)
    if values.admission_date is None:
        raise ValidationError("admission_date", _("The admission date is required."))
    return participants.update(session, participant_id, expected_version, values, actor=actor, today=today)


def check_closing(session: Session, participant_id: int, closing_date: date | None, reason: ExitReason | None, *,
                  actor: User | None = None, today: date | None = None) -> None:
    """What ``close_application`` would refuse, every field at once, writing nothing."""
    access.require_whole_facility(actor)
    person = get_or_gone(session, Participant, participant_id)
    _require_waiting(person)
    _check_closing(person, closing_date, reason, today or date.today())


def _check_closing(person: Participant, closing_date: date | None, reason: ExitReason | None, today: date) -> None:
    checks = Checks()
    with checks.field():
        if reason not in CLOSING_REASONS:
            raise ValidationError("reason", _("Choose why the application is closed."))
    with checks.field():
        if closing_date is not None and person.application_date is not None \
                and closing_date < person.application_date:
            raise ValidationError("exit_date", _(
                "The application cannot be closed before it was made ({date}).").format(
                date=format_date(person.application_date)))
        not_in_future("exit_date", closing_date, today, message=_("The closing date cannot be in the future."))
    checks.raise_any()


def close_application(session: Session, participant_id: int, expected_version: int, closing_date: date,
                      reason: ExitReason | None, *, notes: str = "", actor: User | None = None,
                      today: date | None = None) -> Participant:
    """Takes an applicant off the waiting list without admitting them, with the day and the reason."""
    require_role(actor, Role.DIRECTOR)
    access.require_whole_facility(actor)
    today = today or date.today()
    person = for_update(session, Participant, participant_id, expected_version)
    require_not_anonymised(session, participant_id)
    _require_waiting(person)
    _check_closing(person, closing_date, reason, today)
    person.exit_date = closing_date
    person.exit_reason = reason
    person.exit_notes = notes.strip()
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "participant", participant_id,
                 {"exit_date": closing_date, "exit_reason": reason})
    return person
