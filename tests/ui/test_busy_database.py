"""The screens while another program writes to the same SQLite file: a save that cannot get the
write lock within the wait says so in one sentence, keeps what was typed and stores nothing;
reading goes on meanwhile."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from factories import admit, placed, workshop
from keys import type_text
from reintegra.db.engine import make_engine
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import ContractType, EmploymentStatus, ExitReason
from reintegra.services import attendance, follow_ups, participants, placements, units
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.follow_up import FollowUpDialog
from reintegra.ui.pages import daily_log
from reintegra.ui.pages.daily_log import DailyLogPage

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")

pytestmark = pytest.mark.skipif(bool(SERVER_URL), reason="SQLite's write lock")

WEDNESDAY = date(2026, 3, 4)
BUSY = ("Baza danych jest zajęta przez inny komputer lub program i nic nie zostało zapisane; "
        "spróbuj ponownie za chwilę.")


@pytest.fixture
def impatient(database_path, said):
    """The app on a database it waits for only a fifth of a second."""
    engine = make_engine(database_path, busy_timeout=0.2)
    yield AppContext(engine, database_path)
    engine.dispose()


@contextmanager
def another_program_writing(engine) -> Iterator[None]:
    """Holds the write lock, as another program in the middle of a save, until the block ends."""
    with units.writing(engine) as session:
        workshop(session, "Stolarnia")
        session.flush()
        yield
        session.rollback()


def test_a_key_pressed_in_the_daily_log_while_another_program_writes_saves_nothing_and_says_so(
        qtbot, monkeypatch, engine, impatient, said):
    monkeypatch.setattr(daily_log, "today", lambda: WEDNESDAY)
    with units.writing(engine) as session:
        room = workshop(session, capacity=6)
        person = placed(session, "Łucja", "Żółkiewska", date(2026, 3, 2), room.id).id
    page = DailyLogPage(impatient)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.activated()
    page.day_view.grid.go_to_row(0)
    with another_program_writing(engine):
        page.day_view.reload()  # reading does not wait for the other program
        assert [row.participant_id for row in page.day_view.model.rows()] == [person]
        qtbot.keyClick(page.day_view.grid, Qt.Key_O)
        assert page.day_view.status_line.text() == BUSY
        assert [row.status for row in page.day_view.model.rows()] == [None]
    with units.reading(engine) as session:
        assert attendance.day_sheet(session, room.id, WEDNESDAY).rows[0].status is None
    qtbot.keyClick(page.day_view.grid, Qt.Key_O)  # a moment later it is saved
    assert [row.status for row in page.day_view.model.rows()] == [S.PRESENT]
    assert said.errors == [] and said.conflicts == []


def test_a_dialog_saved_while_another_program_writes_stays_open_with_what_was_typed(
        qtbot, engine, impatient, said):
    with units.writing(engine) as session:
        kitchen = workshop(session)
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
        placements.place(session, person.id, kitchen.id, date(2024, 1, 8))
        participants.exit_participant(session, person.id, person.version, date(2025, 1, 31), ExitReason.EMPLOYMENT,
                                      contract_type=ContractType.EMPLOYMENT_CONTRACT)
        row = follow_ups.follow_ups_of(session, person.id)[0]
    dialog = FollowUpDialog(impatient, row, name="Jan Kowalski")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.status.setCurrentIndex(dialog.status.findData(EmploymentStatus.NO_CONTACT))
    type_text(qtbot, dialog.note, "Telefon nieodebrany, zostawiona wiadomość.")
    with another_program_writing(engine):
        qtbot.keyClick(dialog.note, Qt.Key_Return, Qt.ControlModifier)
        assert said.errors == [BUSY]
        assert dialog.isVisible() and dialog.result() != QDialog.Accepted
        assert dialog.note.toPlainText() == "Telefon nieodebrany, zostawiona wiadomość."
    with units.reading(engine) as session:
        assert follow_ups.follow_ups_of(session, person.id)[0].contact_date is None
    qtbot.keyClick(dialog.note, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.result() == QDialog.Accepted
    with units.reading(engine) as session:
        saved = follow_ups.follow_ups_of(session, person.id)[0]
    assert (saved.employment_status, saved.note) == (EmploymentStatus.NO_CONTACT,
                                                     "Telefon nieodebrany, zostawiona wiadomość.")
