"""The command line as a user types it: help, usage errors, database choice, db commands."""

from __future__ import annotations

import json
import sqlite3

import pytest

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reintegra import config
from reintegra.cli import EXIT_ERROR, main
from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.enums import Role
from reintegra.db.models import Participant
from reintegra.services import demo_database, facility, users
from reintegra.services.facility import FacilityFields


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_is_polish_by_default(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("użycie: reintegra")
    assert "pokaż tę pomoc i zakończ" in out and "wypełnij osobną bazę pokazową" in out


def test_help_in_english(capsys):
    with pytest.raises(SystemExit):
        main(["--language", "en", "--help"])
    assert "show this help message and exit" in capsys.readouterr().out


def test_every_file_argument_says_what_file_it_wants():
    """A bare "PLIK" in a command's help leaves the user guessing (a backup? a CSV?)."""
    import argparse

    from reintegra.cli import build_parser

    def parsers(parser):
        yield parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    yield from parsers(sub)

    bare = [f"{parser.prog} {action.metavar}" for parser in parsers(build_parser()) for action in parser._actions
            if not action.option_strings and action.dest in ("file", "path") and not action.help]
    assert bare == []


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["raport"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Błąd:" in err and "niepoprawny wybór" in err and "Traceback" not in err


def test_database_from_environment(capsys, tmp_path, monkeypatch):
    path = tmp_path / "z-env.db"
    monkeypatch.setenv("REINTEGRA_DATABASE", str(path))
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and "zaktualizowana" in out
    assert schema.current_revision(make_engine(path)) == schema.head_revision()
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and "ma już aktualną strukturę" in out


def test_default_database_is_in_the_user_data_folder(capsys, tmp_path):
    code, _, _ = run(capsys, "db", "upgrade")
    assert code == 0
    assert (tmp_path / "xdg-data" / "reintegra" / "reintegra.db").exists()


def test_check_a_good_database(capsys, database_path):
    code, out, err = run(capsys, "--database", database_path, "db", "check")
    assert (code, err) == (0, "")
    assert "w porządku" in out


def test_backup_and_restore_through_the_command_line(capsys, database_path, tmp_path):
    from sqlalchemy.orm import Session

    from factories import admit

    engine = make_engine(database_path)
    with Session(engine) as session:
        from datetime import date

        admit(session, "Zdzisław", "Gęślą", date(2024, 1, 8))
        session.commit()
    backup = tmp_path / "kopia.db"
    code, out, _ = run(capsys, "--database", database_path, "db", "backup", str(backup))
    assert code == 0 and str(backup) in out
    with Session(engine) as session:
        from reintegra.db.models import Participant

        session.query(Participant).delete()
        session.commit()
    code, out, _ = run(capsys, "--database", database_path, "db", "restore", str(backup))
    assert code == 0
    with Session(engine) as session:
        from sqlalchemy import select

        from reintegra.db.models import Participant

        assert session.scalars(select(Participant.last_name)).all() == ["Gęślą"]


def test_restore_from_a_file_that_is_not_a_backup(capsys, database_path, tmp_path):
    junk = tmp_path / "lista.csv"
    junk.write_text("imię;nazwisko\n", encoding="utf-8")
    code, out, err = run(capsys, "--database", database_path, "db", "restore", str(junk))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_database_that_cannot_be_opened(capsys, tmp_path):
    folder = tmp_path / "katalog.db"
    folder.mkdir()
    code, _, err = run(capsys, "--database", str(folder), "db", "upgrade")
    assert code == 1
    assert "Nie można otworzyć bazy danych" in err and "Traceback" not in err


def test_a_database_from_a_newer_program_is_refused(capsys, tmp_path):
    path = tmp_path / "nowsza.db"
    make_engine(path).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    code, _, err = run(capsys, "--database", str(path), "db", "upgrade")
    assert code == 1 and "nowsza wersja" in err


def test_demo_then_summary(capsys, database_path, tmp_path):
    code, out, err = run(capsys, "--database", database_path, "demo", "--participants", "20", "--years", "2",
                         "--seed", "7")
    assert code == 0, err
    assert "admin123" in out and database_path.split("@")[-1] in out
    code, _, err = run(capsys, "--database", database_path, "demo", "--participants", "20")
    assert code == 1 and "zawiera już dane pokazowe" in err  # the same demo database twice
    output = tmp_path / "podsumowanie.json"
    code, _, err = run(capsys, "--database", database_path, "report", "summary", "--from", "2020-01-01",
                       "--to", "2030-12-31", "-o", str(output))
    assert code == 0, err
    summary = json.loads(output.read_text(encoding="utf-8"))
    assert summary["participants"] >= 15


@pytest.mark.parametrize("args", [
    ["demo", "--participants", "0"],
    ["demo", "--participants", "dużo"],
    ["report", "summary", "--from", "01.01.2026", "--to", "2026-12-31", "-o", "x.json"],
    ["report", "attendance", "--workshop", "X", "--month", "2026-13", "-o", "x.csv"],
])
def test_bad_arguments_are_usage_errors(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def _is_demo(target) -> bool:
    engine = make_engine(target)
    try:
        with Session(engine) as session:
            return demo_database.is_demo(session)
    finally:
        engine.dispose()


def test_demo_goes_beside_the_default_database_not_into_it(capsys, tmp_path):
    folder = tmp_path / "xdg-data" / "reintegra"
    code, out, err = run(capsys, "demo", "--participants", "12", "--years", "1", "--seed", "3")
    assert code == 0, err
    assert str(folder / "demo.db") in out
    assert _is_demo(folder / "demo.db")
    assert not (folder / "reintegra.db").exists()


def test_demo_leaves_the_database_chosen_in_the_settings_alone(capsys, tmp_path):
    chosen = tmp_path / "placowka.db"
    config.update_settings(database=str(chosen))
    code, _, err = run(capsys, "demo", "--participants", "12", "--years", "1", "--seed", "3")
    assert code == 0, err
    assert not chosen.exists() and _is_demo(tmp_path / "xdg-data" / "reintegra" / "demo.db")
    code, _, err = run(capsys, "--database", str(chosen), "demo", "--participants", "12")
    assert code == 1 and "prawdziwa baza programu" in err and not chosen.exists()


def test_demo_refuses_the_default_database_even_named(capsys, tmp_path):
    default = tmp_path / "xdg-data" / "reintegra" / "reintegra.db"
    code, out, err = run(capsys, "--database", str(default), "demo", "--participants", "12")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "reintegra demo" in err
    assert not default.exists()


def test_demo_refuses_a_real_database(capsys, database_path, engine, session):
    facility.update_facility(session, FacilityFields(name="WTZ „Tęcza”"))
    users.create_user(session, "ewa", "kawa-z-mlekiem", Role.ADMINISTRATOR, "Ewa Lis")
    session.commit()
    code, out, err = run(capsys, "--database", database_path, "demo", "--participants", "12")
    assert code == 1 and out == ""
    assert "nie są danymi pokazowymi" in err and len(err.strip().splitlines()) == 1
    with Session(engine) as check:
        assert not demo_database.is_demo(check) and users.authenticate(check, "ewa", "kawa-z-mlekiem")
        assert check.scalar(select(func.count()).select_from(Participant)) == 0
        assert [user.username for user in users.list_users(check)] == ["ewa"]


@pytest.mark.parametrize("args, refusal", [
    (["report", "summary", "--from", "0001-01-01", "--to", "2026-12-31", "-o", "x.json"], "0001-01-01"),
    (["report", "summary", "--from", "2026-01-01", "--to", "2101-01-01", "-o", "x.json"], "2101-01-01"),
    (["report", "benefit", "--month", "2150-01", "-o", "x.csv"], "2150-01"),
])
def test_dates_outside_1900_to_2100_are_refused_in_one_sentence(capsys, args, refusal):
    with pytest.raises(SystemExit) as exit_:
        main(["--language", "en", *args])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert refusal in err and ("1900" in err or "YYYY" in err) and "Traceback" not in err


@pytest.mark.parametrize("url", ["mysql://reintegra@server/wtz", "postgresql+psycopg://::::/", "oracle://x"])
def test_a_database_address_reintegra_cannot_use_is_one_sentence(capsys, url):
    code, _out, err = run(capsys, "--language", "en", "--database", url, "db", "check")
    assert code == EXIT_ERROR
    assert err.strip().splitlines() == [
        f"“{url}” is not a database Reintegra can use: give a SQLite file's path or a PostgreSQL server's address, "
        "such as postgresql+psycopg://user@server/database."]


def test_an_id_longer_than_any_id_is_no_participant(capsys, database_path, tmp_path):
    run(capsys, "--database", database_path, "db", "upgrade")
    code, _out, err = run(capsys, "--language", "en", "--database", database_path, "report", "participant",
                          "1234567890123456789012345", "-o", str(tmp_path / "p.pdf"))
    assert code == EXIT_ERROR
    assert err.strip() == "No participant with the id or PESEL 1234567890123456789012345."


def test_a_full_disk_is_named_with_the_file(capsys, database_path, tmp_path, monkeypatch):
    import errno

    from reintegra.reports import export

    def full(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    run(capsys, "--database", database_path, "db", "upgrade")
    monkeypatch.setattr(export, "_summary_csv", full, raising=False)
    monkeypatch.setattr("reintegra.private_files.create_private", full)
    output = tmp_path / "summary.csv"
    code, _out, err = run(capsys, "--language", "en", "--database", database_path, "report", "summary",
                          "--from", "2026-01-01", "--to", "2026-01-31", "-o", str(output))
    assert code == EXIT_ERROR
    assert err.strip() == (f"The disk is full: {output} could not be written. "
                           "Free some space or choose another disk.")
    assert not output.exists()
