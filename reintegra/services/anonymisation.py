"""Anonymisation after the retention period (GDPR art. 5(1)(e), storage limitation).

A person whose last exit is more than the facility's ``retention_years`` ago (5 by default: the
usual rule for WTZ and CIS records), with no stay open, is due; anonymising covers every stay. Anonymising removes what identifies them or describes
them in words — names, PESEL, the day and month of birth (the year stays), address, contacts,
guardian, certificate details, eligibility groups, referral institution, free texts, progress
notes, plan, review and assessment texts, remarks, employers, and the text values in the audit
entries about them — and keeps what the statistics count: programme, dates, statuses, placements,
attendance, exit reason, sex, disability degree, goal areas and statuses, scores. The register of CIS
completion certificates is a legal record of the numbers issued: an entry keeps its number, date,
period and hours and loses the holder's name, PESEL, birth date and skills text
(services/certificates.py, ``forget_holder``). So the summary
for any past period is the same before and after (tests/services/test_anonymisation.py proves it).

``anonymised_at`` marks the person; services/anonymised.py refuses any later change to them.
Only a director or an administrator anonymises, and each person gets one audit entry naming the
fields emptied, never their values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Programme, Role
from reintegra.db.models import (
    Assessment,
    AttendanceDay,
    AuditEntry,
    FollowUp,
    PERSON_COLUMNS,
    IndividualPlan,
    Participant,
    Person,
    Placement,
    PlanGoal,
    PlanReview,
    ProgressNote,
    User,
)
from reintegra.i18n import _, format_date
from reintegra.services import audit, certificates
from reintegra.services.anonymised import ANONYMISING
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError
from reintegra.services.facility import get_facility
from reintegra.services.users import require_role

DEFAULT_RETENTION_YEARS = 5

# What a participant's row keeps is what is not listed here.
_EMPTIED = {
    "address": "", "postal_code": "", "city": "", "phone": "", "email": "",
    "guardian_name": "", "guardian_phone": "", "emergency_name": "", "emergency_phone": "",
    "referral_institution": "", "disability_causes": [], "certificate_valid_until": None,
    "certificate_permanent": False, "therapy_indication": None, "eligibility_groups": [],
    "exit_destination": "", "exit_notes": "", "notes": "",
}


def anonymised_name() -> str:
    return _("Anonymised person")


@dataclass(frozen=True)
class DueRow:
    """A person due for anonymisation, as the preview lists them."""

    participant_id: int
    name: str
    programme: Programme
    admission_date: date | None
    exit_date: date
    due_since: date  # the first day they were due


def retention_years(session: Session) -> int:
    return get_facility(session).retention_years or DEFAULT_RETENTION_YEARS


def due_on(exit_date: date, years: int) -> date:
    """The first day a person who exited on ``exit_date`` is due: the exit plus the retention period, plus a day."""
    return date.fromordinal(add_months(exit_date, 12 * years).toordinal() + 1)


def due(session: Session, today: date | None = None, *, actor: User | None = None) -> list[DueRow]:
    """The people whose last exit is more than the retention period before ``today``, with no stay open
    and not yet anonymised, longest-gone first; each once, by their last stay. Their names are for a
    director or an administrator only."""
    require_role(actor, Role.DIRECTOR)
    today = today or date.today()
    years = retention_years(session)
    latest_exit = add_months(today, -12 * years)  # an exit before this day is more than ``years`` ago
    per_person = (
        select(Participant.person_id,
               func.max(Participant.exit_date).label("last_exit"),
               func.sum(case((Participant.exit_date.is_(None), 1), else_=0)).label("open_stays"))
        .group_by(Participant.person_id)
        .subquery()
    )
    stays = session.scalars(
        select(Participant)
        .join(Person, Person.id == Participant.person_id)
        .join(per_person, per_person.c.person_id == Participant.person_id)
        .where(Participant.exit_date == per_person.c.last_exit, per_person.c.open_stays == 0,
               per_person.c.last_exit < latest_exit, Person.anonymised_at.is_(None))
        .order_by(Participant.exit_date, Person.last_name, Person.first_name, Participant.id.desc()))
    rows, seen = [], set()
    for stay in stays:
        if stay.person_id not in seen:
            seen.add(stay.person_id)
            rows.append(DueRow(stay.id, stay.full_name, stay.programme, stay.admission_date, stay.exit_date,
                               due_on(stay.exit_date, years)))
    return rows


def check_today(today: date, real_today: date | None = None) -> None:
    """Refuses a day after the real one: a later day may be previewed, but nobody is anonymised early."""
    real_today = real_today or date.today()
    if today > real_today:
        raise ValidationError("today", _("Nobody is anonymised before their retention period has passed: a later "
                                         "day ({date}) can only be previewed.").format(date=format_date(today)))


def anonymise(session: Session, participant_ids: list[int], *, actor: User | None = None,
              today: date | None = None) -> int:
    """Anonymises the given people, each of whom must be due on ``today`` (not later than the real
    date); returns how many. Director or administrator only; nothing is changed when one is refused."""
    require_role(actor, Role.DIRECTOR)
    today = today or date.today()
    check_today(today)
    due_people = {session.get(Participant, row.participant_id).person_id
                  for row in due(session, today, actor=actor)}
    people: dict[int, int] = {}  # person → the stay they were chosen by
    for participant_id in participant_ids:
        stay = session.get(Participant, participant_id)
        if stay is None or stay.person_id not in due_people:
            name = stay.full_name if stay else str(participant_id)
            raise ValidationError("participants", _(
                "{name} is not due for anonymisation on {date}.").format(name=name, date=format_date(today)))
        people.setdefault(stay.person_id, participant_id)
    session.info[ANONYMISING] = True
    try:
        for participant_id in people.values():
            _anonymise_one(session, participant_id, actor)
        session.flush()
    finally:
        session.info.pop(ANONYMISING, None)
    return len(people)


def _anonymise_one(session: Session, chosen: int, actor: User | None) -> None:
    """Anonymises the person of the stay ``chosen``: their identity and every one of their stays."""
    person = session.get(Participant, chosen).person
    emptied = ["first_name", "last_name", "pesel"]
    person.first_name = ""
    person.last_name = anonymised_name()
    person.pesel = None
    if person.birth_date is not None:
        # The year stays for the age groups of reports; 1 July is the middle of it.
        person.birth_date = date(person.birth_date.year, 7, 1)
        emptied.append("birth_date")
    for field, empty in _EMPTIED.items():
        if field in PERSON_COLUMNS:
            setattr(person, field, empty)
    for stay in person.stays:
        for field, empty in _EMPTIED.items():
            if field not in PERSON_COLUMNS:
                setattr(stay, field, empty)
    emptied += list(_EMPTIED)
    person.anonymised_at = datetime.now().replace(microsecond=0)
    notes = sum(_empty_records(session, stay.id) for stay in person.stays)
    certificates.forget_holder(session, [stay.id for stay in person.stays])
    audit.record(session, actor, AuditAction.ANONYMISE, "participant", chosen,
                 {"emptied": emptied, "progress_notes_removed": notes}, participant_id=chosen)


def _empty_records(session: Session, pid: int) -> int:
    """Takes the words out of one stay's records and its audit entries; returns how many notes it removed."""
    records = _records_of(session, pid)
    notes = session.execute(delete(ProgressNote).where(ProgressNote.participant_id == pid)).rowcount
    plan_ids = select(IndividualPlan.id).where(IndividualPlan.participant_id == pid).scalar_subquery()
    session.execute(update(IndividualPlan).where(IndividualPlan.participant_id == pid).values(
        forms_and_scope="", methods="", family_cooperation="", planned_results="", activities="", responsible=""))
    session.execute(update(PlanGoal).where(PlanGoal.plan_id.in_(plan_ids)).values(description=""))
    session.execute(update(PlanReview).where(PlanReview.plan_id.in_(plan_ids)).values(conclusion="", decision=""))
    session.execute(update(Assessment).where(Assessment.participant_id == pid).values(comment=""))
    session.execute(update(AttendanceDay).where(AttendanceDay.participant_id == pid).values(remark=""))
    session.execute(update(Placement).where(Placement.participant_id == pid).values(note=""))
    session.execute(update(FollowUp).where(FollowUp.participant_id == pid).values(employer="", note=""))
    about_them = [AuditEntry.participant_id == pid]
    about_them += [and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids))
                   for entity, ids in records.items() if ids]
    for entry in session.scalars(select(AuditEntry).where(or_(*about_them))):
        entry.changes = {key: value if key in _CODES else _without_text(value)
                         for key, value in (entry.changes or {}).items()}
    return notes


