"""Participants: admit, readmit (a new stay of a person), edit, exit, reopen, search; the waiting list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from dataclasses import dataclass, field, fields, replace
from datetime import date

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import (
    AuditAction,
    ContractType,
    DisabilityDegree,
    EligibilityGroup,
    ExitReason,
    Programme,
    Referral,
    Role,
    Sex,
)
from reintegra.db.models import PERSON_COLUMNS, AttendanceDay, FollowUp, Participant, Person, Placement, User, Workshop
from reintegra.i18n import N_, _, format_date
from reintegra.services import access, audit, cis_clock
from reintegra.services.anonymised import require_not_anonymised
from reintegra.services.collation import polish_key
from reintegra.services.dates import add_months
from reintegra.services.records import check_version, for_update, get_or_gone
from reintegra.services.errors import NotFoundError, ValidationError
from reintegra.services.users import require_role
from reintegra.services.validation import (
    Checks,
    check_length,
    check_lengths,
    clean_email,
    clean_postal_code,
    clean_name,
    clean_pesel,
    not_in_future,
    pesel_birth_date,
    pesel_sex,
)
from reintegra.services.workshops import placement_covers

# Social-employment act, art. 13: participation up to 12 months, extendable to 24 in total
# (services/cis_clock.py).
CIS_MAX_MONTHS = cis_clock.MAX_MONTHS
REQUIRED_DATES = {"admission_date": N_("The admission date is required."),
                  "application_date": N_("The application date is required.")}
FOLLOW_UP_MONTHS = (3, 6, 12)
DISABILITY_CAUSES = (
    "01-U", "02-P", "03-L", "04-O", "05-R", "06-E",
    "07-S", "08-T", "09-M", "10-N", "11-I", "12-C",
)
_CAUSE_PATTERN = re.compile(r"^(\d{2})-?([A-Za-z])$")


@dataclass
class ParticipantFields:
    """Everything a form or an importer may set on a participant (not the exit)."""

    first_name: str = ""
    last_name: str = ""
    pesel: str | None = None
    birth_date: date | None = None
    sex: Sex | None = None
    programme: Programme = Programme.WTZ
    referral: Referral | None = None
    referral_institution: str = ""
    application_date: date | None = None
    admission_date: date | None = None
    planned_end_date: date | None = None
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    guardian_name: str = ""
    guardian_phone: str = ""
    emergency_name: str = ""
    emergency_phone: str = ""
    consent_given: bool = False
    consent_date: date | None = None
    disability_degree: DisabilityDegree | None = None
    disability_causes: list[str] = field(default_factory=list)
    certificate_valid_until: date | None = None
    certificate_permanent: bool = False
    therapy_indication: bool | None = None
    eligibility_groups: list[str] = field(default_factory=list)
    notes: str = ""

    @classmethod
    def of(cls, participant: Participant) -> ParticipantFields:
        return cls(**{f.name: getattr(participant, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class ParticipantRow:
    """One line of the participants list."""

    id: int
    last_name: str
    first_name: str
    pesel: str
    birth_date: date | None
    programme: Programme
    admission_date: date | None
    exit_date: date | None
    workshop: str

    @property
    def is_applicant(self) -> bool:
        return state_of(self, date.today()) is ParticipantState.APPLICANT


class ParticipantState(str, Enum):
    """Where a person stands on a given day."""

    APPLICANT = "applicant"  # on the waiting list: not admitted
    CLOSED = "closed"  # an application closed without an admission (services/waiting_list.py)
    UPCOMING = "upcoming"  # admitted from a later day: may be placed and planned for already
    ACTIVE = "active"
    EXITED = "exited"  # from the exit day on (a recorded exit is never in the future)

    @property
    def admitted(self) -> bool:
        return self not in (ParticipantState.APPLICANT, ParticipantState.CLOSED)


def state_of(participant, day: date) -> ParticipantState:
    """The state of ``participant`` (anything with ``admission_date`` and ``exit_date``) on ``day``.

    The one rule; ``_status_conditions`` says the same in SQL for the participants list.
    """
    if participant.admission_date is None:
        # A closed application keeps its closing day in exit_date (waiting_list.close_application).
        return ParticipantState.APPLICANT if participant.exit_date is None else ParticipantState.CLOSED
    if participant.admission_date > day:
        return ParticipantState.UPCOMING
    if participant.exit_date is not None and participant.exit_date <= day:
        return ParticipantState.EXITED
    return ParticipantState.ACTIVE


class Filter:
    ACTIVE = "active"
    EXITED = "exited"
    APPLICANTS = "applicants"
    ALL = "all"


def get_participant(session: Session, participant_id: int, *, actor: User | None = None,
                    today: date | None = None) -> Participant:
    """One participant's record; an instructor gets only the participants of their workshops."""
    participant = get_or_gone(session, Participant, participant_id)
    access.require_participant(session, actor, participant_id, today)
    return participant


