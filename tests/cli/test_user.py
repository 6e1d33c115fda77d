"""``reintegra user add | list | passwd | disable | enable`` as an administrator types them; the
password from standard input (``--password-stdin``) or typed twice at the prompt, never an argument;
temporary unless ``--permanent``."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from sqlalchemy import func, select

from factories import workshop
from reintegra import cli
from reintegra.cli import main
from reintegra.db.enums import Role
from reintegra.db.models import AuditEntry, User, Workshop
from reintegra.services import units, users


@pytest.fixture
def facility(engine):
    """An administrator and two workshops."""
    with units.writing(engine) as session:
        users.create_user(session, "admin", "hasloadmina", Role.ADMINISTRATOR, "Administrator")
        workshop(session, "Ceramika")
        workshop(session, "Pracownia gospodarstwa domowego")
    return engine


def run(capsys, monkeypatch, database_path, *args, stdin: str | None = None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--database", database_path, "user", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(engine):
    """Everything a refused command must leave as it was."""
    with units.reading(engine) as session:
        return ([(u.username, u.full_name, u.role, u.active, u.password_hash, sorted(w.name for w in u.workshops))
                 for u in users.list_users(session)],
                session.scalar(select(func.count()).select_from(AuditEntry)))


def test_add_an_instructor_with_workshops(capsys, monkeypatch, database_path, facility):
    code, out, err = run(capsys, monkeypatch, database_path, "add", "Ewa.Los", "--name", "Ewa Łoś",
                         "--role", "instructor", "--workshop", "ceramika",
                         "--workshop", "Pracownia gospodarstwa domowego", "--password-stdin",
                         stdin="gęśla jaźń 1\n")
    assert (code, err) == (0, "")
    assert out == ("Dodano użytkownika ewa.los.\n"
                   "Hasło jest tymczasowe: przy następnym logowaniu program poprosi o nowe.\n")
    with units.writing(facility) as session:
        ewa = users.authenticate(session, "ewa.los", "gęśla jaźń 1")
        assert ewa is not None and (ewa.full_name, ewa.role) == ("Ewa Łoś", Role.INSTRUCTOR)
        assert ewa.must_change_password
        assert sorted(w.name for w in ewa.workshops) == ["Ceramika", "Pracownia gospodarstwa domowego"]


def test_add_a_director_at_the_prompt(capsys, monkeypatch, database_path, facility):
    answers = iter(["tajnehaslo", "tajnehaslo"])
    prompts = []
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt: prompts.append(prompt) or next(answers))
    code, out, err = run(capsys, monkeypatch, database_path, "add", "kierownik", "--name", "Zofia Wójcik",
                         "--role", "kierownik", "--permanent")
    assert (code, out, err) == (0, "Dodano użytkownika kierownik.\n", "")
    assert prompts == ["Nowe hasło: ", "Powtórz nowe hasło: "]
    with units.writing(facility) as session:
        director = users.authenticate(session, "kierownik", "tajnehaslo")
        assert director.role is Role.DIRECTOR and not director.must_change_password


@pytest.mark.parametrize("args, stdin, message", [
    (["add", "admin", "--name", "Adam Nowy", "--role", "director"], "dlugiehaslo\n",
     "Nazwa użytkownika admin jest już zajęta."),
    (["add", "ewa", "--name", "Ewa Łoś", "--role", "kucharz"], "dlugiehaslo\n", "kucharz"),
    (["add", "ewa", "--name", "  ", "--role", "director"], "dlugiehaslo\n", "Imię i nazwisko"),
    (["add", "ewa", "--name", "Ż" * 121, "--role", "director"], "dlugiehaslo\n", "120"),
    (["add", "e" * 65, "--name", "Ewa Łoś", "--role", "director"], "dlugiehaslo\n", "64"),
    (["add", "ewa", "--name", "Ewa Łoś", "--role", "instructor", "--workshop", "Stolarnia"], "dlugiehaslo\n",
     "Stolarnia"),
    (["add", "ewa", "--name", "Ewa Łoś", "--role", "director", "--workshop", "Ceramika"], "dlugiehaslo\n",
     "instruktor"),
    (["add", "ewa", "--name", "Ewa Łoś", "--role", "director"], "krótkie\n", "8"),
    (["add", "ewa", "--name", "Ewa Łoś", "--role", "director"], "", "standardowym wejściu"),
    (["passwd", "nikt"], "dlugiehaslo\n", "nikt"),
    (["passwd", "admin"], "krótkie\n", "8"),
    (["disable", "admin"], None, "ostatnim aktywnym administratorem"),
    (["disable", "nikt"], None, "nikt"),
    (["enable", "admin"], None, "już włączony"),
    (["enable", "nikt"], None, "nikt"),
])
def test_a_refusal_is_one_sentence_and_writes_nothing(capsys, monkeypatch, database_path, facility,
                                                      args, stdin, message):
    if stdin is not None:
        args = [*args, "--password-stdin"]
    before = snapshot(facility)
    code, out, err = run(capsys, monkeypatch, database_path, *args, stdin=stdin)
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err
    assert snapshot(facility) == before


def test_passwords_that_differ_at_the_prompt(capsys, monkeypatch, database_path, facility):
    answers = iter(["pierwszehaslo", "drugiehaslo"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt: next(answers))
    before = snapshot(facility)
    code, out, err = run(capsys, monkeypatch, database_path, "passwd", "admin")
    assert (code, out, err) == (1, "", "Podane hasła nie są identyczne.\n")
    assert snapshot(facility) == before


def test_a_short_password_is_refused_before_it_is_repeated(capsys, monkeypatch, database_path, facility):
    prompts = []
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt: prompts.append(prompt) or "krótkie")
    code, _, err = run(capsys, monkeypatch, database_path, "passwd", "admin")
    assert code == 1 and "co najmniej 8" in err
    assert prompts == ["Nowe hasło: "]


@pytest.mark.parametrize("typed", [["--password", "nowehaslo"], ["--password-stdin=nowehaslo"], ["nowehaslo"]])
def test_the_password_is_not_an_argument(capsys, database_path, facility, typed):
    before = snapshot(facility)
    with pytest.raises(SystemExit) as exit_:
        main(["--database", database_path, "user", "passwd", "admin", *typed])
    assert exit_.value.code == 2
    assert snapshot(facility) == before


def test_a_new_password(capsys, monkeypatch, database_path, facility):
    code, out, err = run(capsys, monkeypatch, database_path, "passwd", "ADMIN", "--password-stdin",
                         stdin="nowe hasło ąę\r\n")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["Zmieniono hasło użytkownika admin.",
                                "Hasło jest tymczasowe: przy następnym logowaniu program poprosi o nowe."]
    with units.writing(facility) as session:
        assert users.authenticate(session, "admin", "hasloadmina") is None
        admin = users.authenticate(session, "admin", "nowe hasło ąę")
        assert admin is not None and admin.must_change_password
    code, out, err = run(capsys, monkeypatch, database_path, "passwd", "admin", "--password-stdin", "--permanent",
                         stdin="stałe hasło ąę\n")
    assert (code, out, err) == (0, "Zmieniono hasło użytkownika admin.\n", "")
    with units.reading(facility) as session:
        assert not users.find_user(session, "admin").must_change_password


def test_disable_a_user(capsys, monkeypatch, database_path, facility):
    with units.writing(facility) as session:
        users.create_user(session, "jan", "haslojana", Role.INSTRUCTOR, "Jan Żak")
    code, out, err = run(capsys, monkeypatch, database_path, "disable", "jan")
    assert (code, err) == (0, "")
    assert "jan" in out and "wyłączony" in out
    with units.writing(facility) as session:
        assert users.authenticate(session, "jan", "haslojana") is None
        assert session.scalar(select(User.active).where(User.username == "jan")) is False
    code, _, err = run(capsys, monkeypatch, database_path, "disable", "jan")
    assert code == 1 and "już wyłączony" in err
    code, out, err = run(capsys, monkeypatch, database_path, "enable", "JAN")
    assert (code, out, err) == (0, "Włączono użytkownika jan; może znów się logować.\n", "")
    with units.writing(facility) as session:
        assert users.authenticate(session, "jan", "haslojana") is not None


def test_list_in_polish(capsys, monkeypatch, database_path, facility):
    with units.writing(facility) as session:
        admin = session.scalar(select(User).where(User.username == "admin"))
        admin.last_login_at = datetime(2026, 11, 30, 7, 45)
        jan = users.create_user(session, "jan", "haslojana", Role.INSTRUCTOR, "Jan Żak",
                                workshop_ids=list(session.scalars(select(Workshop.id))))
        users.deactivate_user(session, jan.id)
    code, out, err = run(capsys, monkeypatch, database_path, "list")
    assert (code, err) == (0, "")
    header, admin, jan = out.splitlines()
    assert header.split() == ["Nazwa", "użytkownika", "Imię", "i", "nazwisko", "Rola", "Pracownie", "Status",
                              "Ostatnie", "logowanie"]
    assert admin.split()[:3] == ["admin", "Administrator", "Administrator"]
    assert "aktywny" in admin and "30.11.2026" in admin
    assert jan.split()[:4] == ["jan", "Jan", "Żak", "Instruktor"]
    assert "Ceramika, Pracownia gospodarstwa domowego" in jan
    assert "wyłączony" in jan and "nigdy" in jan
    with units.writing(facility) as session:
        users.add_user(session, "ola", Role.INSTRUCTOR, "Ola Żak")
    assert "aktywny, hasło tymczasowe" in run(capsys, monkeypatch, database_path, "list")[1].splitlines()[3]
