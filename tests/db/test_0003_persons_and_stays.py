"""Revision 0003 turns each participant of a filled database into one person with one stay: the
person has the participant's name, PESEL and contacts, and every record stays with its stay."""

from __future__ import annotations

import os
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.models import AttendanceDay, Participant, Person, Placement, ProgressNote
from reintegra.services import participants
from reintegra.services.participants import ParticipantFields
from stored_databases import copy_stored, load_into_server, stored_path

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")
OWNED = ("placements", "attendance", "progress_notes", "individual_plans", "assessments", "follow_ups")


def _before(engine) -> tuple[dict, dict]:
    with engine.connect() as connection:
        people = {row[0]: tuple(row[1:]) for row in connection.execute(text(
            "SELECT id, first_name, last_name, pesel, birth_date, city, guardian_name, exit_date FROM participants"))}
        owners = {table: sorted(connection.execute(text(f"SELECT id, participant_id FROM {table}")).all())
                  for table in OWNED}
    return people, owners


def _check_upgrade(engine) -> None:
    people, owners = _before(engine)
    assert len(people) > 30 and all(owners.values())

    schema.upgrade(engine, "0003")

    with engine.connect() as connection:
        after = {row[0]: tuple(row[1:]) for row in connection.execute(text(
            "SELECT s.id, p.first_name, p.last_name, p.pesel, p.birth_date, p.city, p.guardian_name, s.exit_date"
            " FROM participants s JOIN persons p ON p.id = s.person_id"))}
        assert connection.execute(text("SELECT count(*) FROM persons")).scalar() == len(people)
        assert connection.execute(text("SELECT count(DISTINCT person_id) FROM participants")).scalar() == len(people)
        for table in OWNED:
            assert sorted(connection.execute(text(f"SELECT id, participant_id FROM {table}")).all()) == owners[table]
    assert after == people


@pytest.mark.parametrize("facility", ["wtz", "cis"])
@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_each_participant_becomes_a_person_with_one_stay_and_keeps_every_record(revision, facility, tmp_path):
    engine = make_engine(copy_stored(stored_path(revision, facility), tmp_path))
    try:
        _check_upgrade(engine)
    finally:
        engine.dispose()


@pytest.mark.skipif(not SERVER_URL, reason="REINTEGRA_TEST_DATABASE_URL is not set")
def test_each_participant_becomes_a_person_on_the_server(tmp_path):
    load_into_server(copy_stored(stored_path("0002", "wtz"), tmp_path), SERVER_URL)
    engine = make_engine(SERVER_URL)
    try:
        _check_upgrade(engine)
        schema.upgrade(engine)  # the service writes with the models of the head revision
        with Session(engine) as session, session.begin():  # the sequence of persons is past the copied ids
            newcomer = participants.admit(session, ParticipantFields(
                first_name="Nowa", last_name="Osoba", birth_date=date(1990, 1, 1), admission_date=date(2026, 12, 1)),
                today=date(2026, 12, 4))
            assert newcomer.person_id == session.scalar(select(func.max(Person.id)))
    finally:
        engine.dispose()


def test_an_upgraded_database_takes_new_people_and_readmissions(tmp_path):
    # The persons' ids were copied from the participants: the next person gets a free one (PostgreSQL's
    # sequence is moved past them by the migration, tested by the server upgrade test above).
    engine = make_engine(copy_stored(stored_path("0002", "wtz"), tmp_path))
    try:
        schema.upgrade(engine)
        with Session(engine) as session, session.begin():
            left = session.scalars(select(Participant).where(Participant.exit_date.is_not(None),
                                                             Participant.pesel.is_not(None))
                                   .order_by(Participant.id)).first()
            newcomer = participants.admit(session, ParticipantFields(
                first_name="Nowa", last_name="Osoba", birth_date=date(1990, 1, 1), admission_date=date(2026, 12, 1)),
                today=date(2026, 12, 4))
            again = participants.readmit(session, replace_admission(left, date(2026, 12, 1)),
                                         participant_id=left.id, today=date(2026, 12, 4))
            assert newcomer.person_id > left.person_id
            assert again.person_id == left.person_id
            assert session.scalar(select(func.count()).select_from(Person)) == \
                session.scalar(select(func.count()).select_from(Participant)) - 1
            assert session.scalar(select(func.count()).select_from(Placement)
                                  .where(Placement.participant_id == left.id)) > 0
            assert session.scalar(select(func.count()).select_from(AttendanceDay)
                                  .where(AttendanceDay.participant_id == again.id)) == 0
            assert session.scalar(select(func.count()).select_from(ProgressNote)
                                  .where(ProgressNote.participant_id == again.id)) == 0
    finally:
        engine.dispose()


def replace_admission(stay: Participant, admission: date) -> ParticipantFields:
    from dataclasses import replace

    return replace(ParticipantFields.of(stay), admission_date=admission, application_date=None,
                   planned_end_date=None)