MAX_ID = 2**31 - 1  # PostgreSQL's integer; a longer number is no id (and would overflow the driver)


def find_participant(session: Session, id_or_pesel: str, *, actor: User | None = None) -> Participant:
    """By database id or by PESEL, as typed on the command line."""
    key = id_or_pesel.strip()
    participant = None
    if len(key) == 11 and key.isdigit():
        participant = session.scalar(select(Participant).where(Participant.pesel == key)
                                     .order_by(Participant.id.desc()).limit(1))  # the person's last stay
    elif key.isdigit() and int(key) <= MAX_ID:
        participant = session.get(Participant, int(key))
    if participant is None:
        raise NotFoundError(_("No participant with the id or PESEL {key}.").format(key=key))
    access.require_participant(session, actor, participant.id)
    return participant


class ReadmissionOffered(ValidationError):
    """The PESEL being admitted is of a person whose last stay has ended: they are readmitted (a new
    stay of the same person), not registered again. Nothing was written; ``readmit`` (or ``admit``
    with ``readmit_known=True``) does it."""

    def __init__(self, message: str, person_id: int, last_stay_id: int):
        super().__init__("pesel", message)
        self.person_id = person_id
        self.last_stay_id = last_stay_id


def admit(session: Session, values: ParticipantFields, *, actor: User | None = None,
          today: date | None = None, readmit_known: bool = False) -> Participant:
    """Registers a participant admitted on ``values.admission_date``. A PESEL of a person whose last
    stay has ended is refused with ``ReadmissionOffered``, or, with ``readmit_known``, readmitted."""
    require_role(actor, Role.DIRECTOR)
    if readmit_known and values.pesel and values.admission_date is not None:
        person = _person_with_pesel(session, clean_pesel("pesel", values.pesel))
        if person is not None:
            return readmit(session, values, person_id=person.id, actor=actor, today=today)
    return _create(session, values, actor, today or date.today(), required=("admission_date",))


def add_applicant(session: Session, values: ParticipantFields, *, actor: User | None = None,
                  today: date | None = None) -> Participant:
    """Puts a person on the waiting list (no admission yet)."""
    require_role(actor, Role.DIRECTOR)
    return _create(session, replace(values, admission_date=None), actor, today or date.today(),
                   required=("application_date",))


def _create(session: Session, values: ParticipantFields, actor: User | None, today: date, *,
            required: tuple[str, ...]) -> Participant:
    cleaned = cis_clock.fill_defaults(clean_fields(session, values, own_id=None, today=today, required=required))
    participant = Participant(**cleaned)
    session.add(participant)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "participant", participant.id,
                 {"name": participant.full_name, "programme": participant.programme})
    return participant


def _person_with_pesel(session: Session, pesel: str | None) -> Person | None:
    return session.scalar(select(Person).where(Person.pesel == pesel)) if pesel else None


def stays_of(session: Session, participant_id: int, *, actor: User | None = None,
             today: date | None = None) -> list[Participant]:
    """Every stay of the person of the stay ``participant_id``, the latest first; an instructor gets
    only the stays they reach (need-to-know is per stay)."""
    access.require_participant(session, actor, participant_id, today)
    person_id = select(Participant.person_id).where(Participant.id == participant_id).scalar_subquery()
    stays = list(session.scalars(select(Participant).where(Participant.person_id == person_id)
                                 .order_by(Participant.id.desc())))
    reached = access.reachable_ids(session, actor, today)
    return stays if reached is None else [stay for stay in stays if stay.id in reached]


def _last_stay(person: Person) -> Participant:
    """The person's latest stay (stays are made one after another, so the highest id)."""
    return max(person.stays, key=lambda stay: stay.id)


