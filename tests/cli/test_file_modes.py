"""What the command line writes is private to the account (0600 files, 0700 folders), and a
server's password is never printed nor saved."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reintegra import config
from reintegra.cli import main
from reintegra.paths import backups_dir, data_dir, demo_database_path

posix_only = pytest.mark.skipif(os.name != "posix", reason="no POSIX file modes")
SERVER = "postgresql+psycopg://u:s3cret@127.0.0.1:1/x"
SMALL_DEMO = ("demo", "--participants", "4", "--years", "1", "--seed", "3")


@pytest.fixture(autouse=True)
def _loose_umask():
    # The modes must not depend on the umask of whoever runs the program.
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["--language", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def files_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


@posix_only
def test_the_demo_beside_the_default_database_and_its_folder_are_private(capsys):
    code, _output = run(capsys, *SMALL_DEMO)
    assert code == 0
    assert mode(data_dir()) == 0o700
    assert mode(demo_database_path()) == 0o600
    assert files_in(data_dir()) and all(mode(path) == 0o600 for path in files_in(data_dir()))


@posix_only
def test_a_database_in_a_new_folder_backups_and_restore_are_private(capsys, tmp_path):
    database = tmp_path / "new" / "facility.db"
    assert run(capsys, "--database", str(database), *SMALL_DEMO)[0] == 0
    assert mode(database.parent) == 0o700
    assert all(mode(path) == 0o600 for path in files_in(database.parent))

    backup = tmp_path / "copy.db"
    assert run(capsys, "--database", str(database), "db", "backup", str(backup))[0] == 0
    assert mode(backup) == 0o600
    assert run(capsys, "--database", str(database), "db", "restore", str(backup))[0] == 0
    automatic = files_in(backups_dir())
    assert automatic and all(mode(path) == 0o600 for path in automatic)
    assert mode(backups_dir()) == 0o700


@posix_only
@pytest.mark.parametrize("suffix", [".pdf", ".xlsx", ".json"])
def test_reports_are_private(capsys, tmp_path, suffix):
    database = tmp_path / "facility.db"
    assert run(capsys, "--database", str(database), *SMALL_DEMO)[0] == 0
    output = tmp_path / f"summary{suffix}"
    code, text = run(capsys, "--database", str(database), "report", "summary", "--from", "2020-01-01",
                     "--to", "2030-12-31", "-o", str(output))
    assert code == 0, text
    assert mode(output) == 0o600
    annual = tmp_path / f"annual{suffix}"
    code, text = run(capsys, "--database", str(database), "report", "annual", "--year", "2025", "-o", str(annual))
    assert code == 0, text
    assert mode(annual) == 0o600


@posix_only
def test_an_attendance_csv_and_an_import_are_private(capsys, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("first_name,last_name,birth_date,programme,admission_date,workshop\n"
                      "Łucja,Żak,1990-05-04,WTZ,2026-03-02,Stolarnia\n", encoding="utf-8")
    database = tmp_path / "imported" / "facility.db"
    code, text = run(capsys, "--database", str(database), "import", "participants", str(source))
    assert code == 0, text
    assert mode(database.parent) == 0o700 and mode(database) == 0o600
    output = tmp_path / "march.csv"
    code, text = run(capsys, "--database", str(database), "report", "attendance", "--workshop", "Stolarnia",
                     "--month", "2026-03", "-o", str(output))
    assert code == 0, text
    assert mode(output) == 0o600


@pytest.mark.parametrize("command", [SMALL_DEMO, ("db", "check"), ("db", "upgrade")])
def test_a_server_password_is_never_printed(capsys, command):
    code, text = run(capsys, "--database", SERVER, *command)
    assert code != 0
    assert "127.0.0.1" in text
    assert "s3cret" not in text


def test_a_server_password_from_the_environment_is_never_printed(capsys, monkeypatch):
    monkeypatch.setenv("REINTEGRA_DATABASE", SERVER)
    code, text = run(capsys, *SMALL_DEMO)
    assert code != 0 and "s3cret" not in text


def test_the_settings_file_keeps_the_address_without_the_password():
    config.update_settings(database=SERVER, language="pl")
    assert config.load_settings()["database"] == "postgresql+psycopg://u@127.0.0.1:1/x"
    assert "s3cret" not in config.settings_path().read_text(encoding="utf-8")
    if os.name == "posix":
        assert mode(config.settings_path()) == 0o600
        assert mode(config.settings_path().parent) == 0o700
