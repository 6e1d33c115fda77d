"""The demo mark: a database the demo generator filled is a demo, whatever its name or server."""

from __future__ import annotations

from sqlalchemy.orm import Session

from reintegra.db.enums import Role
from reintegra.services import demo_database, facility, users
from reintegra.services.facility import FacilityFields


def test_a_new_database_is_empty_and_not_a_demo(session):
    assert demo_database.is_empty(session)
    assert not demo_database.is_demo(session)


def test_a_set_up_database_is_neither_empty_nor_a_demo(session):
    facility.update_facility(session, FacilityFields(name="WTZ „Tęcza”"))
    assert not demo_database.is_empty(session)
    users.create_user(session, "ewa", "kawa-z-mlekiem", Role.ADMINISTRATOR, "Ewa Lis")
    session.commit()
    assert not demo_database.is_demo(session)


def test_the_generated_demo_is_marked(session, demo):
    assert demo_database.is_demo(session)
    assert not demo_database.is_empty(session)


def test_the_mark_is_kept_by_the_database(engine, session):
    demo_database.mark_as_demo(session, {"participants": 3})
    session.commit()
    with Session(engine) as other:
        assert demo_database.is_demo(other)