def readmit(session: Session, values: ParticipantFields, *, participant_id: int | None = None,
            person_id: int | None = None, actor: User | None = None, today: date | None = None) -> Participant:
    """A new stay for the person of the stay ``participant_id`` (or the person ``person_id``), whose
    every stay has ended: admitted on ``values.admission_date`` (an application without one puts them
    on the waiting list again). The earlier stays, their exits and records stay as they were; the
    person's own data (name, contacts, certificate …) are updated from ``values``."""
    require_role(actor, Role.DIRECTOR)
    today = today or date.today()
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError(_("This participant no longer exists."))
    else:
        person = get_or_gone(session, Participant, participant_id).person
    last = _last_stay(person)
    access.require_participant(session, actor, last.id, today)
    require_not_anonymised(session, last.id)
    _check_new_stay(person, last, values)
    cleaned = cis_clock.fill_defaults(clean_fields(session, values, own_id=last.id, today=today))
    identity = {name: value for name, value in cleaned.items() if name in PERSON_COLUMNS}
    changes = audit.diff(last, identity)
    for name, value in identity.items():
        setattr(person, name, value)
    stay = Participant(person=person, **{name: value for name, value in cleaned.items()
                                         if name not in PERSON_COLUMNS})
    session.add(stay)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "participant", stay.id,
                 {"name": person.full_name, "programme": stay.programme, "readmission_after": last.id,
                  **changes})
    return stay


def check_update(session: Session, participant_id: int, values: ParticipantFields, *,
                 actor: User | None = None, today: date | None = None) -> None:
    """What ``update`` would refuse in ``values``, every field at once, writing nothing."""
    access.require_participant(session, actor, participant_id, today)
    participant = get_or_gone(session, Participant, participant_id)
    checks = Checks()
    cleaned = None
    with checks.field():
        cleaned = clean_fields(session, values, own_id=participant_id, today=today or date.today())
    if cleaned is not None:
        with checks.field():
            _check_dates_against_history(session, participant, cleaned)
    checks.raise_any()


def _check_new_stay(person: Person, last: Participant, values: ParticipantFields) -> None:
    """A readmission's own dates: after the person's last exit."""
    if last.exit_date is None:
        raise ValidationError("admission_date", _(
            "{name} has a stay that has not ended: record its exit before a new stay.").format(name=person.full_name))
    if values.admission_date is None and values.application_date is None:
        raise ValidationError("admission_date", _("The admission date is required."))
    if values.admission_date is not None and values.admission_date <= last.exit_date:
        raise ValidationError("admission_date", _(
            "The new stay must start after the last exit ({date}).").format(date=format_date(last.exit_date)))


def update(session: Session, participant_id: int, expected_version: int, values: ParticipantFields, *,
           actor: User | None = None, today: date | None = None) -> Participant:
    require_role(actor, Role.DIRECTOR)
    access.require_participant(session, actor, participant_id)
    participant = for_update(session, Participant, participant_id, expected_version)
    require_not_anonymised(session, participant_id)
    cleaned = clean_fields(session, values, own_id=participant_id, today=today or date.today())
    _check_dates_against_history(session, participant, cleaned)
    if not cis_clock.has_clock(cleaned["programme"]):
        # No trial month outside a CIS/KIS (the programme may have been corrected).
        cleaned.update(trial_end_date=None, trial_decision=None, trial_decision_date=None)
    elif participant.admission_date is None and cleaned["admission_date"] is not None:
        # Admitted from the waiting list: the clock starts as at any admission.
        cleaned = cis_clock.fill_defaults({**cleaned, "trial_end_date": participant.trial_end_date})
    changes = audit.diff(participant, cleaned)
    for name, value in cleaned.items():
        setattr(participant, name, value)
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "participant", participant.id, changes)
    return participant


def admit_applicant(session: Session, participant_id: int, expected_version: int, admission_date: date, *,
                    actor: User | None = None, today: date | None = None) -> Participant:
    require_role(actor, Role.DIRECTOR)
    participant = get_participant(session, participant_id, actor=actor)
    values = replace(ParticipantFields.of(participant), admission_date=admission_date)
    return update(session, participant_id, expected_version, values, actor=actor, today=today)


