"""What every participant tab shares (participant_tabs/base.py, ui/saving.py): a conflict reloads,
a busy database keeps the dialog open with what was typed, the daily log keeps a refused remark."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from factories import admit, workshop
from reintegra.db import engine as engine_module
from reintegra.db.engine import make_engine
from reintegra.services import placements
from reintegra.ui.context import AppContext
from reintegra.ui.pages.participant_tabs.placements import PlacementsTab

SERVER = bool(__import__("os").environ.get("REINTEGRA_TEST_DATABASE_URL"))


@pytest.fixture
def placed(context):
    with context.unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna", capacity=6)
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8), serial=1)
        placements.place(session, person.id, kitchen.id, date(2024, 1, 8))
        return person.id


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_change_refused_by_a_conflict_is_said_and_the_tab_shows_what_is_saved(qtbot, context, said, placed):
    tab = _shown(qtbot, PlacementsTab(context))
    tab.load(placed)
    line = tab.selected_line()
    with context.unit() as session:  # another computer ends the placement meanwhile
        placements.end_placement(session, line.id, line.version, date(2024, 6, 30))

    tab.delete()

    assert len(said.conflicts) == 1
    assert tab.selected_line().end == date(2024, 6, 30)  # reloaded
    assert tab.model.rowCount() == 1  # and nothing deleted


@pytest.mark.skipif(SERVER, reason="holds a SQLite write lock")
@pytest.mark.qt_no_exception_capture
def test_a_busy_database_keeps_the_dialog_open_with_what_was_typed(qtbot, monkeypatch, database_path, said,
                                                                   placed):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    engine = make_engine(database_path)
    context = AppContext(engine, database_path)
    tab = _shown(qtbot, PlacementsTab(context))
    tab.load(placed)
    blocker = sqlite3.connect(database_path, isolation_level=None)
    seen = {}

    def run(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            dialog.end_date.clear()
            qtbot.keyClicks(dialog.end_date, "30.06.2024")
            qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save), Qt.LeftButton)
            seen["open"], seen["text"] = dialog.isVisible(), dialog.end_date.text()
        finally:
            blocker.execute("ROLLBACK")
        dialog.reject()
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(tab, "run_dialog", run)
    try:
        tab.end()
    finally:
        blocker.close()
        engine.dispose()

    assert seen == {"open": True, "text": "30.06.2024"}
    assert len(said.errors) == 1 and said.conflicts == []
    assert tab.selected_line().end is None  # nothing saved
