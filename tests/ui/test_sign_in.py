"""Signing in: wrong and right passwords, the pause after repeated wrong tries, the remembered name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from reintegra import config
from reintegra.db.enums import Role
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services import demo_database, users
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.dialogs.sign_in import SignInDialog

PASSWORD = "ciasto-drożdżowe"


@pytest.fixture
def director(session):
    user = users.create_user(session, "jan.kowalski", PASSWORD, Role.DIRECTOR, "Jan Kowalski")
    session.commit()
    return user


def shown(qtbot, context) -> SignInDialog:
    dialog = SignInDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sign_in(qtbot, dialog, username: str | None, password: str) -> None:
    if username is not None:
        dialog.username.clear()
        qtbot.keyClicks(dialog.username, username)
    dialog.password.clear()
    for char in password:  # keyClicks takes only Latin-1; a password may hold any letter
        QTest.sendKeyEvent(QTest.KeyAction.Click, dialog.password, Qt.Key_unknown, char, Qt.NoModifier)
    qtbot.mouseClick(dialog.sign_in_button, Qt.LeftButton)


def test_not_needed_on_a_database_without_users(qtbot, context):
    assert not shown(qtbot, context).needed()


def test_a_wrong_password_says_so_in_the_dialog_and_clears_the_field(qtbot, context, director, said):
    dialog = shown(qtbot, context)
    assert dialog.needed()

    sign_in(qtbot, dialog, "jan.kowalski", "zgadywanie")

    assert dialog.result() != QDialog.Accepted
    assert dialog.signed_in() is None
    assert dialog.message.isVisibleTo(dialog)
    assert dialog.message.text() == _("Wrong user name or password.")
    assert dialog.password.text() == ""
    assert dialog.focusWidget() is dialog.password
    assert said.errors == []  # in the dialog, not in a message box


def test_the_right_password_signs_in_and_the_name_is_remembered(qtbot, context, director):
    dialog = shown(qtbot, context)
    sign_in(qtbot, dialog, "Jan.Kowalski ", PASSWORD)

    assert dialog.result() == QDialog.Accepted
    assert dialog.signed_in() == SignedIn(director.id, "jan.kowalski", "Jan Kowalski", Role.DIRECTOR)
    assert config.load_settings()["last_user"] == "jan.kowalski"

    again = shown(qtbot, context)
    assert again.username.text() == "jan.kowalski"
    assert again.focusWidget() is again.password
    sign_in(qtbot, again, None, PASSWORD)
    assert again.result() == QDialog.Accepted


def test_after_five_wrong_tries_the_dialog_waits(qtbot, context, director, monkeypatch):
    monkeypatch.setattr(SignInDialog, "WAIT_SECONDS", 1)
    dialog = shown(qtbot, context)
    for _try in range(SignInDialog.MAX_ATTEMPTS - 1):
        sign_in(qtbot, dialog, "jan.kowalski", "zle-haslo")
        assert dialog.sign_in_button.isEnabled()

    sign_in(qtbot, dialog, "jan.kowalski", "zle-haslo")

    assert not dialog.sign_in_button.isEnabled()
    assert not dialog.password.isEnabled()
    assert "1" in dialog.message.text()
    dialog.try_sign_in()  # Enter while waiting does nothing
    assert dialog.result() != QDialog.Accepted
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=3000)
    sign_in(qtbot, dialog, None, PASSWORD)
    assert dialog.result() == QDialog.Accepted


def test_an_empty_user_name_asks_for_it(qtbot, context, director):
    dialog = shown(qtbot, context)
    sign_in(qtbot, dialog, "", PASSWORD)
    assert dialog.message.text() == _("Enter your user name.")
    assert dialog.failures == 0


def test_demo_data_prefill_admin_and_show_the_password(qtbot, engine, database_path, director):
    context = AppContext(engine, database_path, demo=True)
    dialog = shown(qtbot, context)
    assert dialog.username.text() == "admin"
    assert dialog.demo_hint.isVisibleTo(dialog)
    assert "admin123" in dialog.demo_hint.text()
    assert dialog.focusWidget() is dialog.password


def test_signing_in_to_the_demo_does_not_replace_the_remembered_name(qtbot, engine, database_path, session):
    demo_database.mark_as_demo(session, {})
    users.create_user(session, "admin", "admin123", Role.ADMINISTRATOR, "Admin")
    session.commit()
    config.update_settings(last_user="jan.kowalski")
    dialog = shown(qtbot, AppContext(engine, database_path, demo=True))
    sign_in(qtbot, dialog, None, "admin123")
    assert dialog.result() == QDialog.Accepted
    assert config.load_settings()["last_user"] == "jan.kowalski"


def test_enter_signs_in_and_a_wrong_password_with_enter_keeps_the_dialog_open(qtbot, context, director):
    dialog = shown(qtbot, context)
    qtbot.keyClicks(dialog.username, "jan.kowalski")
    dialog.password.setFocus()
    qtbot.keyClicks(dialog.password, "zgadywanie")
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.isVisible() and dialog.message.text() == _("Wrong user name or password.")
    for char in PASSWORD:
        QTest.sendKeyEvent(QTest.KeyAction.Click, dialog.password, Qt.Key_unknown, char, Qt.NoModifier)
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted and dialog.signed_in().username == "jan.kowalski"


def test_the_demo_password_does_not_open_a_real_database(qtbot, context, session):
    session.add(User(username="admin", full_name="", role=Role.ADMINISTRATOR,
                     password_hash=users.hash_password(demo_database.ADMIN_PASSWORD)))
    session.commit()
    dialog = shown(qtbot, context)
    assert not dialog.demo_hint.isVisibleTo(dialog)
    sign_in(qtbot, dialog, "admin", demo_database.ADMIN_PASSWORD)
    assert dialog.isVisible() and dialog.signed_in() is None
    assert "reintegra user passwd admin" in dialog.message.text()