def exit_participant(
    session: Session,
    participant_id: int,
    expected_version: int,
    exit_date: date,
    reason: ExitReason | None,
    *,
    destination: str = "",
    contract_type: ContractType | None = None,
    notes: str = "",
    actor: User | None = None,
    today: date | None = None,
) -> Participant:
    """Ends the participation: closes open placements, plans the follow-up contacts."""
    require_role(actor, Role.DIRECTOR)
    today = today or date.today()
    access.require_participant(session, actor, participant_id, today)
    participant = for_update(session, Participant, participant_id, expected_version)
    require_not_anonymised(session, participant_id)
    destination = _check_exit(session, participant, exit_date, reason, destination, today)
    placements = list(session.scalars(select(Placement).where(Placement.participant_id == participant_id)))
    for placement in placements:
        if placement.end_date is None or placement.end_date > exit_date:
            placement.end_date = exit_date
    participant.exit_date = exit_date
    participant.exit_reason = reason
    participant.exit_destination = destination
    participant.exit_contract_type = contract_type
    participant.exit_notes = notes.strip()
    if reason is not ExitReason.DEATH:
        # Reopened and exited again on the same day: the contacts made after the first exit stay.
        kept = set(session.scalars(select(FollowUp.months_after).where(
            FollowUp.participant_id == participant_id, FollowUp.exit_date == exit_date)))
        for months in (m for m in FOLLOW_UP_MONTHS if m not in kept):
            session.add(FollowUp(participant_id=participant_id, exit_date=exit_date, months_after=months,
                                 due_date=add_months(exit_date, months)))
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "participant", participant_id,
                 {"exit_date": exit_date, "exit_reason": reason, "exit_destination": destination})
    return participant


def check_exit(session: Session, participant_id: int, exit_date: date | None, reason: ExitReason | None, *,
               destination: str = "", expected_version: int | None = None, actor: User | None = None,
               today: date | None = None) -> None:
    """What ``exit_participant`` would refuse, every field at once, writing nothing: a form asks
    "record the exit?" only after this passes. ConflictError when the stay changed since
    ``expected_version`` (the exit recorded elsewhere, say): that is no fault of the input."""
    today = today or date.today()
    access.require_participant(session, actor, participant_id, today)
    participant = get_or_gone(session, Participant, participant_id)
    if expected_version is not None:
        check_version(participant, expected_version)
    _check_exit(session, participant, exit_date, reason, destination, today)


def _check_exit(session: Session, participant: Participant, exit_date: date | None, reason: ExitReason | None,
                destination: str, today: date) -> str:
    """The exit's rules, every refusal at once; the destination as it is saved."""
    checks = Checks()
    if participant.admission_date is None:
        raise ValidationError("exit_date", _("An applicant who was never admitted cannot exit."))
    with checks.field():
        if reason is None:
            raise ValidationError("reason", _("Choose the reason for leaving."))
    with checks.field():
        if exit_date is None:
            raise ValidationError("exit_date", _("This date is required."))
        if participant.exit_date is not None:
            raise ValidationError("exit_date", _("{name} has already exited on {date}.").format(
                name=participant.full_name, date=format_date(participant.exit_date)))
        if exit_date < participant.admission_date:
            raise ValidationError("exit_date", _(
                "The exit date cannot be before the admission date ({date}).").format(
                date=format_date(participant.admission_date)))
        not_in_future("exit_date", exit_date, today, message=_("The exit date cannot be in the future."))
        later = session.scalar(select(func.max(AttendanceDay.day)).where(
            AttendanceDay.participant_id == participant.id, AttendanceDay.day > exit_date))
        if later is not None:
            raise ValidationError("exit_date", _(
                "{name} has attendance recorded on {date}, after the exit date.").format(
                name=participant.full_name, date=format_date(later)))
        if session.scalar(select(Placement.id).where(Placement.participant_id == participant.id,
                                                     Placement.start_date > exit_date).limit(1)) is not None:
            raise ValidationError("exit_date", _("{name} has a placement starting after the exit date.").format(
                name=participant.full_name))
    destination = " ".join(destination.split())
    with checks.field():
        check_length(Participant, "exit_destination", destination, as_field="destination")
    checks.raise_any()
    return destination