def _records_of(session: Session, pid: int) -> dict[str, list[int]]:
    """The ids of the person's records by the audit log's entity names: entries written before the
    audit log kept the person of each entry (goals, reviews) are found through them."""
    plans = select(IndividualPlan.id).where(IndividualPlan.participant_id == pid)
    return {
        "participant": [pid],
        "placement": list(session.scalars(select(Placement.id).where(Placement.participant_id == pid))),
        "attendance": list(session.scalars(select(AttendanceDay.id).where(AttendanceDay.participant_id == pid))),
        "progress_note": list(session.scalars(select(ProgressNote.id).where(ProgressNote.participant_id == pid))),
        "individual_plan": list(session.scalars(plans)),
        "plan_goal": list(session.scalars(select(PlanGoal.id).where(PlanGoal.plan_id.in_(plans)))),
        "plan_review": list(session.scalars(select(PlanReview.id).where(PlanReview.plan_id.in_(plans)))),
        "assessment": list(session.scalars(select(Assessment.id).where(Assessment.participant_id == pid))),
        "follow_up": list(session.scalars(select(FollowUp.id).where(FollowUp.participant_id == pid))),
    }


# Texts in audit entries that are the program's own codes, never typed: what a disclosure carried
# ("participant_report" …) and its format; the log still says what left the program.
_CODES = frozenset({"what", "format"})


def _without_text(value):
    """An audit value with every text taken out: numbers, yes/no and ids stay (they name nobody)."""
    if isinstance(value, list):
        return [_without_text(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_text(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return None
