"""``reintegra db copy --to PATH-or-URL``: the whole database into an empty one, the counts of both
sides printed, the source unchanged; each refusal one sentence and exit status 1."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from copy_targets import server_target  # noqa: F401 - a fixture
from reintegra import cli
from reintegra.cli import main
from reintegra.db.engine import make_engine
from reintegra.db.models import AttendanceDay
from reintegra.services import database
from upgrade_rows import read_rows

RIGHT = "s3cret-pw"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def attendance_days(target) -> int:
    engine = make_engine(target)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(AttendanceDay))
    finally:
        engine.dispose()


def test_db_copy_writes_every_row_and_prints_both_counts(capsys, engine, demo, database_path, tmp_path):
    before = read_rows(engine)
    target = tmp_path / "kopia.db"
    code, out, err = run(capsys, "--database", database_path, "db", "copy", "--to", str(target))
    assert code == 0, err
    assert read_rows(engine) == before
    days = len(before["attendance"])
    assert attendance_days(target) == days > 0
    assert ["attendance", str(days), str(days)] in [line.split() for line in out.splitlines()]
    assert "Każda tabela ma tyle samo wierszy po obu stronach" in out
    assert f"reintegra --database {target}" in out


def test_db_copy_refusals_are_one_sentence(capsys, database_path, demo, tmp_path):
    target = tmp_path / "kopia.db"
    assert run(capsys, "--database", database_path, "db", "copy", "--to", str(target))[0] == 0
    for to, words in ((str(target), "zawiera już placówkę Reintegry ("),  # its name has quotes of its own
                      (database_path, "kopiowana"),
                      ("postgresql+psycopg://reintegra@127.0.0.1:1/reintegra", "nie odpowiada"),
                      ("mysql://ktos@serwer/baza", "nie jest bazą danych")):
        code, out, err = run(capsys, "--database", database_path, "db", "copy", "--to", to)
        assert code == 1 and out == "", to
        assert words in err and len(err.strip().splitlines()) == 1, err


def test_a_missing_source_file_is_refused_and_not_created(capsys, tmp_path):
    code, out, err = run(capsys, "--database", str(tmp_path / "nie-ma.db"), "db", "copy", "--to",
                         str(tmp_path / "kopia.db"))
    assert code == 1 and "Nie ma pliku bazy danych" in err
    assert not (tmp_path / "nie-ma.db").exists() and not (tmp_path / "kopia.db").exists()


def test_db_copy_needs_a_target(capsys, database_path):
    with pytest.raises(SystemExit) as stopped:
        main(["--database", database_path, "db", "copy"])
    assert stopped.value.code == 2
    assert "--to" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_servers_password_is_asked_at_the_terminal(capsys, monkeypatch, password_server, engine, demo,
                                                        database_path):
    # The pretend server (tests/keyring_backends.py) takes only URLs; the source opens as usual.
    pretend, real = database.make_engine, make_engine
    monkeypatch.setattr(database, "make_engine",
                        lambda target, **options: pretend(target, **options) if "://" in str(target)
                        and "10.0.0.7" in str(target) else real(target, **options))
    prompts = []
    monkeypatch.setattr(cli.sys, "stdin", _Terminal())
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt: prompts.append(prompt) or RIGHT)
    code, out, err = run(capsys, "--database", database_path, "db", "copy", "--to",
                         "postgresql+psycopg://reintegra@10.0.0.7/reintegra")
    assert code == 0, err
    assert len(prompts) == 1 and "10.0.0.7" in prompts[0]
    assert password_server.tries == [None, RIGHT] and RIGHT not in out + err
    assert attendance_days(password_server.engine.url) == len(read_rows(engine)["attendance"])


def test_db_copy_to_the_server(capsys, server_target, tmp_path):
    source = tmp_path / "demo.db"
    assert run(capsys, "--database", str(source), "demo", "--participants", "12", "--years", "1", "--seed", "3")[0] == 0
    source_engine = make_engine(source)
    before = read_rows(source_engine)
    source_engine.dispose()
    code, out, err = run(capsys, "--database", str(source), "db", "copy", "--to", server_target)
    assert code == 0, err
    assert attendance_days(server_target) == len(before["attendance"]) > 0
    code, out, err = run(capsys, "--database", server_target, "db", "check")
    assert code == 0, err
