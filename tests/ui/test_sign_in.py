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
from reintegra.services import sign_in as sign_in_service
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
    monkeypatch.setattr(sign_in_service, "FIRST_WAIT_SECONDS", 1)
    dialog = shown(qtbot, context)
    for _try in range(sign_in_service.FREE_TRIES - 1):
        sign_in(qtbot, dialog, "jan.kowalski", "zle-haslo")
        assert dialog.sign_in_button.isEnabled()

    sign_in(qtbot, dialog, "jan.kowalski", "zle-haslo")

    assert not dialog.sign_in_button.isEnabled()
    assert not dialog.password.isEnabled()
    assert dialog.message.text() == ("Nieprawidłowa nazwa użytkownika lub hasło. Zbyt wiele błędnych prób dla "
                                     "tej nazwy użytkownika: odczekaj 1 sekundę przed kolejną próbą.")
    dialog.try_sign_in()  # Enter while waiting does nothing
    assert dialog.result() != QDialog.Accepted
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=3000)
    assert dialog.message.text() == "Możesz spróbować ponownie."
    sign_in(qtbot, dialog, None, PASSWORD)
    assert dialog.result() == QDialog.Accepted


def test_the_wait_is_kept_in_the_database_and_holds_only_for_its_user_name(qtbot, context, director, session):
    users.create_user(session, "ola", PASSWORD, Role.INSTRUCTOR, "Ola Żak")
    session.commit()
    dialog = shown(qtbot, context)
    for _try in range(sign_in_service.FREE_TRIES):
        sign_in(qtbot, dialog, "jan.kowalski", "zle-haslo")
    assert "30 sekund" in dialog.message.text()
    dialog.close()

    config.update_settings(last_user="jan.kowalski")
    again = shown(qtbot, context)  # as after a restart of the program
    assert not again.sign_in_button.isEnabled()
    assert "odczekaj" in again.message.text()
    again.username.clear()
    qtbot.keyClicks(again.username, "Ola")
    assert again.sign_in_button.isEnabled() and again.password.isEnabled()
    sign_in(qtbot, again, None, PASSWORD)
    assert again.result() == QDialog.Accepted and again.signed_in().username == "ola"


def test_a_temporary_password_is_replaced_before_the_window_opens(qtbot, context, session, said):
    admin = users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Admin")
    ola, temporary = users.add_user(session, "ola", Role.INSTRUCTOR, "Ola Żak", actor=admin)
    session.commit()
    dialog = shown(qtbot, context)
    sign_in(qtbot, dialog, "ola", temporary)
    assert dialog.isVisible() and dialog.signed_in() is None
    assert dialog.pages.currentIndex() == 1
    form = dialog.new_password_form
    assert dialog.focusWidget() is form.new_password

    def choose(new: str, repeated: str) -> None:
        for field, text in ((form.new_password, new), (form.repeated, repeated)):
            field.clear()
            qtbot.keyClicks(field, text)
        qtbot.mouseClick(dialog.new_password_button, Qt.LeftButton)

    for new, repeated, field, text in (("moje-haslo-1", "moje-haslo-2", "repeated", "nie są identyczne"),
                                       ("krotkie", "krotkie", "new_password", "co najmniej 8"),
                                       (temporary, temporary, "new_password", "różnić")):
        choose(new, repeated)
        assert dialog.isVisible() and text in form.error_text(field)
        with context.read() as check:
            stored = users.find_user(check, "ola")
            assert stored.must_change_password and stored.password_hash == ola.password_hash
    choose("moje-haslo-1", "moje-haslo-1")
    assert dialog.result() == QDialog.Accepted
    assert dialog.signed_in() == SignedIn(ola.id, "ola", "Ola Żak", Role.INSTRUCTOR)
    with context.unit() as check:
        assert not users.find_user(check, "ola").must_change_password
        assert users.authenticate(check, "ola", "moje-haslo-1") is not None
    assert said.errors == []


def test_leaving_the_new_password_step_signs_nobody_in(qtbot, context, session):
    admin = users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Admin")
    temporary = users.add_user(session, "ola", Role.INSTRUCTOR, "Ola Żak", actor=admin).password
    session.commit()
    dialog = shown(qtbot, context)
    sign_in(qtbot, dialog, "ola", temporary)
    qtbot.keyClick(dialog.new_password_form.new_password, Qt.Key_Escape)
    assert dialog.result() == QDialog.Rejected and dialog.signed_in() is None
    with context.read() as check:
        assert users.find_user(check, "ola").must_change_password


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


