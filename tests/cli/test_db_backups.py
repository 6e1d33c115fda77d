"""``reintegra db check|restore|backup|backups`` with a damaged database and the backup folder."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import admit
from reintegra.cli import main
from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.models import Participant
from reintegra.paths import backups_dir
from reintegra.services import backup, backup_schedule, temporary


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def filled(path: Path, count: int = 30) -> Path:
    engine = make_engine(path)
    schema.upgrade(engine)
    with Session(engine) as session, session.begin():
        for number in range(count):
            admit(session, f"Zdzisław{number}", f"Gęślą {number}", date(2024, 1, 8), serial=100 + number,
                  notes="Lubi pierogi; uczulony na orzechy. " * 60)
    engine.dispose()  # the -wal goes into the file
    return path


def damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    third = len(data) // 3
    data[third:2 * third] = b"\x42" * third
    path.write_bytes(bytes(data))
    return bytes(data)


def test_check_of_a_damaged_database_names_the_latest_good_backup(capsys, tmp_path):
    path = filled(tmp_path / "reintegra.db")
    engine = make_engine(path)
    good = backup.automatic_backup(engine, "daily", moment=datetime(2026, 12, 4, 8, 15))
    engine.dispose()
    damage(path)

    code, out, _ = run(capsys, "--database", str(path), "db", "check")

    assert code == 1
    first, second = out.splitlines()
    assert first.startswith("Plik bazy danych jest uszkodzony")
    assert "04.12.2026, 08:15" in second and str(good) in second
    assert f'db restore "{good}"' in second and f'--database "{path}"' in second


def test_check_of_a_damaged_database_without_a_backup(capsys, tmp_path):
    path = filled(tmp_path / "reintegra.db")
    damage(path)
    code, out, _ = run(capsys, "--database", str(path), "db", "check")
    assert code == 1
    assert out.splitlines()[1] == f"Nie znaleziono dobrej kopii zapasowej w folderze {backups_dir()}."


def test_a_damaged_database_is_not_backed_up(capsys, tmp_path):
    path = filled(tmp_path / "reintegra.db")
    damage(path)
    code, out, err = run(capsys, "--database", str(path), "db", "backup", str(tmp_path / "kopia.db"))
    assert code == 1 and out == ""
    assert err.startswith("Baza danych jest uszkodzona") and err.count("\n") == 1
    assert not (tmp_path / "kopia.db").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_restore_over_a_damaged_database(capsys, tmp_path):
    path = filled(tmp_path / "reintegra.db", 30)
    engine = make_engine(path)
    good = backup.backup_database(engine, tmp_path / "wczoraj.db")
    engine.dispose()
    damaged = damage(path)

    code, out, err = run(capsys, "--database", str(path), "db", "restore", str(good))

    assert code == 0, err
    restored, aside = out.splitlines()
    assert restored == f"Baza danych została odtworzona z {good}."
    [copy] = tmp_path.glob("reintegra-damaged-*.db")
    assert aside == f"Uszkodzoną bazę danych zachowano jako {copy}."
    assert copy.read_bytes() == damaged
    code, out, _ = run(capsys, "--database", str(path), "db", "check")
    assert code == 0 and out == "Baza danych jest w porządku.\n"
    engine = make_engine(path)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 30
    engine.dispose()


def test_restore_says_where_the_state_before_went(capsys, database_path, tmp_path):
    code, _, _ = run(capsys, "--database", database_path, "db", "backup", str(tmp_path / "kopia.db"))
    code, out, err = run(capsys, "--database", database_path, "db", "restore", str(tmp_path / "kopia.db"))
    assert code == 0, err
    [safety] = backup.automatic_backups()
    assert out.splitlines()[1] == f"Poprzednią zawartość zapisano w pliku {safety}."


def test_the_list_of_backups(capsys, tmp_path):
    path = filled(tmp_path / "reintegra.db", 2)
    engine = make_engine(path)
    now = datetime.now().replace(microsecond=0)
    daily = backup.automatic_backup(engine, "daily", moment=now - timedelta(days=1))
    before = backup.automatic_backup(engine, "before-upgrade", moment=now - timedelta(days=20))
    engine.dispose()

    code, out, _ = run(capsys, "--database", str(path), "db", "backups")

    assert code == 0
    header, *rows = out.splitlines()
    assert "Utworzono" in header and "Rodzaj" in header and "Rozmiar" in header
    assert "dzienna" in rows[0] and str(daily) in rows[0]
    assert backup_schedule.size_text(daily.stat().st_size) in rows[0]
    assert "przed aktualizacją" in rows[1] and str(before) in rows[1]


def test_no_backups_yet(capsys, database_path):
    code, out, _ = run(capsys, "--database", database_path, "db", "backups")
    assert code == 0 and out == f"W folderze {backups_dir()} nie ma jeszcze kopii zapasowych.\n"


def test_a_command_removes_what_a_killed_restore_left(capsys, database_path, tmp_path):
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True)
    leftover = temporary.temporary_root() / finished.stdout.strip() / "restore-0000" / "backup.db"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"PESEL 90051712345")

    code, _, _ = run(capsys, "--database", database_path, "db", "check")

    assert code == 0 and not leftover.exists() and not leftover.parent.parent.exists()
