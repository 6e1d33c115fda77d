"""Settings → Database with a server: Test the connection says in one sentence what it found, and
Move this facility to the server copies everything with a progress bar, then offers the server for
the next start. Without a PostgreSQL server the "server" is tests/keyring_backends.py's pretend one
(a SQLite database behind a password); with REINTEGRA_TEST_DATABASE_URL a real one too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from copy_targets import server_target  # noqa: F401 - a fixture
from reintegra import config
from reintegra.db.engine import make_engine
from reintegra.db.enums import Role
from reintegra.db.models import AttendanceDay, User
from reintegra.services import server_password
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.dialogs.database import DatabaseDialog
from reintegra.ui.pages.settings import SettingsPage
from tests.ui.screens import administrator_context

RIGHT = "s3cret-pw"


@pytest.fixture
def admin_context(engine, database_path, demo, said):
    return administrator_context(engine, database_path)


def dialog_on(qtbot, context, current: str | None = None) -> DatabaseDialog:
    dialog = DatabaseDialog(current or context.database, context=context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(qtbot, dialog, *, host: str, port: int = 5432, database: str = "reintegra", user: str = "reintegra",
         password: str = "") -> None:
    for field, text in ((dialog.host, host), (dialog.database_name, database), (dialog.user, user),
                        (dialog.password, password)):
        field.clear()
        QTest.keyClicks(field, text)
    dialog.port.setValue(port)


def attendance_days(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(AttendanceDay))


def test_an_unreachable_server_is_said_in_one_sentence(qtbot, admin_context):
    dialog = dialog_on(qtbot, admin_context)
    fill(qtbot, dialog, host="127.0.0.1", port=1)
    assert dialog.server_choice.isChecked()
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert dialog.answer.isVisible()
    assert dialog.answer.text().startswith("Serwer 127.0.0.1:1 nie odpowiada")
    assert "b3261e" in dialog.answer.styleSheet()  # said as a failure


def test_an_empty_field_is_named_before_connecting(qtbot, admin_context):
    dialog = dialog_on(qtbot, admin_context)
    fill(qtbot, dialog, host="192.168.1.10", database="")
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert dialog.answer.text() == "Wpisz nazwę bazy danych na serwerze."


def test_the_password_is_asked_for_refused_and_taken(qtbot, admin_context, password_server):
    dialog = dialog_on(qtbot, admin_context)
    fill(qtbot, dialog, host="10.0.0.7")
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert "wymaga hasła użytkownika reintegra" in dialog.answer.text()
    fill(qtbot, dialog, host="10.0.0.7", password="zle")
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert "nie przyjął hasła" in dialog.answer.text() and "zle" not in dialog.answer.text()
    fill(qtbot, dialog, host="10.0.0.7", password=RIGHT)
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert dialog.answer.text().startswith("Połączono") and "gotowa na przeniesienie" in dialog.answer.text()
    assert RIGHT not in dialog.answer.text()


def test_moving_the_facility_copies_everything_with_a_progress_bar(qtbot, admin_context, password_server, said,
                                                                    memory_keyring):
    seen = []
    dialog = dialog_on(qtbot, admin_context)
    dialog.progress.valueChanged.connect(lambda value: seen.append((value, dialog.progress.isVisible(),
                                                                    dialog.test_button.isEnabled())))
    fill(qtbot, dialog, host="10.0.0.7", password=RIGHT)
    qtbot.mouseClick(dialog.move_button, Qt.LeftButton)

    assert len(said.questions) == 2 and "10.0.0.7" in said.questions[0]
    during = [(value, enabled) for value, visible, enabled in seen if visible]
    assert max(value for value, _enabled in during) == 1000 and len(during) > 3
    assert not any(enabled for _value, enabled in during)  # nothing else to click while it copies
    assert attendance_days(password_server.engine) == attendance_days(admin_context.engine) > 0
    # The second question was answered yes: the server for the next start, its password in the keyring.
    assert dialog.result() == QDialog.Accepted
    assert dialog.target() == "postgresql+psycopg://reintegra@10.0.0.7/reintegra"
    assert server_password.stored_password(dialog.target()) == RIGHT
    assert not dialog.progress.isVisible()


def test_a_refused_move_is_said_and_nothing_is_asked_after_it(qtbot, admin_context, password_server, said):
    dialog = dialog_on(qtbot, admin_context)
    fill(qtbot, dialog, host="10.0.0.7", password=RIGHT)
    said.answer_confirm = False  # copy, but keep this computer on its file
    qtbot.mouseClick(dialog.move_button, Qt.LeftButton)
    assert len(said.questions) == 1  # "Copy?" only: the answer was no
    assert attendance_days(password_server.engine) == 0
    said.answer_confirm = True
    qtbot.mouseClick(dialog.move_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    dialog.setResult(0)
    dialog.show()
    dialog.move_to_server()  # again: the server holds the facility now
    assert "zawiera już placówkę" in dialog.answer.text() and dialog.isVisible()
    assert len(said.questions) == 4  # the third "Copy?", and no "Use the server?" after the refusal


def test_only_an_administrator_is_offered_the_move(qtbot, engine, database_path, demo, said):
    with Session(engine) as session:
        director = session.scalars(select(User).where(User.role == Role.DIRECTOR)).first() or \
            session.scalars(select(User).where(User.role != Role.ADMINISTRATOR)).first()
        signed = SignedIn(director.id, director.username, director.full_name, director.role)
    dialog = dialog_on(qtbot, AppContext(engine, database_path, signed))
    assert dialog.move_button.isHidden() and not dialog.test_button.isHidden()


def test_the_settings_page_saves_the_server_chosen_after_the_move(qtbot, admin_context, password_server, said,
                                                                  monkeypatch):
    page = SettingsPage(admin_context)
    qtbot.addWidget(page)

    def run(dialog):
        dialog.show()
        fill(qtbot, dialog, host="10.0.0.7", password=RIGHT)
        qtbot.mouseClick(dialog.move_button, Qt.LeftButton)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(page, "run_dialog", run)
    page.choose_database()
    assert config.load_settings()["database"] == "postgresql+psycopg://reintegra@10.0.0.7/reintegra"
    assert RIGHT not in config.settings_path().read_text(encoding="utf-8")
    assert attendance_days(password_server.engine) > 0


def test_a_real_server_is_tested_and_the_facility_moved_there(qtbot, admin_context, server_target, said):
    url = make_url(server_target)
    dialog = dialog_on(qtbot, admin_context)
    fill(qtbot, dialog, host=url.host, port=url.port or 5432, database=url.database, user=url.username)
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert dialog.answer.text().startswith("Połączono z PostgreSQL") and "pusta" in dialog.answer.text()
    qtbot.mouseClick(dialog.move_button, Qt.LeftButton)
    server = make_engine(server_target)
    try:
        assert attendance_days(server) == attendance_days(admin_context.engine) > 0
    finally:
        server.dispose()
    assert dialog.result() == QDialog.Accepted and dialog.target() == dialog.server_url()
    dialog.test_connection()
    assert "zawiera placówkę Reintegry" in dialog.answer.text()
