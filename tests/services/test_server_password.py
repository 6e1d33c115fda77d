"""A PostgreSQL password goes into the system keyring, never into the settings file nor a message;
without a keyring it is asked for (services/server_password.py)."""

from __future__ import annotations

import json
import os
from types import SimpleNamespace

import pytest

from reintegra import config
from reintegra.services import server_password
from reintegra.services.database import cannot_open_message, connect, error_text, open_database
from reintegra.services.errors import ReintegraError
from reintegra.services.server_password import KEYRING_SERVICE, PasswordNeeded

URL = "postgresql+psycopg://reintegra:s3cret-pw@10.0.0.7:5433/facility"
BARE = "postgresql+psycopg://reintegra@10.0.0.7:5433/facility"
ACCOUNT = "reintegra@10.0.0.7:5433/facility"


def settings_text() -> str:
    return config.settings_path().read_text(encoding="utf-8")


def test_keep_puts_the_password_into_a_working_keyring_and_returns_the_url_without_it(memory_keyring):
    assert server_password.keyring_works()
    assert server_password.keep(URL) == BARE
    assert memory_keyring.entries == {(KEYRING_SERVICE, ACCOUNT): "s3cret-pw"}
    assert server_password.stored_password(BARE) == "s3cret-pw"


def test_a_password_given_as_a_query_parameter_is_kept_too(memory_keyring):
    kept = server_password.keep(BARE + "?password=s3cret-pw&sslmode=require")
    assert "s3cret" not in kept and "sslmode=require" in kept
    assert server_password.stored_password(kept) == "s3cret-pw"


def test_without_a_keyring_the_password_is_dropped_not_written():
    assert not server_password.keyring_works()  # keyring's fail backend, as on a headless Linux
    assert server_password.keep(URL) == BARE
    assert server_password.stored_password(BARE) is None
    assert server_password.store_password(BARE, "s3cret-pw") is False


def test_paths_and_urls_without_a_password_are_left_alone(memory_keyring, tmp_path):
    assert server_password.keep(str(tmp_path / "a.db")) == str(tmp_path / "a.db")
    assert server_password.keep(BARE) == BARE
    assert memory_keyring.entries == {}
    assert server_password.connection_target(str(tmp_path / "a.db"), "pw") == str(tmp_path / "a.db")


@pytest.mark.parametrize("with_keyring", [True, False])
def test_the_settings_file_never_holds_the_password(request, with_keyring):
    if with_keyring:
        request.getfixturevalue("memory_keyring")
    config.update_settings(database=URL)
    assert "s3cret" not in settings_text()
    assert json.loads(settings_text())["database"] == BARE
    assert server_password.stored_password(BARE) == ("s3cret-pw" if with_keyring else None)


def test_an_older_settings_file_loses_its_password_at_the_next_start(memory_keyring):
    config.settings_path().parent.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_text(json.dumps({"database": URL, "language": "pl"}), encoding="utf-8")
    assert config.resolve_database() == URL  # this run still connects with it
    assert "s3cret" not in settings_text() and json.loads(settings_text())["language"] == "pl"
    assert server_password.stored_password(BARE) == "s3cret-pw"
    assert config.resolve_database() == BARE  # the next start takes it from the keyring


def test_a_password_given_in_the_url_goes_into_the_keyring_once_the_server_took_it(
        memory_keyring, password_server, monkeypatch):
    monkeypatch.setenv(config.ENVIRONMENT_DATABASE, URL)
    assert config.resolve_database() == URL
    assert memory_keyring.entries == {}  # not before the server said it is right
    open_database(URL).dispose()
    assert server_password.stored_password(BARE) == "s3cret-pw"
    assert not config.settings_path().exists()  # and never into the settings
    open_database(BARE).dispose()
    assert password_server.tries == ["s3cret-pw", "s3cret-pw"]


def test_a_wrong_password_in_the_url_is_not_kept(memory_keyring, password_server):
    with pytest.raises(PasswordNeeded) as needed:
        open_database(BARE.replace("reintegra@", "reintegra:wrong@"))
    assert needed.value.refused and "wrong" not in needed.value.message
    assert memory_keyring.entries == {}


def test_the_connection_takes_the_given_password_then_the_urls_then_the_keyrings(memory_keyring):
    assert server_password.connection_target(BARE) == BARE  # libpq: PGPASSWORD or ~/.pgpass
    server_password.store_password(BARE, "from-keyring")
    assert server_password.password_in(server_password.connection_target(BARE)) == "from-keyring"
    assert server_password.password_in(server_password.connection_target(URL)) == "s3cret-pw"
    assert server_password.password_in(server_password.connection_target(URL, "typed")) == "typed"


