"""Realistic demo data: a whole WTZ or CIS with years of history, for trying the program.

The facility, its users and workshops go through the services; the thousands of rows of
history (participants, placements, attendance, notes, plans, assessments, follow-ups) are
made in memory by ``timeline``, ``people`` and ``records`` and written with
bulk inserts, ids included, so that 300 participants over 10 years take seconds, not minutes.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from reintegra.db.enums import Programme, Role, SkillGroup
from reintegra.db.models import (
    Assessment,
    AssessmentScore,
    AttendanceDay,
    FollowUp,
    IndividualPlan,
    PERSON_COLUMNS,
    Participant,
    Person,
    Placement,
    PlanGoal,
    PlanReview,
    ProgressNote,
    SkillArea,
    User,
    WorkshopDayLog,
)
from reintegra.i18n import _
from reintegra.services import calendar, demo_database, facility, workshops
from reintegra.demo import texts
from reintegra.services.dates import add_months
from reintegra.demo.people import PeopleMaker, ascii_name, family_name, feminine_surname
from reintegra.demo.records import Ids, RecordMaker, Setting
from reintegra.demo.timeline import (
    WorkingDays,
    assign_workshops,
    facility_days_off,
    place_count,
    plan_stays,
)
from reintegra.services.demo_database import ADMIN_PASSWORD, ADMIN_USERNAME, STAFF_PASSWORD
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.users import hash_password

MAX_PARTICIPANTS = 5000
MAX_YEARS = 30
_DAY_HOURS = {Programme.WTZ: Decimal("7"), Programme.CIS: Decimal("6")}
_BULK_MODELS = (Person, Participant, Placement, AttendanceDay, WorkshopDayLog, ProgressNote, IndividualPlan, PlanGoal,
                PlanReview, Assessment, AssessmentScore, FollowUp)


@dataclass(frozen=True)
class DemoResult:
    participants: int  # everyone registered, applicants on the waiting list included
    workshops: int
    attendance_days: int
    users: int
    active: int  # taking part today
    seed: int


def generate_demo(
    session: Session,
    *,
    participants: int = 300,
    years: int = 10,
    seed: int | None = None,
    programme: Programme = Programme.WTZ,
    today: date | None = None,
) -> DemoResult:
    """Fills an empty database with a believable facility and ``years`` of its history up to
    ``today``. The same seed and the same ``today`` give the same data."""
    faker = _faker_class()
    _check_arguments(participants, years, programme)
    _refuse_unless_empty(session)
    today = today or date.today()
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    rng = random.Random(seed)
    fake = faker("pl_PL")
    fake.seed_instance(seed)
    town = rng.choice(texts.TOWNS)

    days = WorkingDays(add_months(today, -12 * years), calendar.next_working_day(today, -1))
    applicants = min(8, round(participants * 0.03)) if participants > 1 else 0
    admitted = participants - applicants
    places = place_count(programme, admitted, years)
    stays = plan_stays(rng, programme, admitted, places, days)
    capacities = _capacities(rng, places)
    assign_workshops(rng, programme, stays, capacities, days)

    setting = _set_up_facility(session, rng, fake, programme, town, capacities, today, days)
    ids = Ids({model.__tablename__: _next_id(session, model) for model in _BULK_MODELS})
    people = PeopleMaker(rng, fake, programme, town, today)
    records = RecordMaker(rng, fake, setting, ids)
    participant_rows = []
    opening = days.days[0]
    for stay in stays:
        # Months or years on the waiting list; the first group applied shortly before the opening.
        waited = stay.admission - timedelta(days=rng.randint(20, 700))
        application = min(max(waited, opening - timedelta(days=rng.randint(10, 120))), stay.admission)
        row, person = people.row(ids.take(Participant.__tablename__), stay, application)
        records.add_stay(person, row)
        participant_rows.append(row)
    for _index in range(applicants):
        application = max(today - timedelta(days=rng.randint(30, 1000)), opening)
        row, _person = people.row(ids.take(Participant.__tablename__), None, application)
        participant_rows.append(row)
    records.add_day_logs()

    _bulk_insert(session, Person, _split_persons(participant_rows))
    _bulk_insert(session, Participant, participant_rows)
    for model in _BULK_MODELS[2:]:
        _bulk_insert(session, model, getattr(records.records, model.__tablename__))
    _advance_sequences(session)
    if programme is Programme.CIS:
        from reintegra.demo.benefits import add_benefits

        add_benefits(session, seed, today)
    result = DemoResult(
        participants=len(participant_rows), workshops=len(capacities),
        attendance_days=len(records.records.attendance), users=len(capacities) + 2,
        active=sum(1 for stay in stays if stay.exit is None), seed=seed,
    )
    demo_database.mark_as_demo(session, {
        "programme": programme, "participants": result.participants, "workshops": result.workshops,
        "attendance_days": result.attendance_days, "years": years, "seed": seed, "today": today,
    })
    session.flush()
    return result


def _faker_class():
    try:
        from faker import Faker
    except ImportError:
        raise ReintegraError(_(
            "Demo data needs the Faker library: install Reintegra with the demo extra "
            "(pip install \"reintegra[demo]\").")) from None
    return Faker


def _check_arguments(participants: int, years: int, programme: Programme) -> None:
    if not 1 <= participants <= MAX_PARTICIPANTS:
        raise ValidationError("participants", _("The number of participants must be between 1 and {max}.").format(
            max=MAX_PARTICIPANTS))
    if not 1 <= years <= MAX_YEARS:
        raise ValidationError("years", _("The number of years must be between 1 and {max}.").format(max=MAX_YEARS))
    if programme not in _DAY_HOURS:
        raise ValidationError("programme", _("Demo data can be made for a WTZ or a CIS only."))


def _refuse_unless_empty(session: Session) -> None:
    if not demo_database.is_empty(session):
        raise ReintegraError(_("This database already holds data; demo data goes only into an empty database."))


def _capacities(rng: random.Random, places: int) -> list[int]:
    """4–6 workshops whose places add up to a little more than the facility needs."""
    count = min(6, max(4, round(places / 10)))
    total = max(math.ceil(places * 1.15), count * 3)
    weights = [rng.uniform(0.8, 1.2) for _ in range(count)]
    weights[0] *= 1.3  # the kitchen is the biggest workshop
    capacities = [max(3, math.floor(total * weight / sum(weights))) for weight in weights]
    capacities[0] += max(0, total - sum(capacities))
    return capacities


def _set_up_facility(session: Session, rng: random.Random, fake, programme: Programme, town: texts.Town,
                     capacities: list[int], today: date, days: WorkingDays) -> Setting:
    """The facility, its users, workshops and skill areas.

    Each workshop has one instructor for every five places (the WTZ staffing rule); the first is the
    one who writes its day log and notes.
    """
    staff_hash = hash_password(STAFF_PASSWORD)
    admin = User(username=ADMIN_USERNAME, full_name="Administrator", role=Role.ADMINISTRATOR,
                 password_hash=hash_password(ADMIN_PASSWORD))
    director_name = _staff_name(rng, fake)
    director = User(username="kierownik", full_name=director_name, role=Role.DIRECTOR, password_hash=staff_hash)
    session.add_all([admin, director])
    kinds = list(texts.WORKSHOP_ORDER[:len(capacities)])
    if len(capacities) > len(kinds):
        kinds.append(rng.choice(texts.EXTRA_WORKSHOPS))
    taken = {ADMIN_USERNAME, "kierownik"}
    teams = []
    for capacity in capacities:
        team = []
        for _place in range(math.ceil(capacity / 5)):
            name = _staff_name(rng, fake)
            team.append(User(username=_username(name, taken), full_name=name, role=Role.INSTRUCTOR,
                             password_hash=staff_hash))
        teams.append(team)
    session.add_all([user for team in teams for user in team])
    session.flush()
    instructors = [team[0] for team in teams]

    template, names = texts.FACILITY_NAMES[programme]
    own_name = rng.choice(names)
    facility.update_facility(session, facility.FacilityFields(
        name=template.format(name=own_name, town=town.locative), kind=programme,
        address=f"ul. {fake.street_name()} {rng.randint(1, 60)}", postal_code=town.postal_code, city=town.name,
        phone=f"{town.area_code} {rng.randint(200, 899)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        email=f"sekretariat@{texts.FACILITY_MAIL[programme]}-{ascii_name(own_name).lower().replace(' ', '')}.pl",
        director_name=director_name, day_length_hours=_DAY_HOURS[programme],
    ))
    created = []
    for kind, capacity, team in zip(kinds, capacities, teams):
        text_of = texts.WORKSHOPS[kind]
        name = text_of.wtz_name if programme is Programme.WTZ else text_of.cis_name
        created.append(workshops.create_workshop(session, name, kind, capacity,
                                                 instructor_ids=[user.id for user in team],
                                                 description=text_of.description))
    return Setting(
        programme=programme, town=town, today=today, day_hours=_DAY_HOURS[programme], days=days,
        closed=facility_days_off(days.days[0], days.days[-1]),
        workshop_ids=[w.id for w in created], workshop_kinds=kinds, workshop_names=[w.name for w in created],
        instructor_ids=[u.id for u in instructors], instructor_names=[u.full_name for u in instructors],
        director_id=director.id, director_name=director_name, skill_areas=_skill_areas(session),
    )


def _staff_name(rng: random.Random, fake) -> str:
    if rng.random() < 0.75:  # most instructors and directors of such facilities are women
        return f"{fake.first_name_female()} {feminine_surname(family_name(rng))}"
    return f"{fake.first_name_male()} {family_name(rng)}"


def _username(full_name: str, taken: set[str]) -> str:
    first, last = full_name.split(" ")[0], full_name.rsplit(" ", 1)[1]  # "Anna Maria Nowak": a.nowak
    base = f"{ascii_name(first)[0]}.{ascii_name(last)}".lower().replace(" ", "")
    username, number = base, 2
    while username in taken:
        username, number = f"{base}{number}", number + 1
    taken.add(username)
    return username


def _skill_areas(session: Session) -> list[tuple[int, SkillGroup]]:
    """The facility's active skill areas; the demo's own set when there are none yet."""
    existing = session.execute(
        select(SkillArea.id, SkillArea.group).where(SkillArea.active.is_(True)).order_by(SkillArea.position)
    ).all()
    if existing:
        return [tuple(row) for row in existing]
    areas = [SkillArea(name=name, group=group, position=position, scale_max=5, level_descriptions=texts.SKILL_LEVELS)
             for position, (name, group) in enumerate(texts.SKILL_AREAS)]
    session.add_all(areas)
    session.flush()
    return [(area.id, area.group) for area in areas]


def _split_persons(participant_rows: list[dict]) -> list[dict]:
    """Takes the person's columns out of each participant row (each demo person has one stay, the
    person's id the stay's); returns the persons' rows."""
    persons = []
    for row in participant_rows:
        person = {"id": row["id"], **{column: row.pop(column) for column in PERSON_COLUMNS if column in row}}
        for column in ("created_at", "updated_at"):
            if column in row:
                person[column] = row[column]
        persons.append(person)
        row["person_id"] = row["id"]
    return persons


def _next_id(session: Session, model) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _bulk_insert(session: Session, model, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(model.__table__), rows)


def _advance_sequences(session: Session) -> None:
    """PostgreSQL hands out ids from sequences, which explicit ids do not move: set each one
    past the highest id so that the next ordinary insert does not collide."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in _BULK_MODELS:
        highest = session.scalar(select(func.max(model.id)))
        if highest:
            session.execute(text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value)"),
                            {"table": model.__tablename__, "value": highest})
