"""Starting the app: the database, the first-run wizard, the sign-in and the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from reintegra.db.enums import Role
from reintegra.paths import demo_database_path
from reintegra.services import demo_database, facility, users
from reintegra.services.facility import FacilityFields
from reintegra.ui import app as app_module
from reintegra.ui import main_window
from reintegra.ui.dialogs.first_run import FirstRunWizard
from reintegra.ui.dialogs.sign_in import SignInDialog

PASSWORD = "kawa-z-mlekiem"


@pytest.fixture(autouse=True)
def application_as_it_was(qapp):
    """run_app styles the one QApplication of the test run and sets Qt's language and default
    locale (Polish decimal commas in every spin box); afterwards they are put back, so that no
    other test passes or fails depending on whether these ran before it."""
    style, locale = qapp.styleSheet(), QLocale()
    yield
    if app_module._qt_translator is not None:
        qapp.removeTranslator(app_module._qt_translator)
        app_module._qt_translator = None
    QLocale.setDefault(locale)
    qapp.setStyleSheet(style)


@pytest.fixture
def set_up(session):
    facility.update_facility(session, FacilityFields(name="CIS „Przystań”"))
    user = users.create_user(session, "ewa", PASSWORD, Role.DIRECTOR, "Ewa Lis")
    session.commit()
    return user


@pytest.fixture
def windows(monkeypatch, qtbot):
    """The main windows shown when run_app enters the event loop (which returns at once)."""
    shown = []

    def exec_():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, main_window.MainWindow) and widget.isVisible():
                shown.append(widget)
                qtbot.addWidget(widget)
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    # The pages are other screens' business; the start-up flow needs only the window around them.
    monkeypatch.setattr(main_window, "page_entries", lambda: [
        main_window.PageEntry("start", "Start", "start", lambda context: QLabel("Start"))])
    return shown


@pytest.fixture
def criticals(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: said.append(text)))
    return said


def test_with_facility_and_users_the_person_signs_in_and_the_main_window_opens(
        qtbot, database_path, set_up, windows, criticals, monkeypatch):
    def type_password(dialog):  # instead of waiting for a person: they type the password and press Enter
        dialog.show()
        QTest.keyClicks(dialog.username, "ewa")
        QTest.keyClicks(dialog.password, PASSWORD)
        QTest.keyClick(dialog.password, Qt.Key_Return)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", type_password)

    assert app_module.run_app(database_path) == 0

    assert criticals == []
    assert len(windows) == 1
    context = windows[0].context
    assert (context.user.username, context.user.role, context.demo) == ("ewa", Role.DIRECTOR, False)
    assert context.database == database_path


def test_closing_the_sign_in_ends_the_program(qtbot, database_path, set_up, windows, monkeypatch):
    monkeypatch.setattr(SignInDialog, "exec", lambda dialog: QDialog.Rejected)
    assert app_module.run_app(database_path) == 0
    assert windows == []


def test_an_unopenable_database_is_reported_and_the_exit_status_is_1(qtbot, tmp_path, windows, criticals):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is a letter, not a database" * 100)

    assert app_module.run_app(str(broken)) == 1

    assert len(criticals) == 1
    assert str(broken) in criticals[0]
    assert windows == []


def test_a_database_in_a_folder_that_cannot_exist_is_reported(qtbot, tmp_path, windows, criticals):
    a_file = tmp_path / "plik.txt"
    a_file.write_text("x")
    assert app_module.run_app(str(a_file / "reintegra.db")) == 1
    assert len(criticals) == 1


def test_on_an_empty_database_the_wizard_runs_and_its_administrator_is_signed_in_directly(
        qtbot, database_path, windows, criticals, monkeypatch):
    def set_up_quickly(wizard):
        wizard.show()
        wizard.next()
        QTest.keyClicks(wizard.facility_page.name, "WTZ Lipno")
        wizard.next()
        wizard.next()
        page = wizard.administrator_page
        QTest.keyClicks(page.username, "kierownik")
        QTest.keyClicks(page.full_name, "Anna Nowak")
        QTest.keyClicks(page.password, PASSWORD)
        QTest.keyClicks(page.password_repeat, PASSWORD)
        wizard.accept()
        return wizard.result()

    monkeypatch.setattr(FirstRunWizard, "exec", set_up_quickly)
    monkeypatch.setattr(SignInDialog, "exec", lambda dialog: pytest.fail("asked to sign in again"))

    assert app_module.run_app(database_path) == 0

    assert criticals == []
    assert len(windows) == 1
    user = windows[0].context.user
    assert (user.username, user.role) == ("kierownik", Role.ADMINISTRATOR)


def test_cancelling_the_wizard_ends_the_program(qtbot, database_path, windows, monkeypatch):
    monkeypatch.setattr(FirstRunWizard, "exec", lambda wizard: QDialog.Rejected)
    assert app_module.run_app(database_path) == 0
    assert windows == []


def test_the_demo_database_is_opened_as_demo(qtbot, engine, database_path, windows, monkeypatch, criticals):
    from reintegra import demo

    def choose_demo(wizard):
        wizard.show()
        wizard.welcome_page.demo_choice.setChecked(True)
        wizard.accept()
        return wizard.result()

    def sign_in_as_admin(dialog):
        dialog.show()
        assert dialog.username.text() == "admin"
        QTest.keyClicks(dialog.password, "admin123")
        dialog.try_sign_in()
        return dialog.result()

    def tiny_demo(session, **options):
        demo_database.mark_as_demo(session, options)
        users.create_user(session, "admin", "admin123", Role.ADMINISTRATOR, "Admin")
        facility.update_facility(session, FacilityFields(name="WTZ pokazowy"))

    monkeypatch.setattr(demo, "generate_demo", tiny_demo)
    monkeypatch.setattr(FirstRunWizard, "exec", choose_demo)
    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_admin)

    assert app_module.run_app(database_path) == 0

    assert criticals == []
    context = windows[0].context
    assert context.demo and context.database == str(demo_database_path())
    assert context.user.username == "admin"
    assert app_module.needs_setup(app_module.open_context(database_path))  # the real one is still empty
    assert app_module.open_context(str(demo_database_path())).demo  # and the demo file is known as such next time



def _status_texts(window) -> list[str]:
    return [label.text() for label in window.statusBar().findChildren(QLabel)]


def test_a_demo_under_another_name_opens_as_a_demo(qtbot, database_path, session, windows, monkeypatch, criticals):
    demo_database.mark_as_demo(session, {})
    users.create_user(session, "admin", demo_database.ADMIN_PASSWORD, Role.ADMINISTRATOR, "Admin")
    session.commit()
    hints = []

    def sign_in_as_admin(dialog):
        dialog.show()
        hints.append(dialog.demo_hint.isVisibleTo(dialog))
        QTest.keyClicks(dialog.password, demo_database.ADMIN_PASSWORD)
        dialog.try_sign_in()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_admin)
    assert app_module.run_app(database_path) == 0
    assert criticals == [] and hints == [True]
    assert windows[0].context.demo and "Dane pokazowe" in _status_texts(windows[0])


def test_a_real_database_named_demo_db_is_not_a_demo(qtbot, tmp_path, windows, monkeypatch, criticals):
    real = str(tmp_path / "demo.db")
    with app_module.open_context(real).unit() as session:
        facility.update_facility(session, FacilityFields(name="WTZ „Tęcza”"))
        users.create_user(session, "ewa", PASSWORD, Role.DIRECTOR, "Ewa Lis")

    def sign_in_as_ewa(dialog):
        dialog.show()
        assert not dialog.demo_hint.isVisibleTo(dialog)
        QTest.keyClicks(dialog.username, "ewa")
        QTest.keyClicks(dialog.password, PASSWORD)
        dialog.try_sign_in()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_ewa)
    assert app_module.run_app(real) == 0
    assert criticals == [] and not windows[0].context.demo
    assert "Dane pokazowe" not in _status_texts(windows[0])


def test_a_server_that_cannot_be_reached_is_named_without_its_password():
    from reintegra.services.errors import ReintegraError

    with pytest.raises(ReintegraError) as refused:
        app_module.open_context("postgresql+psycopg://u:s3cret@127.0.0.1:1/x")
    assert "127.0.0.1" in refused.value.message and "s3cret" not in refused.value.message


def test_the_sign_in_is_shown_before_the_database_opens_and_closing_it_meanwhile_ends_the_program(
        qtbot, database_path, set_up, windows, criticals, monkeypatch):
    opening = app_module.open_context
    seen = []

    def open_while_closed(target, **options):
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible())
        seen.append(dialog.sign_in_button.isEnabled())
        context = opening(target, **options)
        dialog.reject()  # the person pressed Esc while the database was opening
        return context

    monkeypatch.setattr(app_module, "open_context", open_while_closed)
    monkeypatch.setattr(SignInDialog, "exec", lambda dialog: pytest.fail("asked to sign in after closing"))

    assert app_module.run_app(database_path) == 0
    assert seen == [False] and windows == [] and criticals == []
