"""The settings page: facility data, logo, language, database choice and backup, driven by hand."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from factories import admit
from keys import type_into as retype
from reintegra import config
from reintegra.db.enums import Role
from reintegra.services import facility
from reintegra.ui.context import SignedIn
from reintegra.ui.pages.settings import SettingsPage


@pytest.fixture
def page(qtbot, context):
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1156, 700)
    page.show()
    return page


def test_facility_data_with_polish_letters_is_saved_and_shown_again(qtbot, page, context, said):
    form = page.facility_form
    retype(qtbot, form.editors["name"], "Warsztat Terapii Zajęciowej „Źródło” w Łodzi")
    retype(qtbot, form.editors["address"], "ul. Żółkiewskiego 5")
    retype(qtbot, form.editors["postal_code"], "90-001")
    retype(qtbot, form.editors["city"], "Łódź")
    retype(qtbot, form.editors["director_name"], "Grażyna Świątek")
    retype(qtbot, form.day_length, "6,5")
    with qtbot.waitSignal(context.events.facility_changed):
        qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert said.errors == []

    again = SettingsPage(context)
    qtbot.addWidget(again)
    shown = again.facility_form
    assert shown.editors["name"].text() == "Warsztat Terapii Zajęciowej „Źródło” w Łodzi"
    assert shown.editors["address"].text() == "ul. Żółkiewskiego 5"
    assert shown.editors["city"].text() == "Łódź"
    assert shown.editors["director_name"].text() == "Grażyna Świątek"
    assert shown.day_length.text() == "6,5"
    with context.unit() as session:
        assert facility.get_facility(session).day_length_hours == Decimal("6.5")


def test_a_working_day_of_13_hours_is_refused_beside_the_field(qtbot, page, context, said):
    form = page.facility_form
    retype(qtbot, form.editors["name"], "CIS Nowy Start")
    retype(qtbot, form.day_length, "13")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert "12" in form.form.error_text("day_length_hours")
    assert form.form.error_text("name") == ""
    assert said.errors == []
    with context.unit() as session:
        record = facility.get_facility(session)
        assert (record.name, record.day_length_hours) == ("", Decimal("7"))


def test_ctrl_s_saves(qtbot, page, context, said):
    page.activateWindow()
    form = page.facility_form
    retype(qtbot, form.editors["name"], "KIS Razem")
    qtbot.keyClick(form.editors["name"], Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: form.saved_note.text() != "")
    with context.unit() as session:
        assert facility.get_facility(session).name == "KIS Razem"


def test_an_instructor_sees_the_facility_read_only(qtbot, context):
    context.user = SignedIn(None, "kwiatek", "Krystyna Kwiatkowska", Role.INSTRUCTOR)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    form = page.facility_form
    assert form.editors["name"].isReadOnly() and not form.kind.isEnabled()
    assert not form.save_button.isVisible()
    assert not page.choose_logo_button.isEnabled()


def test_the_language_choice_is_kept_in_settings(qtbot, page):
    page.language.setFocus()
    qtbot.keyClicks(page.language, "E")
    assert page.language.currentText() == "English"
    assert json.loads(config.settings_path().read_text(encoding="utf-8"))["language"] == "en"
    qtbot.keyClick(page.language, Qt.Key_Up)
    assert page.language.currentText() == "Polski"
    assert config.load_settings()["language"] == "pl"


def test_a_logo_is_stored_and_a_bad_file_refused(qtbot, page, context, tmp_path, monkeypatch, said):
    logo = tmp_path / "logo.png"
    image = QImage(300, 100, QImage.Format_RGB32)
    image.fill(QColor("#1f3b4d"))
    assert image.save(str(logo))
    not_an_image = tmp_path / "notatki.png"
    not_an_image.write_text("to nie jest obraz", encoding="utf-8")
    huge = tmp_path / "ogromne.jpg"
    huge.write_bytes(b"\xff\xd8" + bytes(1024 * 1024))

    for path in (not_an_image, huge):
        monkeypatch.setattr(page, "_ask_logo_path", lambda path=path: str(path))
        qtbot.mouseClick(page.choose_logo_button, Qt.LeftButton)
    assert len(said.errors) == 2 and "notatki.png" in said.errors[0]
    with context.unit() as session:
        assert facility.get_facility(session).logo is None

    monkeypatch.setattr(page, "_ask_logo_path", lambda: str(logo))
    qtbot.mouseClick(page.choose_logo_button, Qt.LeftButton)
    assert not page.logo_preview.pixmap().isNull()
    with context.unit() as session:
        assert facility.get_facility(session).logo == logo.read_bytes()
    # The logo moved the record's version on; saving the form afterwards is no conflict.
    retype(qtbot, page.facility_form.editors["name"], "WTZ Tęcza")
    qtbot.mouseClick(page.facility_form.save_button, Qt.LeftButton)
    assert said.conflicts == [] and len(said.errors) == 2
    assert page.facility_form.saved_note.text() != ""

    qtbot.mouseClick(page.remove_logo_button, Qt.LeftButton)
    with context.unit() as session:
        assert facility.get_facility(session).logo is None
    assert page.logo_preview.text() != ""


def test_another_database_is_kept_for_the_next_start(qtbot, page, monkeypatch, said):
    def answer(host, password):
        def run(dialog):
            dialog.show()
            retype(qtbot, dialog.host, host)
            retype(qtbot, dialog.user, "wtz")
            retype(qtbot, dialog.password, password)
            qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save), Qt.LeftButton)
            errors.append(dialog.error.text() if dialog.error.isVisible() else "")
            if dialog.isVisible():
                dialog.reject()
            return dialog.result() == QDialog.Accepted
        return run

    errors: list[str] = []
    monkeypatch.setattr(page, "run_dialog", answer("", "tajne"))
    page.choose_database()
    assert errors[0] == "Wpisz nazwę lub adres serwera."
    assert "database" not in config.load_settings()

    monkeypatch.setattr(page, "run_dialog", answer("192.168.1.10", "tajne"))
    page.choose_database()
    assert errors[1] == ""
    # The password is used where it is typed, never written to the settings file (private_files).
    assert config.load_settings()["database"] == "postgresql+psycopg://wtz@192.168.1.10/reintegra"
    assert "tajne" not in config.settings_path().read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(config.settings_path().stat().st_mode) == 0o600
        assert stat.S_IMODE(config.settings_path().parent.stat().st_mode) == 0o700
    assert len(said.infos) == 1 and "tajne" not in said.infos[0]
    assert "192.168.1.10" in page.pending_database.text() and page.pending_database.isVisible()


def test_a_server_password_given_at_start_is_not_shown_in_the_database_dialog(qtbot):
    from reintegra.ui.dialogs.database import DatabaseDialog

    dialog = DatabaseDialog("postgresql+psycopg://wtz:tajne@192.168.1.10:5433/reintegra")
    qtbot.addWidget(dialog)
    assert dialog.server_choice.isChecked()
    assert (dialog.host.text(), dialog.port.value(), dialog.database_name.text(), dialog.user.text()) == (
        "192.168.1.10", 5433, "reintegra", "wtz")
    assert dialog.password.text() == ""
    assert dialog.server_url() == "postgresql+psycopg://wtz@192.168.1.10:5433/reintegra"


def test_back_up_now_writes_a_copy_with_the_same_participants(qtbot, page, context, tmp_path, monkeypatch, said):
    with context.unit() as session:
        admit(session, "Łucja", "Żak", date(2025, 3, 3), serial=101)
        admit(session, "Jan", "Kowalski", date(2025, 4, 7), serial=102)
    target = tmp_path / "kopie" / "reintegra-kopia.db"
    target.parent.mkdir()
    monkeypatch.setattr(page, "_ask_save_path", lambda: str(target))
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    assert said.errors == []
    assert len(said.infos) == 1 and str(target) in said.infos[0]
    with sqlite3.connect(target) as copy:
        names = sorted(copy.execute("SELECT last_name, first_name FROM persons").fetchall())
    assert names == [("Kowalski", "Jan"), ("Żak", "Łucja")]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_backup_that_fails_is_said_in_one_sentence(qtbot, page, tmp_path, monkeypatch, said):
    from reintegra.services import backup

    def no_space(engine, path, *, actor=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "backup_database", no_space)
    monkeypatch.setattr(page, "_ask_save_path", lambda: str(tmp_path / "k.db"))
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    assert said.infos == []
    assert len(said.errors) == 1 and said.errors[0].startswith("Dysk jest pełny") and "k.db" in said.errors[0]


def test_cancelled_backup_does_nothing(qtbot, page, monkeypatch, said):
    monkeypatch.setattr(page, "_ask_save_path", lambda: "")
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    assert said.errors == [] and said.infos == []
