"""Moving a facility to another database (services/database_copy.py): every row of every table with
its id, the counts checked on both sides, the source untouched, new ids after the copied ones; the
refusals in one sentence with nothing left behind; the connection check. A second database on the
PostgreSQL server (REINTEGRA_TEST_DATABASE_URL's name + "_copy") is the target of the server tests."""

from __future__ import annotations

import os
import sqlite3
from datetime import date

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from factories import admit
from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.enums import AttendanceStatus, AuditAction, Role
from reintegra.db.models import AuditEntry, Base, Participant, Placement, User
from reintegra.demo import generate_demo
from reintegra.services import attendance, units
from reintegra.services.database_copy import Holds, Reach, check_server, copy_database
from reintegra.services.errors import PermissionDenied, ReintegraError
from stored_databases import copy_stored, revision_of, stored_databases
from upgrade_rows import differences, read_rows
from copy_targets import server_target  # noqa: F401 - a fixture

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")
server_only = pytest.mark.skipif(not SERVER_URL, reason="set REINTEGRA_TEST_DATABASE_URL to a PostgreSQL URL")
HEAD_STORED = [path for path in stored_databases() if revision_of(path) == schema.head_revision()]
UNREACHABLE = "postgresql+psycopg://reintegra@127.0.0.1:1/reintegra"


def typed_rows(engine) -> dict[str, list[dict]]:
    """Every row of every table read through the models' column types, so that a SQLite file and a
    PostgreSQL server give the same Python values for the same data."""
    with engine.connect() as connection:
        return {table.name: [dict(row._mapping) for row in connection.execute(select(table))]
                for table in Base.metadata.sorted_tables}


