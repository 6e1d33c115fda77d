"""A stay shows its person's columns as its own: read, written, and in queries (filter, order, select)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from reintegra.db.enums import Sex
from reintegra.db.models import PERSON_COLUMNS, Participant, Person


def test_a_stay_made_with_person_columns_makes_its_person(session):
    stay = Participant(first_name="Anna", last_name="Żak", pesel="85030412345", sex=Sex.FEMALE,
                       admission_date=date(2024, 1, 8))
    session.add(stay)
    session.flush()
    person = session.get(Person, stay.person_id)
    assert (person.first_name, person.last_name, person.pesel, person.sex) == ("Anna", "Żak", "85030412345",
                                                                               Sex.FEMALE)
    assert person.city == "" and person.disability_causes == []  # the table's defaults
    assert stay.full_name == "Anna Żak"


def test_two_stays_share_the_person(session):
    first = Participant(first_name="Jan", last_name="Nowak", admission_date=date(2020, 1, 1))
    session.add(first)
    session.flush()
    second = Participant(person=first.person, admission_date=date(2024, 1, 1))
    session.add(second)
    session.flush()
    version = first.version
    second.city = "Kętrzyn"
    session.flush()
    assert first.city == "Kętrzyn" and first.person is second.person
    assert second.version == 2 and first.version == version  # the stay it was changed through goes up
    assert [stay.id for stay in first.person.stays] == [first.id, second.id]


def test_person_columns_work_in_queries(session):
    for first, last, pesel in [("Ewa", "Zając", "90051712375"), ("Adam", "Bąk", None), ("Ola", "Bąk", None)]:
        session.add(Participant(first_name=first, last_name=last, pesel=pesel, admission_date=date(2024, 1, 1)))
    session.flush()
    assert session.scalar(select(Participant.first_name).where(Participant.pesel == "90051712375")) == "Ewa"
    assert session.scalars(select(Participant.first_name).order_by(Participant.last_name.desc(),
                                                                   Participant.first_name)).all() == \
        ["Ewa", "Adam", "Ola"]
    assert session.scalar(select(func.count()).select_from(Participant)
                          .where(func.lower(Participant.last_name).like("%bąk%"))) == 2
    row = session.execute(select(Participant.id, Participant.last_name).where(Participant.pesel.is_(None))
                          .order_by(Participant.id)).first()
    assert row.last_name == "Bąk"
    assert session.scalars(select(Participant).filter_by(last_name="Zając")).one().first_name == "Ewa"
    # Values come back as the person's column types give them.
    session.add(Participant(first_name="Iga", last_name="Lis", sex=Sex.FEMALE, disability_causes=["02-P"],
                            certificate_permanent=True, admission_date=date(2024, 1, 1)))
    session.flush()
    assert session.execute(select(Participant.sex, Participant.disability_causes)
                           .where(Participant.certificate_permanent.is_(True))).one() == (Sex.FEMALE, ["02-P"])


def test_every_person_column_is_a_column_of_persons_and_not_of_participants():
    assert set(PERSON_COLUMNS) <= set(Person.__table__.c.keys())
    assert not set(PERSON_COLUMNS) & set(Participant.__table__.c.keys())
    assert all(hasattr(Participant, name) for name in PERSON_COLUMNS)


def test_a_person_column_set_on_a_stay_read_again_from_the_database(engine):
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        stay = Participant(first_name="Jan", last_name="Nowak", admission_date=date(2020, 1, 1))
        session.add(stay)
        session.flush()
        stay_id = stay.id
    with Session(engine) as session, session.begin():
        stay = session.get(Participant, stay_id)
        session.expire(stay, ["updated_at"])
        stay.phone = "600 100 200"
    with Session(engine) as session:
        stay = session.get(Participant, stay_id)
        assert (stay.phone, stay.version, stay.person.version) == ("600 100 200", 2, 2)
