"""Backups: a copy of every row, restored equal; bad files refused; rotation; the integrity check."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from factories import admit, placed, workshop
from stored_databases import copy_stored, stored_databases
from reintegra.db import schema
from reintegra.db.engine import is_sqlite, make_engine
from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
    AuditAction,
    ExitReason,
    GoalStatus,
    NoteCategory,
    PlanKind,
    Programme,
    ReviewKind,
    Role,
    SkillGroup,
)
from reintegra.db.models import (
    Assessment,
    AssessmentScore,
    AuditEntry,
    AnnualReportSection,
    Base,
    BenefitPremium,
    BenefitRule,
    Certificate,
    IndividualPlan,
    Participant,
    PlanGoal,
    PlanReview,
    SignInAttempts,
    SkillArea,
    Workshop,
)
from reintegra.paths import backups_dir
from reintegra.services import attendance, facility, notes, participants, users
from reintegra.services.backup import (
    automatic_backup,
    automatic_backups,
    backup_database,
    check_database,
    restore_database,
)
from reintegra.services.errors import ReintegraError


def fill_every_table(engine) -> None:
    """At least one row in every table, with Polish letters, dates, money-like numbers and JSON."""
    with Session(engine) as session, session.begin():
        director = users.create_user(session, "dyrektor", "tajne-hasło-1", Role.DIRECTOR, "Bożena Źdźbło")
        instructor = users.create_user(session, "instruktor", "tajne-hasło-2", Role.INSTRUCTOR, "Łukasz Śliwa")
        facility.update_facility(session, facility.FacilityFields(
            name="Warsztat Terapii Zajęciowej „Źródło”", city="Łódź", postal_code="90-001",
            day_length_hours=Decimal("6.50")), actor=director)
        facility.set_logo(session, bytes(range(256)) * 4, actor=director)
        kitchen = workshop(session, "Pracownia gastronomiczna")
        kitchen.instructors = [instructor]
        zdzislaw = placed(session, "Zdzisław", "Gęślą-Żółć", date(2024, 1, 8), kitchen.id, serial=11,
                          disability_causes=["02-P", "07-S"], notes="Lubi pierogi; uczulony na orzechy.")
        halina = placed(session, "Halina", "Ćwikła", date(2024, 2, 1), kitchen.id, serial=12)
        attendance.set_attendance(session, zdzislaw.id, kitchen.id, date(2024, 3, 4), AttendanceStatus.PRESENT,
                                  hours=Decimal("3.75"), remark="Ćwiczył krojenie", actor=instructor)
        attendance.set_attendance(session, halina.id, kitchen.id, date(2024, 3, 4), AttendanceStatus.SICK)
        attendance.save_day_log(session, kitchen.id, date(2024, 3, 4), "Gotowaliśmy żurek.", actor=instructor)
        notes.add_note(session, zdzislaw.id, date(2024, 3, 5), NoteCategory.SOCIAL, "Pomaga koleżankom.",
                       workshop_id=kitchen.id, actor=instructor)
        participants.exit_participant(session, halina.id, halina.version, date(2024, 6, 28),
                                      ExitReason.EMPLOYMENT, destination="Piekarnia „Kłos”", actor=director)
        plan = IndividualPlan(participant_id=zdzislaw.id, kind=PlanKind.IPR, start_date=date(2024, 1, 8),
                              planned_results="Samodzielne przygotowanie śniadania.")
        plan.goals.append(PlanGoal(area=SkillGroup.SELF_RELIANCE, description="Zakupy w sklepie",
                                   status=GoalStatus.IN_PROGRESS, target_date=date(2024, 12, 31)))
        plan.reviews.append(PlanReview(day=date(2024, 7, 1), kind=ReviewKind.PERIODIC, conclusion="Postępy.",
                                       reviewer_id=director.id))
        area = SkillArea(name="Samoobsługa", group=SkillGroup.SELF_RELIANCE,
                         level_descriptions=["brak", "pełna"])
        assessment = Assessment(participant_id=zdzislaw.id, day=date(2024, 6, 30),
                                assessor_kind=AssessorKind.COUNCIL, comment="Ocena półroczna",
                                created_at=datetime(2024, 6, 30, 14, 5, 9))
        assessment.scores.append(AssessmentScore(skill_area=area, score=4))
        session.add_all([plan, area, assessment, BenefitRule(
            valid_from=date(2022, 1, 1), amount=Decimal("1033.60"), unexcused_day_deduction=Decimal("0.04545"),
            sick_days_limit=21, description="Nieusprawiedliwiona nieobecność"),
            SignInAttempts(username="ździsław", failures=3, last_failure_at=datetime(2024, 7, 2, 8, 1, 2)),
            BenefitPremium(participant_id=zdzislaw.id, month=date(2024, 3, 1), amount=Decimal("206.72"),
                           note="Za zaangażowanie"),
            Certificate(year=2024, sequence=7, issued_on=date(2024, 6, 28), participant_id=halina.id,
                        holder="Halina Ćwikła", period_start=date(2024, 2, 1), period_end=date(2024, 6, 28),
                        content={"skills": "Obsługa kasy; źródła żywności", "workshops": [["Gastronomia", 412.5]]}),
            AnnualReportSection(year=2024, programme=Programme.WTZ, section="income",
                                text="Sprzedaż pierogów: 1 234,56 zł")])


def snapshot(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {table.name: connection.execute(select(table).order_by(*table.primary_key.columns)).all()
                for table in Base.metadata.sorted_tables}


def without_log(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """Every table but the audit log, which a restore keeps and adds to (tested on its own)."""
    return {name: table for name, table in rows.items() if name != "audit_log"}


def log_of(engine) -> list[tuple]:
    """(moment, login, action, entity, entity id, changes) of every audit entry, in the order of their ids."""
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(AuditEntry.at, AuditEntry.username, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id,
                   AuditEntry.changes).order_by(AuditEntry.id))]


def raw_rows(engine) -> dict[str, list[tuple]]:
    """What SQLite itself stores, value by value, for the byte-for-byte comparison."""
    with sqlite3.connect(engine.url.database) as connection:
        return {table.name: connection.execute(
            f'SELECT * FROM "{table.name}" ORDER BY '  # names from our own metadata
            + ", ".join(f'"{column.name}"' for column in table.primary_key.columns)).fetchall()
            for table in Base.metadata.sorted_tables}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_and_restore_give_back_every_row(engine, tmp_path):
    fill_every_table(engine)
    before = snapshot(engine)
    assert all(before.values()), [name for name, rows in before.items() if not rows]
    raw_before = raw_rows(engine) if is_sqlite(engine) else None

    folder = tmp_path / "kopie"
    folder.mkdir()
    path = backup_database(engine, folder / "kopia #1 – żółć.db")

    assert path == folder / "kopia #1 – żółć.db"
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left behind
    with sqlite3.connect(path) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        names = copy.execute("SELECT first_name, last_name FROM persons").fetchall()
        assert ("Zdzisław", "Gęślą-Żółć") in names
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(schema.head_revision(),)]
    backup_digest = digest(path)

    with Session(engine) as session, session.begin():
        session.execute(delete(Participant))
        session.add(Workshop(name="Pracownia stolarska"))
        if not is_sqlite(engine):  # as on a new server: its id counter starts again from 1
            session.execute(select(func.setval(func.pg_get_serial_sequence("participants", "id"), 1, False)))
    log_before_restore = log_of(engine)
    restore_database(engine, path)

    assert without_log(snapshot(engine)) == without_log(before)
    if raw_before is not None:
        assert without_log(raw_rows(engine)) == without_log(raw_before)
    # The log keeps what it held before the restore (the backup's own entry made after the copy
    # included), then records the restore.
    *kept, restore_entry = log_of(engine)
    assert kept == log_before_restore
    assert restore_entry[2:4] == (AuditAction.RESTORE, "database")
    assert restore_entry[5]["file"] == str(path) and restore_entry[5]["kept_entries"] == 1
    assert digest(path) == backup_digest
    with Session(engine) as session, session.begin():  # new rows continue after the restored ids
        newcomer = admit(session, "Irena", "Nowak", date(2025, 1, 2), serial=13)
        assert newcomer.id == max(row.id for row in before["participants"]) + 1
    [safety] = automatic_backups()
    assert restore_entry[5]["safety_backup"] == str(safety)
    assert "before-restore" in safety.name
    with sqlite3.connect(safety) as copy:
        assert copy.execute("SELECT name FROM workshops WHERE name = 'Pracownia stolarska'").fetchall()
        assert copy.execute("SELECT count(*) FROM participants").fetchone() == (0,)


def test_backup_holds_only_committed_rows_while_another_connection_writes(engine, tmp_path):
    with Session(engine) as session, session.begin():
        workshop(session, "Pracownia florystyczna")
    if is_sqlite(engine):
        # Another program's write, still open while the copy is made; it ends a moment later, and the
        # backup's entry in the audit log waits for it (as every writer waits for the write lock).
        other = sqlite3.connect(engine.url.database, check_same_thread=False, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO workshops (name, kind, capacity, active, description, version, created_at) "
                      "VALUES ('Niezatwierdzona', 'other', 6, 1, '', 1, '2025-01-01 00:00:00')")
        later = threading.Timer(0.5, other.rollback)
        later.start()
        try:
            path = backup_database(engine, tmp_path / "w-trakcie.db")
        finally:
            later.join()
            other.close()
    else:
        with engine.connect() as other:
            other.execute(insert(Workshop), {"name": "Niezatwierdzona", "kind": "other", "capacity": 6,
                                             "active": True, "description": "", "version": 1,
                                             "created_at": datetime(2025, 1, 1)})
            path = backup_database(engine, tmp_path / "w-trakcie.db")
            other.rollback()
    with sqlite3.connect(path) as copy:
        assert copy.execute("SELECT name FROM workshops").fetchall() == [("Pracownia florystyczna",)]
    assert log_of(engine)[-1][2:] == (AuditAction.BACKUP, "database", None, {"file": str(path)})


@pytest.mark.parametrize("make_junk", [
    lambda path: path.write_text("imię;nazwisko\nJan;Kowalski\n", encoding="utf-8"),
    lambda path: None,  # the file does not exist
    lambda path: sqlite3.connect(path).execute("CREATE TABLE lista (imię TEXT)").connection.commit(),
    lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000),
], ids=["csv", "missing", "other-sqlite", "damaged"])
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(engine, tmp_path, make_junk):
    fill_every_table(engine)
    before = snapshot(engine)
    junk = tmp_path / "lista.csv"
    make_junk(junk)

    with pytest.raises(ReintegraError) as refused:
        restore_database(engine, junk)

    message = str(refused.value)
    assert "\n" not in message and str(junk) in message
    assert snapshot(engine) == before
    assert automatic_backups() == []


def test_restore_explains_what_is_wrong_in_polish(engine, tmp_path):
    csv = tmp_path / "lista.csv"
    csv.write_text("imię;nazwisko\n", encoding="utf-8")
    with pytest.raises(ReintegraError, match="nie jest kopią zapasową"):
        restore_database(engine, csv)
    with pytest.raises(ReintegraError, match="nie istnieje"):
        restore_database(engine, tmp_path / "brak.db")


def test_restore_refuses_a_backup_from_a_newer_program(engine, tmp_path):
    fill_every_table(engine)
    path = backup_database(engine, tmp_path / "kopia.db")
    with sqlite3.connect(path) as copy:
        copy.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with Session(engine) as session, session.begin():
        session.execute(delete(Participant))
    before = snapshot(engine)

    with pytest.raises(ReintegraError, match="nowsza wersja"):
        restore_database(engine, path)
    assert snapshot(engine) == before


def test_restore_refuses_a_backup_with_a_value_no_column_accepts(engine, tmp_path):
    fill_every_table(engine)
    path = backup_database(engine, tmp_path / "kopia.db")
    with sqlite3.connect(path) as copy:
        copy.execute("UPDATE attendance SET status = 'na wycieczce'")
    before = snapshot(engine)

    with pytest.raises(ReintegraError, match="nic nie zostało zmienione"):
        restore_database(engine, path)
    assert snapshot(engine) == before


def test_restore_a_truncated_backup_changes_nothing(engine, tmp_path):
    fill_every_table(engine)
    path = backup_database(engine, tmp_path / "kopia.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = snapshot(engine)

    with pytest.raises(ReintegraError) as refused:
        restore_database(engine, path)
    assert "\n" not in str(refused.value)
    assert snapshot(engine) == before


def test_restore_upgrades_a_backup_from_an_earlier_version(engine, tmp_path, harmless_next):
    # A backup made by the previous release (the newest stored filled database), restored by a
    # program one revision newer (the real migrations plus a made-up next one).
    schema.upgrade(engine)
    with Session(engine) as session, session.begin():
        admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    stored = stored_databases()[-1]
    path = copy_stored(stored, tmp_path)
    old_digest = digest(path)
    (tmp_path / "expected").mkdir()
    expected = make_engine(copy_stored(stored, tmp_path / "expected"))
    schema.upgrade(expected)  # the stored rows as the upgrade should leave them

    log_before = log_of(engine)
    restore_database(engine, path)

    assert schema.current_revision(engine) == harmless_next == schema.head_revision()
    assert without_log(snapshot(engine)) == without_log(snapshot(expected))
    # The stored backup's history, then the replaced database's (Kowalski's admission), then the restore.
    assert log_of(engine)[:-1] == log_of(expected) + log_before
    assert log_of(engine)[-1][2] is AuditAction.RESTORE
    assert "Kowalski" not in {row.last_name for row in snapshot(engine)["persons"]}
    assert digest(path) == old_digest  # the upgrade ran on a temporary copy
    expected.dispose()


def test_automatic_backups_keep_the_newest_ten(engine):
    with Session(engine) as session, session.begin():
        admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    made = [automatic_backup(engine, "before-upgrade") for _ in range(12)]

    assert automatic_backups() == made[2:]
    assert all(path.parent == backups_dir() and path.name.endswith("-before-upgrade.db") for path in made)
    with sqlite3.connect(made[-1]) as copy:
        assert copy.execute("SELECT last_name FROM persons").fetchall() == [("Kowalski",)]


def test_automatic_backups_leave_other_files_alone(engine):
    mine = backups_dir() / "moja-kopia.db"
    mine.write_bytes(b"")
    for _ in range(11):
        automatic_backup(engine, "Przed aktualizacją!")
    assert mine.exists() and len(automatic_backups()) == 10
    assert automatic_backups()[-1].name.endswith("-przed-aktualizacją.db")


def test_backup_refuses_to_overwrite_its_own_database(tmp_path):
    path = tmp_path / "reintegra.db"
    engine = make_engine(path)
    schema.upgrade(engine)
    with Session(engine) as session, session.begin():
        admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    for target in (path, tmp_path / "podkatalog" / ".." / "reintegra.db"):
        with pytest.raises(ReintegraError, match="nie może zastąpić"):
            backup_database(engine, target)
    with Session(engine) as session:
        assert session.scalars(select(Participant.last_name)).all() == ["Kowalski"]
    engine.dispose()


def test_a_backup_that_cannot_be_written_says_why_and_leaves_nothing(engine, tmp_path):
    out = tmp_path / "kopie"
    out.mkdir()
    with pytest.raises(ReintegraError) as missing_folder:
        backup_database(engine, out / "nie-ma" / "kopia.db")
    folder = out / "katalog.db"
    folder.mkdir()
    with pytest.raises(ReintegraError) as onto_folder:
        backup_database(engine, folder)
    for error in (missing_folder, onto_folder):
        assert "\n" not in str(error.value) and "Nie udało się skopiować" in str(error.value)
    assert [p.name for p in out.iterdir()] == ["katalog.db"]
    assert list(folder.iterdir()) == []


def test_check_finds_nothing_wrong_in_a_good_database(engine):
    fill_every_table(engine)
    assert check_database(engine) == []


def test_check_finds_a_broken_foreign_key(tmp_path):
    path = tmp_path / "reintegra.db"
    engine = make_engine(path)
    schema.upgrade(engine)
    assert check_database(engine) == []
    with sqlite3.connect(path) as raw:  # a plain connection has foreign keys off
        raw.execute("INSERT INTO workshops (id, name, kind, capacity, active, description, created_at, version) "
                    "VALUES (1, 'Pracownia', 'other', 6, 1, '', '2024-01-01 00:00:00', 1)")
        raw.execute("INSERT INTO placements (id, participant_id, workshop_id, start_date, note, created_at, "
                    "version) VALUES (7, 999, 1, '2024-01-08', '', '2024-01-08 00:00:00', 1)")

    problems = check_database(engine)

    assert len(problems) == 1
    assert "placements" in problems[0] and "participants" in problems[0] and "7" in problems[0]
    engine.dispose()


def test_check_reports_the_schema_version(tmp_path):
    empty = make_engine(tmp_path / "pusta.db")
    [problem] = check_database(empty)
    assert "nie jest bazą programu Reintegra" in problem

    newer = make_engine(tmp_path / "nowsza.db")
    schema.upgrade(newer)
    with newer.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    [problem] = check_database(newer)
    assert "nowsza wersja" in problem
    for engine in (empty, newer):
        engine.dispose()


def test_check_of_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "lista.db"
    path.write_text("imię;nazwisko\n" * 200, encoding="utf-8")
    engine = make_engine(path)
    with pytest.raises(ReintegraError) as failed:
        check_database(engine)
    assert "\n" not in str(failed.value) and "Nie udało się sprawdzić" in str(failed.value)
    engine.dispose()


def test_restore_into_a_new_empty_database(engine, tmp_path):
    fill_every_table(engine)
    path = backup_database(engine, tmp_path / "kopia.db")
    before = snapshot(engine)
    fresh = make_engine(tmp_path / "nowa.db")
    schema.upgrade(fresh)

    restore_database(fresh, path)

    assert without_log(snapshot(fresh)) == without_log(before)
    assert [entry[2] for entry in log_of(fresh)] == [entry[2] for entry in log_of(engine)[:-1]] + [
        AuditAction.RESTORE]  # the backup's history (without its own entry, made after the copy)
    fresh.dispose()