def without_the_copys_entry(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {**rows, "audit_log": [row for row in rows["audit_log"] if row["action"] != AuditAction.COPY]}


def administrator(engine) -> User:
    with Session(engine, expire_on_commit=False) as session:
        return session.scalars(select(User).where(User.role == Role.ADMINISTRATOR).order_by(User.id)).first()


def copied(source_engine, target: str, **options):
    calls = []
    report = copy_database(source_engine, target, progress=lambda done, total: calls.append((done, total)),
                           **options)
    return report, calls


# --- every row, the source untouched ------------------------------------------------------


def test_the_demo_is_copied_into_a_new_file_with_every_row_and_the_source_unchanged(engine, demo, tmp_path):
    before = read_rows(engine)
    typed_before = typed_rows(engine)
    target = tmp_path / "kopia" / "reintegra.db"
    target.parent.mkdir()
    actor = administrator(engine)

    report, calls = copied(engine, str(target), actor=actor)

    assert read_rows(engine) == before  # the source only read: not even its audit log grew
    copy = make_engine(target)
    try:
        after = typed_rows(copy)
        assert differences(typed_before, without_the_copys_entry(after)) == []
        assert schema.current_revision(copy) == schema.head_revision()
        [entry] = [row for row in after["audit_log"] if row["action"] == AuditAction.COPY]
        assert entry["username"] == actor.username and entry["user_id"] == actor.id
        assert entry["changes"]["rows"] == report.rows
        with sqlite3.connect(target) as plain:
            assert plain.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        copy.dispose()
    expected = {table: len(rows) for table, rows in before.items()}
    assert {count.table: count.source for count in report.counts} == expected
    assert report.matches and report.rows == sum(expected.values())
    assert expected["attendance"] > 1000 and expected["audit_log"] > 0
    # Progress: never backwards, at least once a table, and ending at the whole.
    assert calls == sorted(calls) and len(calls) >= len(expected) and calls[-1] == (report.rows, report.rows)


def test_every_table_of_the_stored_databases_is_copied_row_for_row(tmp_path):
    # Between them the stored WTZ and CIS databases fill every table (tests/db/test_upgrades.py).
    filled = set()
    for stored in HEAD_STORED:
        source = make_engine(copy_stored(stored, tmp_path))
        target = tmp_path / f"kopia-{stored.stem}.db"
        try:
            before = read_rows(source)
            copy_database(source, str(target))
            copy = make_engine(target)
            assert differences(before, without_the_copys_entry(read_rows(copy))) == [], stored.name
            copy.dispose()
        finally:
            source.dispose()
        filled |= {table for table, rows in before.items() if rows}
    assert len(HEAD_STORED) == 2 and filled == set(Base.metadata.tables)


def test_new_rows_in_the_copy_get_fresh_ids(engine, demo, tmp_path):
    target = tmp_path / "kopia.db"
    copy_database(engine, str(target))
    copy = make_engine(target)
    try:
        with units.writing(copy) as session:
            largest = session.scalar(select(func.max(Participant.id)))
            person = admit(session, "Żaneta", "Nowa", date(2026, 5, 4), serial=777)
        assert person.id == largest + 1
    finally:
        copy.dispose()


# --- refusals -------------------------------------------------------------------------------


def test_a_target_with_a_facility_is_refused_and_left_as_it_was(engine, demo, tmp_path):
    target = tmp_path / "kopia.db"
    copy_database(engine, str(target))
    copy = make_engine(target)
    held = read_rows(copy)
    with pytest.raises(ReintegraError) as refused:
        copy_database(engine, str(target))
    assert "już placówkę" in str(refused.value) and "pustej" in str(refused.value)
    assert read_rows(copy) == held
    copy.dispose()


def test_a_target_with_other_tables_is_refused(engine, demo, tmp_path):
    target = tmp_path / "inna.db"
    with sqlite3.connect(target) as other:
        other.execute("CREATE TABLE faktury (id INTEGER PRIMARY KEY, kwota TEXT)")
    with pytest.raises(ReintegraError) as refused:
        copy_database(engine, str(target))
    assert "faktury" in str(refused.value)
    with sqlite3.connect(target) as other:
        assert [row[0] for row in other.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["faktury"]


def test_the_source_itself_is_refused(engine, database_path):
    with pytest.raises(ReintegraError) as refused:
        copy_database(engine, database_path)
    assert "kopiowana" in str(refused.value)


def test_an_unreachable_server_is_refused_in_one_sentence(engine, demo):
    with pytest.raises(ReintegraError) as refused:
        copy_database(engine, UNREACHABLE)
    message = str(refused.value)
    assert message.startswith("Serwer 127.0.0.1:1 nie odpowiada") and ". " not in message


def test_only_an_administrator_may_copy(engine, demo, tmp_path):
    with Session(engine, expire_on_commit=False) as session:
        director = session.scalars(select(User).where(User.role != Role.ADMINISTRATOR)).first()
    with pytest.raises(PermissionDenied):
        copy_database(engine, str(tmp_path / "kopia.db"), actor=director)
    assert not (tmp_path / "kopia.db").exists()


def test_a_source_at_an_older_schema_is_refused(tmp_path):
    old = make_engine(tmp_path / "stara.db")
    schema.upgrade(old, schema.revision_ids()[-2])
    with pytest.raises(ReintegraError) as refused:
        copy_database(old, str(tmp_path / "kopia.db"))
    old.dispose()
    assert "nie może zostać skopiowana" in str(refused.value) and "db upgrade" in str(refused.value)
    assert not (tmp_path / "kopia.db").exists()


def test_a_damaged_source_is_refused(tmp_path):
    path = tmp_path / "uszkodzona.db"
    stored = copy_stored(HEAD_STORED[0], tmp_path)
    data = bytearray(stored.read_bytes())
    third = len(data) // 3
    data[third:2 * third] = b"\x42" * third
    path.write_bytes(bytes(data))
    damaged = make_engine(path)
    with pytest.raises(ReintegraError) as refused:
        copy_database(damaged, str(tmp_path / "kopia.db"))
    damaged.dispose()
    assert str(refused.value).startswith("Ta baza danych jest uszkodzona") and "db check" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert not (tmp_path / "kopia.db").exists()


def test_a_missing_folder_is_refused(engine, tmp_path):
    with pytest.raises(ReintegraError) as refused:
        copy_database(engine, str(tmp_path / "nie-ma" / "kopia.db"))
    assert "nie-ma" in str(refused.value)


def test_a_copy_that_fails_halfway_leaves_no_file(engine, demo, tmp_path, monkeypatch):
    from reintegra.services import database_copy

    def broken(*_args):
        raise ReintegraError("Awaria w połowie.")

    monkeypatch.setattr(database_copy, "_record", broken)
    with pytest.raises(ReintegraError, match="Awaria w połowie"):
        copy_database(engine, str(tmp_path / "kopia.db"))
    assert list(tmp_path.glob("kopia.db*")) == []


# --- on the PostgreSQL server -----------------------------------------------------------------


def sqlite_demo(path, **demo) -> str:
    engine = make_engine(path)
    schema.upgrade(engine)
    with Session(engine) as session, session.begin():
        generate_demo(session, seed=7, **demo)
    engine.dispose()
    return str(path)


def check_moved_to_the_server(source_path: str, target: str) -> None:
    source = make_engine(source_path)
    try:
        before, typed_before = read_rows(source), typed_rows(source)
        report, calls = copied(source, target, actor=administrator(source))
        assert read_rows(source) == before
    finally:
        source.dispose()
    server = make_engine(target)
    try:
        assert differences(typed_before, without_the_copys_entry(typed_rows(server))) == []
        assert report.matches and calls[-1] == (report.rows, report.rows)
        assert {count.table: count.target for count in report.counts} == {
            table: len(rows) for table, rows in before.items()}
        # The server's sequences continue after the copied ids.
        with units.writing(server) as session:
            largest = session.scalar(select(func.max(Participant.id)))
            entries = session.scalar(select(func.max(AuditEntry.id)))
            person = admit(session, "Żaneta", "Nowa", date(2026, 5, 4), serial=777)
        assert person.id == largest + 1
        with units.reading(server) as session:
            assert session.scalar(select(func.max(AuditEntry.id))) > entries
    finally:
        server.dispose()


@server_only
def test_a_demo_file_moves_to_the_server_with_every_row(server_target, tmp_path):
    check_moved_to_the_server(sqlite_demo(tmp_path / "demo.db", participants=40, years=3), server_target)


@server_only
@pytest.mark.slow
def test_the_300_participants_10_years_demo_moves_to_the_server_with_every_row(server_target, tmp_path):
    path = sqlite_demo(tmp_path / "demo.db", participants=300, years=10)
    check_moved_to_the_server(path, server_target)


@server_only
def test_two_programs_on_the_server_see_each_others_attendance(server_target, tmp_path):
    source = make_engine(sqlite_demo(tmp_path / "demo.db", participants=20, years=1))
    copy_database(source, server_target)
    source.dispose()
    office, workshop_pc = make_engine(server_target), make_engine(server_target)
    try:
        with units.reading(office) as session:
            open_placements = session.scalars(select(Placement).where(Placement.end_date.is_(None))
                                               .order_by(Placement.id)).all()
            first, second = open_placements[0], open_placements[1]
            day = max(first.start_date, second.start_date, date(2026, 1, 5))
        with units.writing(workshop_pc) as session:
            attendance.set_attendance(session, first.participant_id, first.workshop_id, day,
                                      AttendanceStatus.EXCUSED, remark="Wizyta u lekarza")
        with units.reading(office) as session:
            sheet = attendance.day_sheet(session, first.workshop_id, day)
            assert any(row.remark == "Wizyta u lekarza" for row in sheet.rows)
        with units.writing(office) as session:
            attendance.set_attendance(session, second.participant_id, second.workshop_id, day,
                                      AttendanceStatus.UNEXCUSED, remark="Nie przyszedł")
        with units.reading(workshop_pc) as session:
            sheet = attendance.day_sheet(session, second.workshop_id, day)
            assert any(row.remark == "Nie przyszedł" for row in sheet.rows)
    finally:
        office.dispose()
        workshop_pc.dispose()


@server_only
def test_a_server_database_is_copied_to_a_file_and_refused_onto_itself(engine, demo, tmp_path, database_path):
    # In the PostgreSQL suite the demo is on the server: server → file, and the server → itself.
    report = copy_database(engine, str(tmp_path / "kopia.db"))
    copy = make_engine(tmp_path / "kopia.db")
    assert differences(typed_rows(engine), without_the_copys_entry(typed_rows(copy))) == []
    copy.dispose()
    assert report.matches
    same = make_url(database_path).set(host="localhost").render_as_string(hide_password=False)
    with pytest.raises(ReintegraError):
        copy_database(engine, same)


@server_only
def test_a_server_database_with_a_facility_is_refused(server_target, tmp_path):
    source = make_engine(sqlite_demo(tmp_path / "demo.db", participants=10, years=1))
    try:
        copy_database(source, server_target)
        server = make_engine(server_target)
        held = read_rows(server)
        with pytest.raises(ReintegraError) as refused:
            copy_database(source, server_target)
        assert "już placówkę" in str(refused.value)
        assert read_rows(server) == held
        server.dispose()
    finally:
        source.dispose()


@server_only
def test_a_copy_that_fails_halfway_leaves_the_server_database_empty(server_target, tmp_path, monkeypatch):
    from reintegra.services import database_copy

    def broken(*_args):
        raise ReintegraError("Awaria w połowie.")

    monkeypatch.setattr(database_copy, "_record", broken)
    source = make_engine(sqlite_demo(tmp_path / "demo.db", participants=10, years=1))
    with pytest.raises(ReintegraError, match="Awaria w połowie"):
        copy_database(source, server_target)
    source.dispose()
    server = make_engine(server_target)
    assert inspect(server).get_table_names() == []
    server.dispose()


# --- the connection check ---------------------------------------------------------------------


def test_an_unreachable_server_is_said_in_one_sentence():
    found = check_server(UNREACHABLE)
    assert found.reach is Reach.UNREACHABLE and not found.connected
    assert found.message.startswith("Serwer 127.0.0.1:1 nie odpowiada")


def test_a_refused_or_missing_password_is_said(password_server):
    url = "postgresql+psycopg://reintegra@10.0.0.7/reintegra"
    assert check_server(url).reach is Reach.PASSWORD_NEEDED
    refused = check_server(url, "zle-haslo")
    assert refused.reach is Reach.PASSWORD_REFUSED and "reintegra" in refused.message
    assert "zle-haslo" not in refused.message
    assert check_server(url, "s3cret-pw").connected


@server_only
def test_the_check_says_what_the_server_database_holds(server_target, tmp_path):
    empty = check_server(server_target)
    assert empty.connected and empty.contents.holds is Holds.EMPTY and empty.version
    assert empty.message.startswith(f"Połączono z PostgreSQL {empty.version}")
    source = make_engine(sqlite_demo(tmp_path / "demo.db", participants=10, years=1))
    copy_database(source, server_target)
    source.dispose()
    filled = check_server(server_target)
    assert filled.contents.holds is Holds.FACILITY and filled.contents.revision == schema.head_revision()
    assert filled.contents.facility and filled.contents.facility in filled.message
    missing = check_server(make_url(server_target).set(database="nie_ma_takiej_bazy").render_as_string(
        hide_password=False))
    assert missing.reach is Reach.NO_DATABASE and "nie_ma_takiej_bazy" in missing.message
