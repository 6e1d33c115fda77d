"""Backups a director can trust: the daily schedule and its rotation, a damaged source refused, every
copy checked, a restore over a damaged file, and temporary copies removed even after a kill."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import admit
from reintegra import config
from reintegra.db.engine import is_sqlite, make_engine
from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry, Participant
from reintegra.paths import backups_dir, data_dir, demo_database_path
from reintegra.services import backup, backup_schedule, demo_database, temporary
from reintegra.services.backup import automatic_path, backup_database, restore_database
from reintegra.services.backup_schedule import Schedule
from reintegra.services.errors import PermissionDenied, ReintegraError, ValidationError

NOW = datetime(2026, 12, 5, 8, 30)


@pytest.fixture
def sqlite_engine(engine):
    if not is_sqlite(engine):
        pytest.skip("a SQLite file's pages")
    return engine


def fill(engine, count: int = 40) -> None:
    with Session(engine) as session, session.begin():
        for number in range(count):
            admit(session, f"Zdzisław{number}", f"Żółć-Gęślą {number}", date(2024, 1, 8), serial=100 + number,
                  notes="Lubi pierogi; uczulony na orzechy. " * 60)


def damaged_copy(engine, folder: Path) -> Path:
    """A single-file copy of the database with bytes in its middle third overwritten."""
    path = folder / "uszkodzona.db"
    with closing(sqlite3.connect(engine.url.database)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(path.read_bytes())
    third = len(data) // 3
    data[third:2 * third] = b"\x42" * third
    path.write_bytes(bytes(data))
    return path


def daily_file(folder: Path, moment: datetime) -> Path:
    path = automatic_path(folder, "daily", moment)
    path.write_bytes(b"")
    return path


# --- the schedule ----------------------------------------------------------------------


def test_rotation_over_fifteen_months_keeps_exactly_7_days_4_weeks_12_months(tmp_path):
    # One backup every day but Sundays (the PC is off), and a second one on some days; the rotation
    # runs after each day's backup, as the program does.
    folder = tmp_path / "kopie"
    folder.mkdir()
    day = date(2025, 9, 1)
    while day <= NOW.date():
        if day.weekday() != 6:
            daily_file(folder, datetime.combine(day, datetime.min.time()) + timedelta(hours=8))
            if day.day % 5 == 0:
                daily_file(folder, datetime.combine(day, datetime.min.time()) + timedelta(hours=15))
            backup_schedule.rotate(folder, Schedule(), day)
        day += timedelta(days=1)

    kept = {(backup.automatic_moment(path).date(), backup.automatic_moment(path).hour)
            for path in folder.iterdir()}
    days = [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 4),
            date(2026, 12, 5)]  # the last 7 days; 29 November was a Sunday
    weeks = [date(2026, 11, 28), date(2026, 11, 21), date(2026, 11, 14)]  # Saturdays; this week's is 5 December
    months = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30),
              date(2026, 5, 30),  # 31 May was a Sunday
              date(2026, 6, 30), date(2026, 7, 31), date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31)]
    expected = {(day, 15 if day.day % 5 == 0 else 8) for day in days + weeks + months}
    assert kept == expected
    assert len(kept) == 19


def test_the_counts_are_this_pcs_settings(tmp_path):
    folder = tmp_path / "kopie"
    folder.mkdir()
    for back in range(40):
        daily_file(folder, NOW - timedelta(days=back))
    backup_schedule.save_schedule(Schedule(folder, daily=3, weekly=0, monthly=2))
    chosen = backup_schedule.schedule()
    assert chosen == Schedule(folder, 3, 0, 2)

    backup_schedule.rotate(folder, chosen, NOW.date())

    assert sorted(backup.automatic_moment(path).date() for path in folder.iterdir()) == [
        date(2026, 11, 30), date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 5)]


def test_with_every_count_0_the_newest_daily_backup_stays(tmp_path):
    for back in range(3):
        daily_file(tmp_path, NOW - timedelta(days=back))
    backup_schedule.rotate(tmp_path, Schedule(None, 0, 0, 0), NOW.date())
    assert [backup.automatic_moment(path) for path in tmp_path.iterdir()] == [NOW]


@pytest.mark.parametrize("bad, field", [
    (Schedule(daily=-1), "daily"),
    (Schedule(monthly=1000), "monthly"),
])
def test_a_count_out_of_range_is_refused_and_nothing_saved(bad, field):
    with pytest.raises(ValidationError) as refused:
        backup_schedule.save_schedule(bad)
    assert refused.value.field == field and "od 0 do 999" in refused.value.message
    assert config.load_settings() == {}


def test_a_folder_that_is_not_there_is_refused_and_nothing_saved(tmp_path):
    with pytest.raises(ReintegraError, match="nie jest dostępny"):
        backup_schedule.save_schedule(Schedule(tmp_path / "pendrive" / "kopie"))
    assert config.load_settings() == {}
    assert not (tmp_path / "pendrive").exists()


def test_the_first_start_of_a_day_makes_one_daily_backup(sqlite_engine, tmp_path):
    fill(sqlite_engine, 3)
    folder = tmp_path / "inny-dysk"
    folder.mkdir()
    backup_schedule.save_schedule(Schedule(folder))
    old = daily_file(folder, NOW - timedelta(days=400))

    first = backup_schedule.scheduled_backup(sqlite_engine, now=NOW)
    again = backup_schedule.scheduled_backup(sqlite_engine, now=NOW + timedelta(hours=3))
    tomorrow = backup_schedule.scheduled_backup(sqlite_engine, now=NOW + timedelta(days=1))

    assert first.parent == folder and first.name.endswith("-daily.db")
    assert again is None
    assert tomorrow is not None and tomorrow != first
    assert sorted(folder.iterdir()) == [first, tomorrow]  # the one of 400 days ago went
    assert not old.exists()
    assert backup.is_good_backup(first)
    with closing(sqlite3.connect(first)) as copy:
        assert copy.execute("SELECT count(*) FROM participants").fetchone() == (3,)
    assert list(backups_dir().iterdir()) == []


def test_the_list_says_what_each_backup_is(sqlite_engine, tmp_path):
    for back in (0, 1, 9, 40):
        daily_file(backups_dir(), NOW - timedelta(days=back))
    before_upgrade = backup.automatic_backup(sqlite_engine, "before-upgrade", moment=NOW - timedelta(days=2))
    manual = automatic_path(backups_dir(), "manual", NOW - timedelta(days=3))
    manual.write_bytes(b"x" * 10)
    (backups_dir() / "moja-kopia.db").write_bytes(b"")

    listed = backup_schedule.list_backups(NOW.date())

    assert [(item.made.date(), item.kind) for item in listed] == [
        (date(2026, 12, 5), "daily"), (date(2026, 12, 4), "daily"), (date(2026, 12, 3), "before-upgrade"),
        (date(2026, 12, 2), "manual"), (date(2026, 11, 26), "weekly"), (date(2026, 10, 26), "monthly")]
    assert listed[2].path == before_upgrade and listed[2].size == before_upgrade.stat().st_size
    assert listed[3].size == 10


# --- a damaged source, a checked copy ----------------------------------------------------


def test_a_damaged_database_is_not_backed_up_and_nothing_is_written(sqlite_engine, tmp_path):
    fill(sqlite_engine)
    damaged = make_engine(damaged_copy(sqlite_engine, tmp_path))
    assert backup.damage_of(damaged) is not None
    out = tmp_path / "kopie"
    out.mkdir()
    good = daily_file(backups_dir(), NOW - timedelta(days=1))

    with pytest.raises(ReintegraError) as refused:
        backup_database(damaged, out / "kopia.db")
    with pytest.raises(ReintegraError):
        backup_schedule.scheduled_backup(damaged, now=NOW)

    message = str(refused.value)
    assert "\n" not in message and "uszkodzona" in message and "nie utworzono kopii" in message
    assert list(out.iterdir()) == []
    assert sorted(backups_dir().iterdir()) == [good]  # the earlier backups stay
    damaged.dispose()


def test_a_copy_that_fails_its_check_is_deleted(sqlite_engine, tmp_path, monkeypatch):
    fill(sqlite_engine, 3)
    single_file = backup._make_single_file

    def and_lose_a_row(path):
        single_file(path)
        with closing(sqlite3.connect(path)) as copy, copy:
            copy.execute("DELETE FROM persons WHERE id = (SELECT max(id) FROM persons)")

    monkeypatch.setattr(backup, "_make_single_file", and_lose_a_row)
    with pytest.raises(ReintegraError) as short:
        backup_database(sqlite_engine, tmp_path / "kopia.db")
    assert "persons: 2 z 3" in str(short.value) and "usunięta" in str(short.value)

    def and_damage_it(path):
        single_file(path)
        data = bytearray(path.read_bytes())
        data[4096:len(data)] = b"\x42" * (len(data) - 4096)
        path.write_bytes(bytes(data))

    monkeypatch.setattr(backup, "_make_single_file", and_damage_it)
    with pytest.raises(ReintegraError, match="nie przeszła sprawdzenia"):
        backup_database(sqlite_engine, tmp_path / "kopia.db")
    assert [path.name for path in tmp_path.iterdir() if "kopia" in path.name] == []


def test_a_backup_is_verified_against_the_source_on_a_server_too(engine, tmp_path):
    fill(engine, 5)
    path = backup_database(engine, tmp_path / "kopia.db")
    assert backup.is_good_backup(path)
    with closing(sqlite3.connect(path)) as copy:
        assert copy.execute("SELECT count(*) FROM participants").fetchone() == (5,)


# --- the latest good backup, a restore over a damaged file -------------------------------


def test_the_latest_good_backup_skips_a_damaged_one(sqlite_engine, tmp_path):
    fill(sqlite_engine, 2)
    good = backup.automatic_backup(sqlite_engine, "daily", moment=NOW - timedelta(days=1))
    newer = backup.automatic_path(backups_dir(), "daily", NOW)
    newer.write_bytes(damaged_copy(sqlite_engine, tmp_path).read_bytes())

    assert backup_schedule.latest_good_backup().path == good


def demo_beside(engine):
    """The demo file beside the real database (as the first-run wizard makes it): a copy marked as demo."""
    path = demo_database_path()
    with closing(sqlite3.connect(engine.url.database)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)
    demo = make_engine(path)
    with Session(demo) as session, session.begin():
        demo_database.mark_as_demo(session, {})
    return demo


def test_the_demo_gets_no_daily_backup_and_the_real_database_still_does(sqlite_engine):
    fill(sqlite_engine, 3)
    demo = demo_beside(sqlite_engine)

    assert backup_schedule.scheduled_backup(demo, now=NOW) is None  # opened first that morning
    real = backup_schedule.scheduled_backup(sqlite_engine, now=NOW + timedelta(minutes=5))

    assert real is not None and sorted(backups_dir().iterdir()) == [real]
    assert not backup.holds_demo_data(real)
    demo.dispose()


def test_the_latest_good_backup_is_of_the_database_that_needs_it(sqlite_engine):
    fill(sqlite_engine, 2)
    demo = demo_beside(sqlite_engine)
    real = backup.automatic_backup(sqlite_engine, "daily", moment=NOW - timedelta(days=1))
    shown = backup.automatic_backup(demo, "before-upgrade", moment=NOW)  # newer, but of made-up people

    assert backup.holds_demo_data(shown)
    assert backup_schedule.latest_good_backup(database=sqlite_engine.url.database).path == real
    assert backup_schedule.latest_good_backup().path == real
    assert backup_schedule.latest_good_backup(database=str(demo_database_path())).path == shown
    listed = {item.path: item for item in backup_schedule.list_backups(today=NOW.date())}
    assert listed[shown].demo and not listed[real].demo
    assert backup_schedule.kind_name(listed[shown].kind, demo=True) == "przed aktualizacją, dane pokazowe"
    demo.dispose()


def test_a_demo_elsewhere_is_known_by_its_mark_and_a_url_by_its_file(sqlite_engine, tmp_path):
    fill(sqlite_engine, 2)
    demo = demo_beside(sqlite_engine)
    real = backup.automatic_backup(sqlite_engine, "daily", moment=NOW - timedelta(days=1))
    shown = backup.automatic_backup(demo, "before-upgrade", moment=NOW)
    demo.dispose()
    training = tmp_path / "szkolenie.db"  # made with `reintegra demo --database szkolenie.db`
    demo_database_path().rename(training)

    assert backup_schedule.latest_good_backup(database=str(training)).path == shown
    assert backup_schedule.latest_good_backup(database=f"sqlite:///{training}").path == shown
    assert backup_schedule.latest_good_backup(database=f"sqlite:///{sqlite_engine.url.database}").path == real


def test_undoing_a_demo_restore_gives_back_a_real_database_with_its_daily_backups(sqlite_engine):
    """A demo backup restored over the real database by mistake, then the real backup restored: the
    demo's mark does not stay behind (the restore keeps the replaced database's history)."""
    fill(sqlite_engine, 2)
    demo = demo_beside(sqlite_engine)
    real = backup.automatic_backup(sqlite_engine, "manual", moment=NOW - timedelta(days=1))
    shown = backup.automatic_backup(demo, "manual", moment=NOW - timedelta(hours=1))
    demo.dispose()

    restore_database(sqlite_engine, shown)
    with Session(sqlite_engine) as session:
        assert demo_database.is_demo(session)
    restore_database(sqlite_engine, real)

    with Session(sqlite_engine) as session:
        assert not demo_database.is_demo(session)
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == AuditAction.RESTORE)) == 2  # the history stays
    made = backup_schedule.scheduled_backup(sqlite_engine, now=NOW)
    assert made is not None and not backup.holds_demo_data(made)


def test_restore_over_a_damaged_database_sets_it_aside_and_records_itself(tmp_path):
    path = tmp_path / "dane" / "reintegra.db"
    engine = make_engine(path)
    from reintegra.db import schema

    schema.upgrade(engine)
    fill(engine, 30)
    good = backup_database(engine, tmp_path / "wczoraj.db")
    with Session(engine) as session, session.begin():  # entered after the backup: lost with the damage
        for number in range(5):
            admit(session, "Nowa", f"Osoba {number}", date(2024, 2, 1), serial=500 + number)
    engine.dispose()
    path.write_bytes(damaged_copy(make_engine(path), tmp_path).read_bytes())
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(path)
    assert backup.damage_of(engine) is not None
    damaged_bytes = path.read_bytes()

    with pytest.raises(PermissionDenied):
        backup.restore_over_damaged(engine, good, actor=_director())
    assert path.read_bytes() == damaged_bytes
    aside = restore_database(engine, good)

    assert backup.damage_of(engine) is None
    assert aside.parent == path.parent and aside.name.startswith("reintegra-damaged-")
    assert aside.read_bytes() == damaged_bytes
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 30
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.action is AuditAction.RESTORE and last.changes["safety_backup"] == str(aside)
    assert [p.name for p in temporary.temporary_root().rglob("*") if p.is_file()] == []
    engine.dispose()


def _director():
    from reintegra.db.enums import Role
    from reintegra.db.models import User

    return User(id=99, username="dyrektor", full_name="Dyrektor", role=Role.DIRECTOR, active=True)


# --- temporary copies --------------------------------------------------------------------


def _finished_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_leftovers_of_a_killed_program_are_removed_at_start(tmp_path):
    root = temporary.temporary_root()
    dead = root / str(_finished_pid())
    (dead / "restore-1a2b").mkdir(parents=True)
    (dead / "restore-1a2b" / "backup.db").write_bytes(b"PESEL 90051712345")
    part = backups_dir() / ".auto-2026-12-05_08-00-00-000000-daily.db.abcd.part"
    part.write_bytes(b"dane osobowe")
    Path(f"{part}-journal").write_bytes(b"")
    (dead / "0011.path").write_text(str(part), encoding="utf-8")
    alive = root / str(os.getppid())  # a program still running keeps its own
    alive.mkdir()
    (alive / "backup.db").write_bytes(b"")

    assert temporary.clean_leftovers() == 2

    assert not dead.exists() and not part.exists() and not Path(f"{part}-journal").exists()
    assert (alive / "backup.db").exists()


KILLED_DURING = {
    "backup": """
        from reintegra.services import backup
        backup._verify_copy = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
        backup.backup_database(engine, Path(sys.argv[2]))
    """,
    "restore": """
        from reintegra.services import backup
        backup._prepare_backup = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
        backup.restore_database(engine, Path(sys.argv[2]))
    """,
}


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("during", sorted(KILLED_DURING))
def test_a_killed_backup_or_restore_leaves_nothing_after_the_next_start(sqlite_engine, tmp_path, during):
    fill(sqlite_engine, 2)
    target = tmp_path / "kopia.db"
    if during == "restore":
        backup_database(sqlite_engine, target)
    script = textwrap.dedent("""
        import os, signal, sys
        from pathlib import Path
        from reintegra.db.engine import make_engine
        engine = make_engine(sys.argv[1])
    """) + textwrap.dedent(KILLED_DURING[during])
    killed = subprocess.run([sys.executable, "-c", script, sqlite_engine.url.database, str(target)],
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, capture_output=True)
    assert killed.returncode == -9, killed.stderr

    def personal_leftovers():
        places = [tmp_path, data_dir()]
        return [path for place in places for path in place.rglob("*")
                if path.is_file() and (path.suffix == ".part" or "restore-" in str(path))]

    assert personal_leftovers()  # the kill left a copy behind …
    assert temporary.clean_leftovers() >= 1
    assert personal_leftovers() == []  # … which the next start removed
