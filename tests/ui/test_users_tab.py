"""Settings → Users as an administrator clicks it: add a user (temporary password shown once),
edit, reset a password, disable and enable; refusals beside the field with nothing written; the tab
only for administrators; "Change my password…" for everyone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select

from factories import workshop
from keys import type_into, type_text
from reintegra.db.enums import Role
from reintegra.db.models import AuditEntry, User
from reintegra.services import sign_in, users
from reintegra.ui.context import SignedIn
from reintegra.ui.dialogs import change_password
from reintegra.ui.dialogs.user import TemporaryPasswordDialog, UserDialog
from reintegra.ui.main_window import MainWindow
from reintegra.ui.pages.settings import SettingsPage
from reintegra.ui.pages.settings_users import UsersTab

PASSWORD = "haslo-administratora"


@pytest.fixture
def staff(context, session):
    admin = users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Piotr Ślęzak")
    kitchen = workshop(session, "Pracownia gastronomiczna")
    sewing = workshop(session, "Pracownia krawiecka")
    ola = users.create_user(session, "ola", PASSWORD, Role.INSTRUCTOR, "Aleksandra Żak", workshop_ids=[kitchen.id])
    session.commit()
    context.user = SignedIn(admin.id, "admin", admin.full_name, Role.ADMINISTRATOR)
    return {"admin": admin, "ola": ola, "kitchen": kitchen, "sewing": sewing}


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def tab(qtbot, context, staff):
    return _shown(qtbot, UsersTab(context))


def _answer(monkeypatch, owner, *fills):
    """Each dialog the tab opens is answered by the next of ``fills``; the dialogs are kept."""
    answers, seen = list(fills), []

    def run(dialog):
        seen.append(dialog)
        answers.pop(0)(dialog)
        return dialog.result() == QDialog.Accepted
    monkeypatch.setattr(owner, "run_dialog", run)
    return seen


def _select(tab, login):
    tab.table.selectRow([row.username for row in tab.model.rows()].index(login))


def _cell(tab, login, column):
    row = [row.username for row in tab.model.rows()].index(login)
    return tab.model.data(tab.model.index(row, column))


def _snapshot(context):
    with context.read() as session:
        return ([(u.username, u.full_name, u.role, u.active, u.password_hash, sorted(w.name for w in u.workshops))
                 for u in session.scalars(select(User).order_by(User.id))],
                session.scalar(select(func.count()).select_from(AuditEntry)))


def test_the_list_shows_every_user(tab):
    assert [row.username for row in tab.model.rows()] == ["ola", "admin"]
    assert [_cell(tab, "ola", column) for column in range(6)] == [
        "Aleksandra Żak", "ola", "Instruktor", "Pracownia gastronomiczna", "aktywny", "nigdy"]


def test_the_tab_is_for_administrators_only(qtbot, context, staff):
    assert SettingsPage(context).tabs.tabText(1) == "Użytkownicy"
    for role in (Role.DIRECTOR, Role.INSTRUCTOR):
        context.user = SignedIn(staff["ola"].id, "ola", "Ola", role)
        page = SettingsPage(context)
        qtbot.addWidget(page)
        assert "Użytkownicy" not in [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_add_an_instructor_and_see_the_temporary_password_once(qtbot, monkeypatch, context, said, tab, staff):
    def fill(dialog: UserDialog):
        assert not dialog.workshops.parentWidget().isHidden()  # an instructor by default
        dialog.role.setCurrentIndex(dialog.role.findData(Role.DIRECTOR))
        assert dialog.workshops.parentWidget().isHidden()
        dialog.role.setCurrentIndex(dialog.role.findData(Role.INSTRUCTOR))
        type_text(qtbot, dialog.full_name, "Łucja Ćwik")
        type_text(qtbot, dialog.username, "lucja.cwik")
        model = dialog.workshop_model
        sewing = [row.name for row in model.rows()].index("Pracownia krawiecka")
        model.setData(model.index(sewing, 0), Qt.Checked, Qt.CheckStateRole)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    def look(dialog: TemporaryPasswordDialog):
        shown["password"] = dialog.password.text()
        assert dialog.password.isReadOnly()
        qtbot.mouseClick(dialog.copy_button, Qt.LeftButton)
        assert QApplication.clipboard().text() == shown["password"]

    shown = {}
    _answer(monkeypatch, tab, fill, look)
    qtbot.mouseClick(tab.add_button, Qt.LeftButton)

    assert tab.selected().username == "lucja.cwik"
    assert _cell(tab, "lucja.cwik", 3) == "Pracownia krawiecka"
    assert _cell(tab, "lucja.cwik", 4) == "aktywny, hasło tymczasowe"
    with context.unit() as session:
        lucja = users.authenticate(session, "lucja.cwik", shown["password"])
        assert (lucja.full_name, lucja.role, lucja.must_change_password) == ("Łucja Ćwik", Role.INSTRUCTOR, True)
        assert [w.name for w in lucja.workshops] == ["Pracownia krawiecka"]
    assert said.errors == []


@pytest.mark.parametrize("name, login, field, text", [
    ("", "nowy", "full_name", "Imię i nazwisko"),
    ("Jan Nowy", "ola", "username", "zajęta"),
    ("Jan Nowy", "jan nowy", "username", "może zawierać"),
])
def test_bad_input_is_said_beside_the_field_and_nothing_is_written(qtbot, monkeypatch, context, said, tab,
                                                                    name, login, field, text):
    before = _snapshot(context)
    seen = _answer(monkeypatch, tab, lambda dialog: (
        type_text(qtbot, dialog.full_name, name), type_text(qtbot, dialog.username, login),
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)))
    qtbot.mouseClick(tab.add_button, Qt.LeftButton)
    dialog = seen[0]
    assert dialog.result() != QDialog.Accepted
    assert text in dialog.form.error_text(field)
    assert _snapshot(context) == before
    assert said.errors == []


def test_edit_the_name_role_and_workshops(qtbot, monkeypatch, context, tab):
    def fill(dialog: UserDialog):
        assert dialog.username.isReadOnly() and dialog.username.text() == "ola"
        type_into(qtbot, dialog.full_name, "Aleksandra Żak-Nowak")
        model = dialog.workshop_model
        assert [row.checked for row in model.rows()] == [True, False]
        model.setData(model.index(1, 0), Qt.Checked, Qt.CheckStateRole)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer(monkeypatch, tab, fill)
    _select(tab, "ola")
    with qtbot.waitSignal(context.events.workshops_changed, timeout=1000):
        qtbot.mouseClick(tab.edit_button, Qt.LeftButton)
    assert _cell(tab, "ola", 0) == "Aleksandra Żak-Nowak"
    assert _cell(tab, "ola", 3) == "Pracownia gastronomiczna, Pracownia krawiecka"

    def director(dialog: UserDialog):
        dialog.role.setCurrentIndex(dialog.role.findData(Role.DIRECTOR))
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer(monkeypatch, tab, director)
    qtbot.mouseClick(tab.edit_button, Qt.LeftButton)
    assert _cell(tab, "ola", 2) == "Kierownik"


def test_the_last_administrator_keeps_the_role(qtbot, monkeypatch, context, tab):
    before = _snapshot(context)
    seen = _answer(monkeypatch, tab, lambda dialog: (
        dialog.role.setCurrentIndex(dialog.role.findData(Role.DIRECTOR)),
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)))
    _select(tab, "admin")
    qtbot.mouseClick(tab.edit_button, Qt.LeftButton)
    assert "ostatnim aktywnym administratorem" in seen[0].form.error_text("role")
    assert _snapshot(context) == before


def test_reset_a_password(qtbot, monkeypatch, context, said, tab):
    for _try in range(sign_in.FREE_TRIES):
        with context.unit() as session:
            sign_in.sign_in(session, "ola", "zgadywanie")
    shown = {}
    _answer(monkeypatch, tab, lambda dialog: shown.update(password=dialog.password.text()))
    _select(tab, "ola")
    qtbot.mouseClick(tab.reset_button, Qt.LeftButton)
    assert "Aleksandra Żak" in said.questions[0]
    with context.unit() as session:
        assert users.authenticate(session, "ola", PASSWORD) is None
        assert users.authenticate(session, "ola", shown["password"]).must_change_password
    assert _cell(tab, "ola", 4) == "aktywny, hasło tymczasowe"


def test_a_reset_not_confirmed_changes_nothing(qtbot, monkeypatch, context, said, tab):
    said.answer_confirm = False
    before = _snapshot(context)
    _answer(monkeypatch, tab)
    _select(tab, "ola")
    qtbot.mouseClick(tab.reset_button, Qt.LeftButton)
    assert _snapshot(context) == before


def test_disable_and_enable(qtbot, context, said, tab):
    _select(tab, "ola")
    assert tab.active_button.text() == "&Wyłącz"
    qtbot.mouseClick(tab.active_button, Qt.LeftButton)
    assert said.questions and _cell(tab, "ola", 4) == "wyłączony"
    assert tab.active_button.text() == "&Włącz"
    with context.unit() as session:
        assert users.authenticate(session, "ola", PASSWORD) is None
    qtbot.mouseClick(tab.active_button, Qt.LeftButton)
    assert _cell(tab, "ola", 4) == "aktywny"
    _select(tab, "admin")
    asked = len(said.questions)
    qtbot.mouseClick(tab.active_button, Qt.LeftButton)
    assert said.errors == ["Nie możesz wyłączyć własnego konta; może to zrobić inny administrator."]
    assert len(said.questions) == asked  # refused before "Disable …?" is asked, not after
    assert _cell(tab, "admin", 4) == "aktywny"


def test_change_my_password_from_the_status_bar(qtbot, monkeypatch, context, said, staff):
    context.user = SignedIn(staff["ola"].id, "ola", "Aleksandra Żak", Role.INSTRUCTOR)
    window = MainWindow(context)
    qtbot.addWidget(window)
    button = window.statusBar().findChild(change_password.QToolButton, "change-password")
    assert button.isVisibleTo(window)
    seen = []

    def run(dialog):
        seen.append(dialog)
        for old, new, repeated, field in ((PASSWORD + "x", "moje-nowe-haslo", "moje-nowe-haslo", "old_password"),
                                          (PASSWORD, "moje-nowe-haslo", "inne-haslo", "repeated")):
            type_into(qtbot, dialog.old_password, old)
            type_into(qtbot, dialog.form.new_password, new)
            type_into(qtbot, dialog.form.repeated, repeated)
            qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
            assert dialog.result() != QDialog.Accepted and dialog.form.error_text(field)
            with context.read() as session:
                assert users.find_user(session, "ola").password_hash == staff["ola"].password_hash
        type_into(qtbot, dialog.form.repeated, "moje-nowe-haslo")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(change_password, "_run", run)
    qtbot.mouseClick(button, Qt.LeftButton)
    assert said.infos == ["Twoje hasło zostało zmienione."] and said.errors == []
    with context.unit() as session:
        assert users.authenticate(session, "ola", "moje-nowe-haslo") is not None