def test_the_demo_hint_lists_the_demo_staff_accounts_from_its_users(qtbot, engine, database_path, session, demo):
    """Every active director and instructor of the demo, by the user name it really has, with the
    staff's password; a disabled account is not offered, one made later is; a name fills the field."""
    from sqlalchemy import select

    staff = list(session.scalars(select(User).where(User.role.in_((Role.DIRECTOR, Role.INSTRUCTOR)))
                                 .order_by(User.id)))
    gone = next(user for user in staff if user.role is Role.INSTRUCTOR)
    users.deactivate_user(session, gone.id)
    users.create_user(session, "z.nowa", demo_database.STAFF_PASSWORD, Role.INSTRUCTOR, "Zofia Nowa")
    session.commit()

    dialog = shown(qtbot, AppContext(engine, database_path, demo=True))
    hint = dialog.demo_hint.text()
    assert "admin123" in hint and f"„{demo_database.STAFF_PASSWORD}”" in hint
    director = next(user for user in staff if user.role is Role.DIRECTOR)
    assert f'Kierownik: <a href="{director.username}">{director.username}</a>' in hint
    listed = [user.username for user in staff if user.active and user.role is Role.INSTRUCTOR] + ["z.nowa"]
    assert len(listed) >= 2
    assert "Instruktorzy: " + ", ".join(f'<a href="{name}">{name}</a>' for name in listed) in hint
    assert f">{gone.username}<" not in hint
    dialog.demo_hint.linkActivated.emit(listed[0])
    assert dialog.username.text() == listed[0] and dialog.focusWidget() is dialog.password
    sign_in(qtbot, dialog, None, demo_database.STAFF_PASSWORD)
    assert dialog.result() == QDialog.Accepted, dialog.message.text()
    assert dialog.signed_in().username == listed[0]  # the account signs in with the password shown


def test_the_demo_hint_of_a_demo_without_staff_names_the_administrator_only(qtbot, engine, database_path, session,
                                                                            director):
    users.deactivate_user(session, director.id)
    session.commit()
    dialog = shown(qtbot, AppContext(engine, database_path, demo=True))
    assert "admin123" in dialog.demo_hint.text() and "demo1234" not in dialog.demo_hint.text()


def test_a_big_demo_lists_its_first_instructors_and_counts_the_rest(qtbot, engine, database_path, session):
    demo_database.mark_as_demo(session, {})
    names = [f"i.{number:02d}" for number in range(20)]
    for name in names:
        users.create_user(session, name, demo_database.STAFF_PASSWORD, Role.INSTRUCTOR, f"Ida {name}")
    session.commit()
    dialog = shown(qtbot, AppContext(engine, database_path, demo=True))
    hint = dialog.demo_hint.text()
    assert f">{names[15]}<" in hint and f">{names[16]}<" not in hint
    assert "… i jeszcze 4" in hint


def test_shown_before_the_database_it_waits_for_it_and_keeps_what_was_typed(qtbot, context, director):
    config.update_settings(last_user="jan.kowalski")
    dialog = SignInDialog()  # as run_app shows it at once, before the database is open
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.username.text() == "jan.kowalski" and dialog.focusWidget() is dialog.password
    assert not dialog.sign_in_button.isEnabled()
    for char in PASSWORD:  # typed while the database opens
        QTest.sendKeyEvent(QTest.KeyAction.Click, dialog.password, Qt.Key_unknown, char, Qt.NoModifier)
    qtbot.keyClick(dialog.password, Qt.Key_Return)  # too early: nothing happens, nothing is lost
    assert dialog.isVisible() and dialog.password.text() == PASSWORD

    dialog.set_context(context)

    assert dialog.sign_in_button.isEnabled() and dialog.password.text() == PASSWORD
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted and dialog.signed_in().username == "jan.kowalski"


def test_the_demo_hint_is_whole_when_it_comes_after_the_window(qtbot, engine, database_path, demo):
    """As run_app does it: the window on screen first, the database (and so the hint) after; the
    hint's wrapped lines all fit (the window did not grow and the last instructors were cut off)."""
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_context(AppContext(engine, database_path, demo=True))
    qtbot.wait(50)
    hint = dialog.demo_hint
    assert hint.heightForWidth(hint.width()) > hint.fontMetrics().height() * 4  # five lines or more
    assert hint.height() >= hint.heightForWidth(hint.width())
