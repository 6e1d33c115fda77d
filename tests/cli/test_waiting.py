"""The command line on a SQLite file another program is writing: an import waits for the
write lock and then succeeds; still locked after the wait, it says so and exits 1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from factories import make_pesel, workshop
from reintegra.cli import main
from reintegra.db import engine as engine_module
from reintegra.db.models import Participant, Workshop
from reintegra.services import units
from spreadsheets import utf8_csv

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")

pytestmark = pytest.mark.skipif(bool(SERVER_URL), reason="SQLite's write lock")

PEOPLE = [
    ["imię", "nazwisko", "pesel", "program", "data przyjęcia", "pracownia"],
    ["Łucja", "Żółkiewska", make_pesel(date(1985, 4, 12), 101, female=True), "WTZ", "02.03.2026", "Ceramika"],
    ["Józef", "Ślęzak", make_pesel(date(2003, 1, 9), 102), "WTZ", "02.03.2026", "Ceramika"],
]
BUSY = ("Baza danych jest zajęta przez inny komputer lub program i nic nie zostało zapisane; "
        "spróbuj ponownie za chwilę.")


def _has_open(pid: int, path: str, within: float = 20.0) -> bool:
    """Whether process ``pid`` opens the file ``path`` within ``within`` seconds (Linux /proc)."""
    deadline = time.monotonic() + within
    folder = Path(f"/proc/{pid}/fd")
    while time.monotonic() < deadline:
        try:
            if any(os.readlink(fd) == path for fd in folder.iterdir()):
                return True
        except OSError:  # a descriptor closed while looked at, or the process ended
            pass
        time.sleep(0.005)  # polling /proc: nothing else tells when another process opens a file
    return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_an_import_waits_while_another_program_writes_and_then_succeeds(engine, database_path, tmp_path):
    people = utf8_csv(tmp_path / "uczestnicy.csv", PEOPLE)
    with units.writing(engine) as other_program:
        workshop(other_program, "Stolarnia")
        other_program.flush()  # holds the write lock until the block ends
        importing = subprocess.Popen(
            [sys.executable, "-m", "reintegra", "--database", database_path, "import", "participants", str(people)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert _has_open(importing.pid, str(Path(database_path).resolve())), "the import never opened the file"
            # A second more of holding the lock: the import waits rather than fails.
            with pytest.raises(subprocess.TimeoutExpired):
                importing.wait(timeout=1)
        except BaseException:
            importing.kill()
            raise
    out, err = importing.communicate(timeout=30)
    assert (importing.returncode, err) == (0, "")
    assert "Dodani uczestnicy: 2" in out
    with units.reading(engine) as session:
        assert sorted(session.scalars(select(Workshop.name))) == ["Ceramika", "Stolarnia"]
        assert sorted(session.scalars(select(Participant.last_name))) == ["Ślęzak", "Żółkiewska"]


def test_an_import_still_locked_after_the_wait_exits_1_and_writes_nothing(engine, database_path, tmp_path,
                                                                          capsys, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    people = utf8_csv(tmp_path / "uczestnicy.csv", PEOPLE)
    with units.writing(engine) as other_program:
        workshop(other_program, "Stolarnia")
        other_program.flush()
        code = main(["--database", database_path, "import", "participants", str(people)])
        other_program.rollback()
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (1, "", BUSY + "\n")
    with units.reading(engine) as session:
        assert session.scalars(select(Workshop.name)).all() == []
        assert session.scalars(select(Participant.id)).all() == []