def update_exit_details(
    session: Session,
    participant_id: int,
    expected_version: int,
    *,
    destination: str = "",
    contract_type: ContractType | None = None,
    notes: str = "",
    actor: User | None = None,
) -> Participant:
    """Corrects where an exited participant went; the date and reason change only by reopening."""
    require_role(actor, Role.DIRECTOR)
    access.require_participant(session, actor, participant_id)
    participant = for_update(session, Participant, participant_id, expected_version)
    require_not_anonymised(session, participant_id)
    if participant.exit_date is None:
        raise ValidationError("destination", _("{name} has not exited.").format(name=participant.full_name))
    destination = " ".join(destination.split())
    check_length(Participant, "exit_destination", destination, as_field="destination")
    values = {"exit_destination": destination, "exit_contract_type": contract_type, "exit_notes": notes.strip()}
    changes = audit.diff(participant, values)
    for name, value in values.items():
        setattr(participant, name, value)
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "participant", participant_id, changes)
    return participant


def reopen(session: Session, participant_id: int, expected_version: int, *,
           actor: User | None = None) -> Participant:
    """Undoes an exit recorded by mistake: the same stay goes on; follow-ups not yet made are dropped.
    A person who comes back after a real exit is readmitted (``readmit``: a new stay) instead."""
    require_role(actor, Role.DIRECTOR)
    access.require_participant(session, actor, participant_id)
    participant = for_update(session, Participant, participant_id, expected_version)
    require_not_anonymised(session, participant_id)
    if participant.exit_date is None:
        raise ValidationError("exit_date", _("{name} has not exited.").format(name=participant.full_name))
    if _last_stay(participant.person).id != participant.id:
        raise ValidationError("exit_date", _(
            "{name} has a later stay: only the last stay's exit can be undone.").format(name=participant.full_name))
    old_exit = participant.exit_date
    session.execute(
        delete(FollowUp).where(
            FollowUp.participant_id == participant_id,
            FollowUp.exit_date == old_exit,
            FollowUp.contact_date.is_(None),
        )
    )
    audit.record(session, actor, AuditAction.UPDATE, "participant", participant_id,
                 {"exit_date": [old_exit, None], "exit_reason": [participant.exit_reason, None]})
    participant.exit_date = None
    participant.exit_reason = None
    participant.exit_destination = ""
    participant.exit_contract_type = None
    participant.exit_notes = ""
    session.flush()
    return participant


def search(
    session: Session,
    text: str = "",
    *,
    status: str = Filter.ACTIVE,
    workshop_id: int | None = None,
    programme: Programme | None = None,
    on: date | None = None,
    actor: User | None = None,
) -> list[ParticipantRow]:
    """The participants list: by name or PESEL fragment, status, workshop and programme; an instructor
    sees only the participants of their workshops (as reached on ``on``)."""
    on = on or date.today()
    current = (
        select(Placement.participant_id, Workshop.id.label("workshop_id"), Workshop.name.label("workshop"))
        .join(Workshop, Workshop.id == Placement.workshop_id)
        .where(*placement_covers(on))
        .subquery()
    )
    last = (
        select(Placement.participant_id, func.max(Placement.start_date).label("start"))
        .group_by(Placement.participant_id)
        .subquery()
    )
    last_workshop = (
        select(Placement.participant_id, Workshop.name.label("workshop"))
        .join(last, and_(last.c.participant_id == Placement.participant_id, last.c.start == Placement.start_date))
        .join(Workshop, Workshop.id == Placement.workshop_id)
        .subquery()
    )
    query = (
        select(Participant, current.c.workshop, last_workshop.c.workshop)
        .outerjoin(current, current.c.participant_id == Participant.id)
        .outerjoin(last_workshop, last_workshop.c.participant_id == Participant.id)
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    )
    query = query.where(access.reachable(session, actor, on), *_status_conditions(status, on))
    if programme is not None:
        query = query.where(Participant.programme == programme)
    if workshop_id is not None:
        query = query.where(current.c.workshop_id == workshop_id)
    for word in text.split():
        like = f"%{word.lower()}%"
        query = query.where(or_(
            func.lower(Participant.last_name).like(like),
            func.lower(Participant.first_name).like(like),
            Participant.pesel.like(f"{word}%"),
        ))
    rows, seen = [], set()
    for participant, now_in, last_in in session.execute(query):
        if participant.id in seen:
            continue
        seen.add(participant.id)
        rows.append(ParticipantRow(
            id=participant.id, last_name=participant.last_name, first_name=participant.first_name,
            pesel=participant.pesel or "", birth_date=participant.birth_date, programme=participant.programme,
            admission_date=participant.admission_date, exit_date=participant.exit_date,
            workshop=now_in or (last_in if participant.exit_date else "") or "",
        ))
    rows.sort(key=lambda r: polish_key(r.last_name, r.first_name))
    return rows


