"""The command line and a PostgreSQL server's password: asked at a terminal (not echoed: getpass),
with no terminal one sentence on how to give it, and never printed."""

from __future__ import annotations

import io

import pytest

from reintegra import cli, config
from reintegra.cli import main
from reintegra.services import server_password

SERVER = "postgresql+psycopg://reintegra@10.0.0.7/facility"
WITH_PASSWORD = "postgresql+psycopg://reintegra:s3cret-pw@10.0.0.7/facility"
RIGHT = "s3cret-pw"


class _Terminal(io.StringIO):
    def __init__(self, attached: bool):
        super().__init__()
        self.attached = attached

    def isatty(self) -> bool:
        return self.attached


@pytest.fixture
def server(password_server):
    return password_server


def terminal(monkeypatch, attached: bool, answers: list[str]):
    prompts = []

    def fake_getpass(prompt):
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(cli.sys, "stdin", _Terminal(attached))
    monkeypatch.setattr(cli.getpass, "getpass", fake_getpass)
    return prompts


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["--language", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_at_a_terminal_the_password_is_asked_for_without_echo(capsys, monkeypatch, server):
    prompts = terminal(monkeypatch, True, [RIGHT])
    code, output = run(capsys, "--database", SERVER, "user", "list")
    assert code == 0, output
    assert len(prompts) == 1 and "10.0.0.7" in prompts[0]
    assert server.tries == [None, RIGHT]
    assert RIGHT not in output


def test_a_wrong_password_is_asked_again_and_said_so(capsys, monkeypatch, server):
    prompts = terminal(monkeypatch, True, ["wrong", RIGHT])
    code, output = run(capsys, "--database", SERVER, "db", "check")
    assert code == 0, output
    assert len(prompts) == 2 and "did not accept the password" in output
    assert "wrong" not in output and RIGHT not in output


def test_three_wrong_passwords_end_the_command(capsys, monkeypatch, server):
    terminal(monkeypatch, True, ["a1", "b2", "c3"])
    code, output = run(capsys, "--database", SERVER, "user", "list")
    assert code == 1 and "PGPASSWORD" in output
    assert server.tries == [None, "a1", "b2", "c3"]
    assert "a1" not in output and "c3" not in output


def test_the_password_typed_once_serves_the_whole_command(capsys, monkeypatch, server):
    prompts = terminal(monkeypatch, True, [RIGHT])
    code, output = run(capsys, "--database", SERVER, "db", "upgrade")
    assert code == 0, output
    assert len(prompts) == 1  # upgrade connects twice


def test_an_empty_answer_stops(capsys, monkeypatch, server):
    terminal(monkeypatch, True, [""])
    code, output = run(capsys, "--database", SERVER, "user", "list")
    assert code == 1 and "No password was given." in output


def test_without_a_terminal_one_sentence_tells_how_to_give_it(capsys, monkeypatch, server):
    prompts = terminal(monkeypatch, False, [])
    code, output = run(capsys, "--database", SERVER, "user", "list")
    assert code == 1 and prompts == []
    assert output.strip().count("\n") == 0
    assert "PGPASSWORD" in output and "~/.pgpass" in output and "10.0.0.7" in output


def test_the_keyrings_password_needs_no_question(capsys, monkeypatch, server, memory_keyring):
    server_password.store_password(SERVER, RIGHT)
    prompts = terminal(monkeypatch, True, [])
    code, output = run(capsys, "--database", SERVER, "user", "list")
    assert code == 0, output
    assert prompts == [] and server.tries == [RIGHT]


def test_a_password_given_in_the_url_is_kept_in_the_keyring_and_never_printed(
        capsys, monkeypatch, server, memory_keyring):
    terminal(monkeypatch, False, [])
    code, output = run(capsys, "--database", WITH_PASSWORD, "user", "list")
    assert code == 0, output
    assert RIGHT not in output
    assert server_password.stored_password(SERVER) == RIGHT
    # the next command finds it there
    code, _output = run(capsys, "--database", SERVER, "user", "list")
    assert code == 0 and server.tries[-1] == RIGHT


def test_a_keyring_password_the_server_refuses_is_asked_for_again(capsys, monkeypatch, server, memory_keyring):
    server_password.store_password(SERVER, "old-one")
    prompts = terminal(monkeypatch, True, [RIGHT])
    code, output = run(capsys, "--database", SERVER, "user", "list")
    assert code == 0, output
    assert len(prompts) == 1 and "did not accept the password" in output and "old-one" not in output
    assert memory_keyring.entries == {}  # the refused one is not tried again


def test_a_server_that_cannot_be_reached_never_shows_the_password(capsys):
    for args in (("db", "check"), ("db", "backup", "copy.db"), ("user", "list")):
        code, output = run(capsys, "--database", "postgresql+psycopg://u:s3cret@127.0.0.1:1/x", *args)
        assert code == 1 and "127.0.0.1" in output and "s3cret" not in output
    assert not config.settings_path().exists() or "s3cret" not in config.settings_path().read_text()


def test_the_settings_server_given_again_with_its_password_is_still_the_own_database_for_the_demo(capsys, server):
    config.update_settings(database=SERVER)
    code, output = run(capsys, "--database", WITH_PASSWORD, "demo", "--participants", "2", "--years", "1")
    assert code == 1 and "own database" in output and RIGHT not in output
    assert server.tries == []  # refused before connecting
