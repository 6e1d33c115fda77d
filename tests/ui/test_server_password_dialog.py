"""The app and a PostgreSQL server's password: the password dialog at start ("Remember" only where a
keyring works), and the Database dialog that keeps a typed password out of the settings file."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from reintegra import config
from reintegra.services import server_password
from reintegra.ui import app as app_module
from reintegra.ui.dialogs.database import DatabaseDialog
from reintegra.ui.dialogs.server_password import ServerPasswordDialog

SERVER = "postgresql+psycopg://wtz@192.168.1.10/reintegra"
RIGHT = "s3cret-pw"


@pytest.fixture
def server(password_server):
    return password_server


def answers(*replies):
    """An ask_password that gives ``replies`` in turn and records whether each ask said 'refused'."""
    asked = []

    def ask(target, refused):
        asked.append(refused)
        return replies[len(asked) - 1]

    return ask, asked


def test_the_app_asks_until_the_server_takes_the_password(server):
    ask, asked = answers(("wrong", False), (RIGHT, False))
    context = app_module.open_context(SERVER, ask)
    assert context is not None and context.database == SERVER
    assert asked == [False, True]
    assert server.tries == [None, "wrong", RIGHT]
    context.engine.dispose()


def test_remember_keeps_the_password_in_the_keyring_for_the_next_start(server, memory_keyring):
    ask, _asked = answers((RIGHT, True))
    app_module.open_context(SERVER, ask).engine.dispose()
    assert server_password.stored_password(SERVER) == RIGHT
    ask, asked = answers()
    app_module.open_context(SERVER, ask).engine.dispose()
    assert asked == [] and server.tries[-1] == RIGHT


def test_a_password_not_to_remember_is_not_kept(server, memory_keyring):
    ask, _asked = answers((RIGHT, False))
    app_module.open_context(SERVER, ask).engine.dispose()
    assert memory_keyring.entries == {}


def test_a_keyring_password_the_server_refuses_is_asked_for_and_then_forgotten(server, memory_keyring):
    server_password.store_password(SERVER, "old-one")
    ask, asked = answers((RIGHT, False))
    app_module.open_context(SERVER, ask).engine.dispose()
    assert asked == [True] and server.tries == ["old-one", RIGHT]
    assert memory_keyring.entries == {}


def test_cancelling_the_question_starts_nothing(server):
    ask, asked = answers(None)
    assert app_module.open_context(SERVER, ask) is None
    assert asked == [False]


def test_run_app_quits_quietly_when_the_password_is_not_given(server, monkeypatch, qapp):
    monkeypatch.setattr(ServerPasswordDialog, "exec", lambda self: QDialog.Rejected)
    criticals = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical", lambda *args: criticals.append(args))
    assert app_module.run_app(SERVER) == 0
    assert criticals == []


def test_the_password_dialog_without_a_keyring_offers_no_remembering(qtbot):
    dialog = ServerPasswordDialog(SERVER)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember_box.isVisible() and dialog.no_keyring.isVisible()
    assert "PGPASSWORD" in dialog.no_keyring.text()
    assert "192.168.1.10" in dialog.intro.text()
    assert not dialog.connect_button.isEnabled()
    QTest.keyClicks(dialog.password_field, RIGHT)
    assert dialog.connect_button.isEnabled()
    assert dialog.password_field.echoMode() == dialog.password_field.EchoMode.Password
    dialog.remember_box.setChecked(True)  # hidden: whatever its state, nothing is remembered
    assert dialog.password() == RIGHT and not dialog.remember()
    assert not dialog.refused.isVisible()


def test_the_password_dialog_with_a_keyring_offers_to_remember(qtbot, memory_keyring):
    dialog = ServerPasswordDialog(SERVER, refused=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.remember_box.isVisible() and not dialog.no_keyring.isVisible()
    assert dialog.refused.isVisible()
    QTest.keyClicks(dialog.password_field, RIGHT)
    qtbot.mouseClick(dialog.remember_box, Qt.LeftButton)
    qtbot.mouseClick(dialog.connect_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    assert dialog.password() == RIGHT and dialog.remember()


@pytest.mark.parametrize("with_keyring", [True, False])
def test_a_password_typed_in_the_database_dialog_never_reaches_the_settings_file(qtbot, request, with_keyring):
    if with_keyring:
        request.getfixturevalue("memory_keyring")
    dialog = DatabaseDialog(str(config.settings_path().parent / "x.db"))
    qtbot.addWidget(dialog)
    dialog.server_choice.setChecked(True)
    for field, text in ((dialog.host, "192.168.1.10"), (dialog.user, "wtz"), (dialog.password, "Tajne-1")):
        QTest.keyClicks(field, text)
    dialog.save()
    assert dialog.result() == QDialog.Accepted
    assert dialog.target() == SERVER
    config.update_settings(database=dialog.target())  # what the settings page does with it
    text = config.settings_path().read_text(encoding="utf-8")
    assert "Tajne" not in text and json.loads(text)["database"] == SERVER
    assert server_password.stored_password(SERVER) == ("Tajne-1" if with_keyring else None)
    assert ("PGPASSWORD" in dialog.password_hint.text()) != with_keyring
