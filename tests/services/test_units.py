"""Units of work on a database that others use too: a reader never waits, a writer waits for the
write lock and, still refused after the wait, says so in one sentence; a race lost to another
computer is a conflict, never a crash — on SQLite and, when REINTEGRA_TEST_DATABASE_URL is set,
on PostgreSQL."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from factories import placed, workshop
from reintegra.db.engine import make_engine
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import SkillGroup
from reintegra.db.models import AttendanceDay, WorkshopDayLog
from reintegra.services import attendance, plans, units
from reintegra.services.errors import ConflictError, DatabaseBusyError
from reintegra.services.plans import GoalFields, PlanFields

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")

DAY = date(2026, 3, 4)
BUSY = ("Baza danych jest zajęta przez inny komputer lub program i nic nie zostało zapisane; "
        "spróbuj ponownie za chwilę.")
RACE = ("Te dane zmieniono w tej samej chwili na innym komputerze i nic nie zostało zapisane; "
        "wczytaj je ponownie i spróbuj jeszcze raz.")
sqlite_only = pytest.mark.skipif(bool(SERVER_URL), reason="SQLite's write lock")
server_only = pytest.mark.skipif(not SERVER_URL, reason="set REINTEGRA_TEST_DATABASE_URL to a PostgreSQL URL")


@pytest.fixture
def recorded(engine):
    """(participant id, workshop id): one person placed in a workshop, present on DAY (version 1)."""
    with units.writing(engine) as session:
        room = workshop(session)
        person = placed(session, "Łucja", "Żółkiewska", date(2026, 3, 2), room.id)
        attendance.set_attendance(session, person.id, room.id, DAY, S.PRESENT)
    return person.id, room.id


@pytest.fixture
def impatient(database_path):
    """A second program on the same database that waits only a fifth of a second."""
    engine = make_engine(database_path, busy_timeout=0.2)
    yield engine
    engine.dispose()


def status_on(engine, participant_id) -> tuple[S, int]:
    with units.reading(engine) as session:
        row = session.scalar(select(AttendanceDay).where(AttendanceDay.participant_id == participant_id,
                                                         AttendanceDay.day == DAY))
        return row.status, row.version


def test_a_reader_does_not_wait_for_a_writer(engine, recorded, impatient):
    person, room = recorded
    with units.writing(engine) as writer:
        attendance.set_attendance(writer, person, room, DAY, S.SICK)
        writer.flush()
        never_waits = make_engine(impatient.url, busy_timeout=0)
        try:
            assert status_on(never_waits, person) == (S.PRESENT, 1)  # what is committed, at once
        finally:
            never_waits.dispose()
    assert status_on(engine, person) == (S.SICK, 2)


def test_still_busy_after_the_wait_is_one_sentence_and_nothing_is_written(engine, recorded, impatient):
    person, room = recorded
    with units.writing(engine) as other_program:
        attendance.set_attendance(other_program, person, room, DAY, S.EXCUSED)
        other_program.flush()  # holds the write lock (SQLite) or the row (PostgreSQL)
        with pytest.raises(DatabaseBusyError) as refused:
            with units.writing(impatient) as session:
                attendance.set_attendance(session, person, room, DAY, S.UNEXCUSED, remark="spóźnienie")
        assert refused.value.message == BUSY
        other_program.rollback()
    with units.reading(engine) as session:
        row = session.scalar(select(AttendanceDay).where(AttendanceDay.participant_id == person))
        assert (row.status, row.remark, row.version) == (S.PRESENT, "", 1)


@sqlite_only
def test_a_writing_unit_holds_the_write_lock_from_its_first_read(engine, recorded, impatient):
    # A deferred transaction would take the lock only at its first write, and then could not wait for it.
    person, _room = recorded
    with units.writing(engine) as only_read_so_far:
        assert status_on(engine, person) == (S.PRESENT, 1)
        only_read_so_far.scalar(select(AttendanceDay.id))
        with pytest.raises(DatabaseBusyError):
            with units.writing(impatient) as session:
                session.scalar(select(AttendanceDay.id))


@sqlite_only
def test_on_sqlite_a_racing_save_waits_and_then_meets_the_version_check(engine, recorded):
    person, room = recorded
    _second_computer_refused(
        engine, lambda session: attendance.set_attendance(session, person, room, DAY, S.SICK, expected_version=1),
        lambda session: attendance.set_attendance(session, person, room, DAY, S.LEAVE, expected_version=1),
        on_server=False)
    assert status_on(engine, person) == (S.SICK, 2)


@sqlite_only
def test_on_sqlite_a_stale_snapshot_that_writes_is_a_conflict(engine, recorded):
    # A transaction begun without the write lock (as code outside the units still does) reads,
    # another program saves, and then it writes: SQLite's SQLITE_BUSY_SNAPSHOT, a lost race.
    person, room = recorded
    with pytest.raises(ConflictError) as refused:
        with units.refusals_explained(), Session(engine) as stale, stale.begin():
            assert stale.scalar(select(AttendanceDay.status)) is S.PRESENT
            with units.writing(engine) as other:
                attendance.set_attendance(other, person, room, DAY, S.SICK)
            stale.execute(update(AttendanceDay).values(remark="x"))
    assert refused.value.message == RACE
    assert status_on(engine, person) == (S.SICK, 2)


def _wait_until_blocked(engine) -> None:
    """Returns once a PostgreSQL session waits for a lock (what the racing save does at its UPDATE)."""
    with engine.connect() as watcher:
        for _attempt in range(10_000):
            if watcher.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar():
                return
            watcher.rollback()
    raise AssertionError("the second save never waited for the first")


def _second_computer_refused(engine, first_save, second_save, *, on_server: bool = True) -> ConflictError:
    """Runs ``first_save`` in a write unit; while it holds its changes, another computer runs
    ``second_save`` in its own unit (on a server, it is seen waiting for the first's lock); the first
    commits; returns the ConflictError the second met."""
    def second_pc() -> None:
        with units.writing(engine) as session:
            second_save(session)

    with ThreadPoolExecutor(1) as pool:
        with units.writing(engine) as first:
            first_save(first)
            first.flush()
            second = pool.submit(second_pc)  # on SQLite: waits for the write lock, or begins after the commit
            if on_server:
                _wait_until_blocked(engine)
        with pytest.raises(ConflictError) as refused:
            second.result(timeout=10)
    return refused.value


@server_only
def test_on_a_server_two_saves_of_one_version_are_a_conflict_not_a_crash(engine, recorded):
    # READ COMMITTED: both read version 1; the second UPDATE … WHERE version = 1 waits for the
    # first, then matches no row (SQLAlchemy's StaleDataError).
    person, room = recorded
    refused = _second_computer_refused(
        engine, lambda session: attendance.set_attendance(session, person, room, DAY, S.SICK, expected_version=1),
        lambda session: attendance.set_attendance(session, person, room, DAY, S.LEAVE, expected_version=1))
    assert refused.message == RACE
    assert status_on(engine, person) == (S.SICK, 2)


@server_only
def test_on_a_server_two_first_saves_of_one_day_log_are_a_conflict_not_a_crash(engine, recorded):
    # Both see no log for the day and insert one: the second insert waits for the first, then
    # breaks the unique (workshop, day) constraint.
    _person, room = recorded
    refused = _second_computer_refused(
        engine, lambda session: attendance.save_day_log(session, room, DAY, "Pieczenie chleba"),
        lambda session: attendance.save_day_log(session, room, DAY, "Sprzątanie kuchni"))
    assert refused.message == RACE
    with units.reading(engine) as session:
        assert session.scalars(select(WorkshopDayLog.text)).all() == ["Pieczenie chleba"]


@server_only
def test_on_a_server_two_computers_recording_one_persons_new_day_are_a_conflict_not_a_crash(engine, recorded):
    # Both see the day not yet recorded and insert it: the unique (participant, day) constraint.
    person, room = recorded
    new_day = date(2026, 3, 5)
    refused = _second_computer_refused(
        engine, lambda session: attendance.set_attendance(session, person, room, new_day, S.PRESENT),
        lambda session: attendance.set_attendance(session, person, room, new_day, S.UNEXCUSED))
    assert refused.message == RACE
    with units.reading(engine) as session:
        assert session.scalar(select(AttendanceDay.status).where(AttendanceDay.day == new_day)) is S.PRESENT


@server_only
def test_on_a_server_a_goal_added_to_a_plan_deleted_meanwhile_is_a_conflict_not_a_crash(engine, recorded):
    # The second computer still sees the plan and adds a goal; its foreign key waits for the
    # deleting transaction, then finds the plan gone.
    person, _room = recorded
    with units.writing(engine) as session:
        plan = plans.create_plan(session, person, PlanFields(start=date(2026, 3, 2)))
    refused = _second_computer_refused(
        engine, lambda session: plans.delete_plan(session, plan.id, plan.version),
        lambda session: plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Wita się z grupą.")))
    assert refused.message == RACE
    with units.reading(engine) as session:
        assert plans.plans_for(session, person) == []


def test_a_unit_that_only_reads_refuses_to_write_instead_of_losing_it(engine, recorded):
    from reintegra.db.engine import WriteInReadUnit

    person, room = recorded
    with pytest.raises(WriteInReadUnit):
        with units.reading(engine) as session:
            attendance.set_attendance(session, person, room, DAY, S.SICK, expected_version=1)
            session.flush()
    assert status_on(engine, person) == (S.PRESENT, 1)