def taking_part_on(on: date):
    """``state_of(participant, on) is ACTIVE`` as an SQL condition."""
    return and_(Participant.admission_date.is_not(None), Participant.admission_date <= on,
                or_(Participant.exit_date.is_(None), Participant.exit_date > on))


def _status_conditions(status: str, on: date):
    """``state_of`` in SQL: keep the two together."""
    started = and_(Participant.admission_date.is_not(None), Participant.admission_date <= on)
    if status == Filter.ACTIVE:
        return (taking_part_on(on),)
    if status == Filter.EXITED:
        return (started, Participant.exit_date.is_not(None), Participant.exit_date <= on)
    if status == Filter.APPLICANTS:
        return (Participant.admission_date.is_(None), Participant.exit_date.is_(None))
    return ()


def clean_fields(session: Session, values: ParticipantFields, *, own_id: int | None, today: date,
                 required: Sequence[str] = ()) -> dict:
    """Validated, normalised column values; raises every bad field at once (ValidationErrors), the
    offer to readmit (ReadmissionOffered) only when nothing else is wrong. The dates ``required``
    (e.g. the admission date of an admission) must be given."""
    checks = Checks()
    for name in required:
        if getattr(values, name) is None:
            checks.errors.append(ValidationError(name, _(REQUIRED_DATES[name])))
    cleaned = {f.name: getattr(values, f.name) for f in fields(values)}
    for name, value in cleaned.items():
        if isinstance(value, str) and not isinstance(value, Enum) and name != "notes":
            cleaned[name] = " ".join(value.split())
    with checks.field():
        cleaned["first_name"] = clean_name("first_name", values.first_name,
                                           required=_("The first name is required."))
    with checks.field():
        cleaned["last_name"] = clean_name("last_name", values.last_name, required=_("The surname is required."))
    pesel, offer = None, None
    with checks.field():
        pesel = cleaned["pesel"] = clean_pesel("pesel", values.pesel)
    with checks.field():
        if pesel:
            encoded = pesel_birth_date(pesel)
            cleaned["birth_date"] = encoded
            cleaned["sex"] = pesel_sex(pesel)
            if values.birth_date is not None and values.birth_date != encoded:
                raise ValidationError("birth_date", _(
                    "The birth date does not agree with the PESEL ({date}).").format(date=format_date(encoded)))
        elif values.birth_date is None and not checks.failed("pesel"):
            raise ValidationError("birth_date", _("The birth date is required when there is no PESEL."))
    if pesel:
        try:
            _check_pesel_free(session, pesel, own_id)
        except ReadmissionOffered as error:
            offer = error
        except ValidationError as error:
            checks.errors.append(error)
    birth = cleaned["birth_date"]
    with checks.field():
        not_in_future("birth_date", birth, today, message=_("The birth date cannot be in the future."))
    _check_order(checks, values, birth)
    with checks.field():
        cleaned["disability_causes"] = _clean_causes(values.disability_causes)
    with checks.field():
        cleaned["eligibility_groups"] = _clean_groups(values.eligibility_groups)
    with checks.field():
        cleaned["postal_code"] = clean_postal_code("postal_code", cleaned["postal_code"])
    with checks.field():
        cleaned["email"] = clean_email("email", cleaned["email"])
    with checks.field():
        check_lengths(Participant, cleaned)
    checks.raise_any()
    if offer is not None:
        raise offer
    return cleaned


def check_fields(session: Session, values: ParticipantFields, *, participant_id: int | None = None,
                 required: Sequence[str] = (), readmitting: bool = False, actor: User | None = None,
                 today: date | None = None) -> None:
    """What ``clean_fields`` refuses, for a form checking as the user types (writes nothing): the
    fields of a new participant (``participant_id`` None) or of the stay ``participant_id``; with
    ``readmitting``, a new stay of that stay's person (``readmit``'s own rules too)."""
    if participant_id is not None:
        access.require_participant(session, actor, participant_id, today)
    checks = Checks()
    if readmitting and participant_id is not None:
        person = get_or_gone(session, Participant, participant_id).person
        with checks.field():
            _check_new_stay(person, _last_stay(person), values)
    with checks.field():
        clean_fields(session, values, own_id=participant_id, today=today or date.today(), required=required)
    checks.raise_any()