def test_each_server_account_has_its_own_entry(memory_keyring):
    server_password.keep(URL)
    other = "postgresql+psycopg://someone@10.0.0.7:5433/facility"
    assert server_password.stored_password(other) is None
    server_password.forget_password(BARE)
    assert server_password.stored_password(BARE) is None
    server_password.forget_password(BARE)  # nothing kept: nothing to do


def test_a_keyring_that_fails_is_as_if_empty(memory_keyring, monkeypatch):
    from keyring.errors import KeyringLocked

    def locked(*_args):
        raise KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", locked)
    monkeypatch.setattr(memory_keyring, "set_password", locked)
    assert server_password.stored_password(BARE) is None
    assert server_password.keep(URL) == BARE


def _failed_connection(text: str, *, needs: bool, used: bool) -> Exception:
    error = Exception(text)
    error.pgconn = SimpleNamespace(needs_password=needs, used_password=used)
    return SimpleNamespace(orig=error)


def test_a_refusal_for_want_of_a_password_is_told_from_other_failures():
    refusal = server_password.is_password_refusal
    assert refusal(_failed_connection("fe_sendauth: no password supplied", needs=True, used=True))
    assert refusal(_failed_connection('FATAL:  password authentication failed for user "u"', needs=False, used=True))
    assert refusal(_failed_connection('FATAL:  autoryzacja hasłem nie powiodła się dla użytkownika "u"',
                                      needs=False, used=True))
    assert not refusal(_failed_connection('FATAL:  database "x" does not exist', needs=False, used=True))
    assert not refusal(_failed_connection("Connection refused", needs=False, used=False))
    assert not refusal(Exception("no connection at all"))


def test_a_server_asking_for_a_password_raises_password_needed(password_server):
    with pytest.raises(PasswordNeeded) as needed:
        open_database(BARE)
    assert not needed.value.refused
    assert "PGPASSWORD" in needed.value.message and "10.0.0.7" in needed.value.message
    with pytest.raises(PasswordNeeded) as needed:
        open_database(BARE, password="typed-wrong")
    assert needed.value.refused and "typed-wrong" not in needed.value.message
    assert needed.value.__cause__ is None  # the driver's connection (whose repr shows it) is not chained
    open_database(BARE, password="s3cret-pw").dispose()
    assert password_server.tries == [None, "typed-wrong", "s3cret-pw"]


def test_connecting_without_the_schema_asks_for_the_password_too(password_server):
    with pytest.raises(PasswordNeeded):
        connect(BARE)
    connect(BARE, password="s3cret-pw").dispose()


def test_messages_never_repeat_a_password_this_process_connected_with():
    target = server_password.connection_target(BARE, "Tajne+hasło/1")
    echoed = Exception(f"could not connect with {target} (password Tajne+hasło/1)")
    text = error_text(echoed, target)
    assert "Tajne" not in text and server_password.HIDDEN in text
    assert "Tajne" not in cannot_open_message(target, echoed)


def test_an_unreachable_server_is_named_without_its_password():
    with pytest.raises(ReintegraError) as refused:
        open_database("postgresql+psycopg://u:s3cret@127.0.0.1:1/x")
    assert "127.0.0.1" in refused.value.message and "s3cret" not in refused.value.message


@pytest.mark.skipif(not os.environ.get("REINTEGRA_TEST_DATABASE_URL"),
                    reason="set REINTEGRA_TEST_DATABASE_URL to a PostgreSQL URL")
def test_a_real_servers_refusal_names_the_database_but_never_the_password():
    from sqlalchemy.engine import make_url

    url = make_url(os.environ["REINTEGRA_TEST_DATABASE_URL"]).set(password="s3cret-pw",
                                                                  database="no_such_database_here")
    with pytest.raises(ReintegraError) as refused:
        open_database(url.render_as_string(hide_password=False))
    assert "no_such_database_here" in refused.value.message and "s3cret" not in refused.value.message


def test_an_address_no_parser_reads_is_refused_in_one_sentence_without_its_password():
    with pytest.raises(ReintegraError) as refused:
        open_database("postgresql+psycopg://u:s3cret@10.0.0.7:notaport/x")
    assert "10.0.0.7" in refused.value.message and "s3cret" not in refused.value.message


def test_scrub_hides_the_password_of_any_url_in_a_text():
    text = server_password.scrub("failed: postgresql+psycopg://u:p@ss-1@10.0.0.7:5432/db; user@host, "
                                 "postgresql://u@10.0.0.7:5432/db")
    assert "p@ss-1" not in text and "ss-1" not in text
    assert "10.0.0.7:5432/db" in text and "user@host" in text and "postgresql://u@10.0.0.7:5432/db" in text