def _check_pesel_free(session: Session, pesel: str, own_id: int | None) -> None:
    """Refuses a PESEL of another person; a person whose stays have all ended is offered readmission."""
    person = _person_with_pesel(session, pesel)
    if person is None:
        return
    own_person = session.scalar(select(Participant.person_id).where(Participant.id == own_id)) if own_id else None
    if person.id == own_person:
        return
    last = _last_stay(person)
    if own_id is None and last.exit_date is not None and person.anonymised_at is None:
        raise ReadmissionOffered(_("{name} (PESEL {pesel}) had a stay that ended on {date}: readmit them for a "
                                   "new stay.").format(name=person.full_name, pesel=pesel,
                                                      date=format_date(last.exit_date)), person.id, last.id)
    raise ValidationError("pesel", _("{name} is already registered with the PESEL {pesel}.").format(
        name=person.full_name, pesel=pesel))


def _check_order(checks: Checks, values: ParticipantFields, birth: date | None) -> None:
    """The dates of a stay in their order; each refusal is kept in ``checks``."""
    admission = values.admission_date
    with checks.field():
        if birth and values.application_date and values.application_date < birth:
            raise ValidationError("application_date", _("The application date cannot be before the birth date."))
        if admission is not None and values.application_date is not None and values.application_date > admission:
            raise ValidationError("application_date",
                                  _("The application date cannot be after the admission date."))
    if admission is None:
        return
    with checks.field():
        if birth and admission <= birth:
            raise ValidationError("admission_date", _("The admission date must be after the birth date."))
    with checks.field():
        if values.planned_end_date is not None:
            if values.planned_end_date < admission:
                raise ValidationError("planned_end_date",
                                      _("The planned end cannot be before the admission date."))
            cis_clock.check_planned_end(values.programme, admission, values.planned_end_date)


def _check_dates_against_history(session: Session, participant: Participant, cleaned: dict) -> None:
    admission = cleaned["admission_date"]
    if admission is None:
        if participant.admission_date is not None:
            raise ValidationError("admission_date", _("The admission date is required."))
        return
    first_start = session.scalar(
        select(func.min(Placement.start_date)).where(Placement.participant_id == participant.id))
    if first_start is not None and first_start < admission:
        raise ValidationError("admission_date", _(
            "The admission date cannot be after the first placement ({date}).").format(date=format_date(first_start)))
    if participant.exit_date is not None and participant.exit_date < admission:
        raise ValidationError("admission_date", _(
            "The admission date cannot be after the exit date ({date}).").format(date=format_date(participant.exit_date)))
    previous_exit = session.scalar(select(func.max(Participant.exit_date)).where(
        Participant.person_id == participant.person_id, Participant.id < participant.id))
    if previous_exit is not None and admission <= previous_exit:
        raise ValidationError("admission_date", _(
            "The stay must start after the person's previous stay ended ({date}).").format(
            date=format_date(previous_exit)))


def _clean_causes(causes: list[str]) -> list[str]:
    cleaned = []
    for cause in causes:
        match = _CAUSE_PATTERN.match(cause.strip())
        code = f"{match.group(1)}-{match.group(2).upper()}" if match else cause.strip()
        if code not in DISABILITY_CAUSES:
            raise ValidationError("disability_causes", _(
                "“{code}” is not a cause-of-disability symbol (01-U … 12-C).").format(code=cause))
        if code not in cleaned:
            cleaned.append(code)
    if len(cleaned) > 3:
        raise ValidationError("disability_causes", _("A certificate lists at most three cause symbols."))
    return cleaned


def _clean_groups(groups: list[str]) -> list[str]:
    valid = {g.value for g in EligibilityGroup}
    for group in groups:
        if group not in valid:
            raise ValidationError("eligibility_groups", _("“{group}” is not an eligibility group.").format(
                group=group))
    return [g.value for g in EligibilityGroup if g.value in groups]


