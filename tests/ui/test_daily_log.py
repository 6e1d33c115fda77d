"""The daily log driven from the keyboard, as an instructor does it every morning."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from factories import placed, workshop
from keys import type_text
from reintegra import config
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import NoteCategory, Role
from reintegra.db.models import Workshop
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import attendance, notes, users
from reintegra.services.labels import label
from reintegra.ui.context import SignedIn
from reintegra.ui.main_window import MainWindow
from reintegra.ui.models.day_sheet import HOURS, REMARK
from reintegra.ui.pages import daily_log
from reintegra.ui.pages.daily_log import SETTINGS_KEY, DailyLogPage

WEDNESDAY = date(2026, 3, 4)
SURNAMES = ["Adamczyk", "Bąk", "Cieślak", "Ćwik", "Dudek", "Górska", "Jabłońska", "Kowalski", "Łuczak", "Nowak",
            "Ostrowska", "Żak"]


@pytest.fixture
def today(monkeypatch):
    """The page's "today", pinned so that the tests do not depend on the day they run."""
    def pin(day: date) -> None:
        monkeypatch.setattr(daily_log, "today", lambda: day)

    pin(WEDNESDAY)
    return pin


@pytest.fixture
def kitchen(context):
    """A workshop of twelve, placed from Monday 2 March 2026; ids in the order the grid shows them."""
    with context.unit() as session:
        room = workshop(session, "Pracownia gastronomiczna", capacity=12)
        people = [placed(session, "Osoba", surname, date(2026, 3, 2), room.id, serial=n).id
                  for n, surname in enumerate(SURNAMES)]
    return room.id, people


def open_page(qtbot, context) -> DailyLogPage:
    page = DailyLogPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # shortcuts work in the active window
    page.activated()
    return page


def stored(context, workshop_id, day=WEDNESDAY) -> dict[int, tuple]:
    with context.unit() as session:
        sheet = attendance.day_sheet(session, workshop_id, day)
    return {row.participant_id: (row.status, row.hours) for row in sheet.rows if row.status is not None}


def statuses(page) -> list:
    return [row.status for row in page.day_view.model.rows()]


def commit_editor(qtbot, page) -> None:
    """Enter in the cell editor; the view writes the value back a moment later."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    grid = page.day_view.grid
    qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState)


def test_a_day_of_twelve_in_five_keystrokes_and_it_is_there_after_reopening(qtbot, context, today, kitchen):
    workshop_id, people = kitchen
    with context.unit() as session:  # the instructor of the kitchen: their window opens on the daily log
        instructor = users.create_user(session, "mnowak", "tajnehaslo", Role.INSTRUCTOR, "Maria Nowak")
        instructor.workshops = [session.get(Workshop, workshop_id)]
        context.user = SignedIn(instructor.id, "mnowak", "Maria Nowak", Role.INSTRUCTOR)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.pages.currentWidget()
    assert isinstance(page, DailyLogPage) and page.day_view.grid.hasFocus()
    assert page.chooser.date.text() == "04.03.2026" and page.chooser.workshop.currentData() == workshop_id
    sent = []

    def key(name, modifier=Qt.NoModifier):
        sent.append(name)
        qtbot.keyClick(QApplication.focusWidget(), name, modifier)

    key(Qt.Key_P, Qt.ControlModifier)  # all present
    key(Qt.Key_Down)
    key(Qt.Key_Down)
    key(Qt.Key_N)  # Cieślak: unexcused; the cursor moves on to Ćwik
    key(Qt.Key_C)  # Ćwik: sick leave
    assert len(sent) <= 8
    expected = {pid: (S.PRESENT, Decimal("7")) for pid in people}
    expected[people[2]] = (S.UNEXCUSED, None)
    expected[people[3]] = (S.SICK, None)
    assert stored(context, workshop_id) == expected
    assert page.day_view.status_line.text() == _("Saved: {name} — {status}").format(name="Osoba Ćwik",
                                                                              status=_("Sick leave").lower())
    window.close()

    again = DailyLogPage(context)
    qtbot.addWidget(again)
    again.activated()
    assert [row.participant_id for row in again.day_view.model.rows()] == people
    assert statuses(again) == [S.PRESENT, S.PRESENT, S.UNEXCUSED, S.SICK] + [S.PRESENT] * 8
    assert again.day_view.model.index(0, HOURS).data() == "7"


def test_a_public_holiday_is_a_day_off_with_its_name_and_closed(qtbot, context, said, today, kitchen):
    workshop_id, people = kitchen
    today(date(2026, 11, 11))
    page = open_page(qtbot, context)
    assert page.day_view.day_off.isVisible()
    assert page.day_view.day_off.text() == _("Day off — {reason}").format(reason="Narodowe Święto Niepodległości")
    assert "11 listopada 2026" in page.day_view.date_label.text()
    qtbot.keyClick(page.day_view.grid, Qt.Key_P, Qt.ControlModifier)
    qtbot.keyClick(page.day_view.grid, Qt.Key_O)
    qtbot.keyClick(page.day_view.grid, Qt.Key_5)
    assert stored(context, workshop_id, date(2026, 11, 11)) == {}
    assert page.day_view.status_line.text() == _("This is a day off. Choose “Record anyway” to enter attendance.")
    assert not page.day_view.all_present.isEnabled() and page.day_view.log_editor.text.isReadOnly()

    qtbot.mouseClick(page.day_view.record_button, Qt.LeftButton)  # a trip on the holiday, say
    qtbot.keyClick(page.day_view.grid, Qt.Key_O)
    assert stored(context, workshop_id, date(2026, 11, 11)) == {people[0]: (S.PRESENT, Decimal("7"))}
    qtbot.keyClick(page.day_view.grid, Qt.Key_Left, Qt.AltModifier)
    assert page.day == date(2026, 11, 10) and not page.day_view.day_off.isVisible()
    qtbot.keyClick(page.day_view.grid, Qt.Key_Right, Qt.AltModifier)  # working days skip the holiday
    assert page.day == date(2026, 11, 12)
    page.show_day(date(2026, 11, 11))
    assert not page.day_view.model.editable and page.day_view.record_button.isVisible()  # closed again until asked


def test_a_weekend_is_skipped_by_the_working_day_keys_and_says_so(qtbot, context, today, kitchen):
    today(date(2026, 3, 9))  # a Monday
    page = open_page(qtbot, context)
    qtbot.keyClick(page.day_view.grid, Qt.Key_Left, Qt.AltModifier)
    assert page.day == date(2026, 3, 6)
    page.show_day(date(2026, 3, 7))
    assert page.day_view.day_off.text() == _("Day off — {reason}").format(reason=_("weekend"))
    qtbot.keyClick(page.day_view.grid, Qt.Key_Right, Qt.AltModifier)
    assert page.day == date(2026, 3, 9) and page.chooser.date.text() == "09.03.2026"
    page.chooser.date.setFocus()
    page.chooser.date.clear()
    type_text(qtbot, page.chooser.date, "05.03.2026")
    qtbot.keyClick(page.chooser.date, Qt.Key_Return)
    assert page.day == date(2026, 3, 5) and page.day_view.grid.hasFocus()


def test_undo_puts_back_the_previous_state_even_not_recorded(qtbot, context, today, kitchen):
    workshop_id, people = kitchen
    page = open_page(qtbot, context)
    page.day_view.grid.keys.clock = lambda: 100.0  # U and W always within the second
    qtbot.keyClick(page.day_view.grid, Qt.Key_O)  # Adamczyk present
    qtbot.keyClick(page.day_view.grid, Qt.Key_Z, Qt.ControlModifier)
    assert stored(context, workshop_id) == {}
    assert page.day_view.grid.current_row() == 0

    qtbot.keyClick(page.day_view.grid, Qt.Key_O)
    page.day_view.grid.go_to_row(0)
    qtbot.keyClick(page.day_view.grid, Qt.Key_N)  # present → unexcused
    qtbot.keyClick(page.day_view.grid, Qt.Key_Z, Qt.ControlModifier)
    assert stored(context, workshop_id) == {people[0]: (S.PRESENT, Decimal("7"))}

    page.day_view.grid.go_to_row(1)
    qtbot.keyClick(page.day_view.grid, Qt.Key_U)
    qtbot.keyClick(page.day_view.grid, Qt.Key_W)  # U then W: Bąk on leave, one change
    assert stored(context, workshop_id)[people[1]] == (S.LEAVE, None)
    assert page.day_view.grid.current_row() == 2
    qtbot.keyClick(page.day_view.grid, Qt.Key_Z, Qt.ControlModifier)
    assert people[1] not in stored(context, workshop_id)

    qtbot.keyClick(page.day_view.grid, Qt.Key_P, Qt.ControlModifier)
    assert len(stored(context, workshop_id)) == 12
    qtbot.keyClick(page.day_view.grid, Qt.Key_Z, Qt.ControlModifier)  # all present undone as one
    assert stored(context, workshop_id) == {people[0]: (S.PRESENT, Decimal("7"))}
    assert statuses(page) == [S.PRESENT] + [None] * 11
    qtbot.keyClick(page.day_view.grid, Qt.Key_Z, Qt.ControlModifier)
    qtbot.keyClick(page.day_view.grid, Qt.Key_Z, Qt.ControlModifier)
    assert stored(context, workshop_id) == {} and page.day_view.status_line.text() == _("Nothing to undo.")


def test_delete_clears_and_hours_and_remark_are_typed_in_place(qtbot, context, today, kitchen):
    workshop_id, people = kitchen
    page = open_page(qtbot, context)
    qtbot.keyClick(page.day_view.grid, Qt.Key_O)
    page.day_view.grid.go_to_row(0)
    qtbot.keyClick(page.day_view.grid, Qt.Key_5)  # a digit starts the hours
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Comma)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_5)
    commit_editor(qtbot, page)
    page.day_view.grid.setCurrentIndex(page.day_view.model.index(0, REMARK))
    qtbot.keyClick(page.day_view.grid, Qt.Key_F2)
    type_text(qtbot, QApplication.focusWidget(), "spóźnienie – autobus")
    commit_editor(qtbot, page)
    with context.unit() as session:
        row = attendance.day_sheet(session, workshop_id, WEDNESDAY).rows[0]
    assert (row.status, row.hours, row.remark) == (S.PRESENT, Decimal("5.5"), "spóźnienie – autobus")
    assert page.day_view.model.index(0, HOURS).data() == "5,5"

    page.day_view.grid.go_to_row(1, HOURS)
    qtbot.keyClick(page.day_view.grid, Qt.Key_Return)  # hours on someone not recorded: present for that long
    type_text(qtbot, QApplication.focusWidget(), "3")
    commit_editor(qtbot, page)
    assert stored(context, workshop_id)[people[1]] == (S.PRESENT, Decimal("3"))
    page.day_view.grid.go_to_row(0)
    qtbot.keyClick(page.day_view.grid, Qt.Key_Delete)
    assert people[0] not in stored(context, workshop_id)
    assert page.day_view.model.index(0, 1).data() == _("not recorded") and page.day_view.grid.current_row() == 1


def test_bad_hours_say_why_in_one_sentence_and_write_nothing(qtbot, context, said, today, kitchen):
    workshop_id, people = kitchen
    page = open_page(qtbot, context)
    qtbot.keyClick(page.day_view.grid, Qt.Key_O)
    page.day_view.grid.go_to_row(0)
    qtbot.keyClick(page.day_view.grid, Qt.Key_2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key_5)
    qtbot.keyClick(editor, Qt.Key_Return)
    assert page.day_view.status_line.text() == _("The hours must be between 0 and 24.")
    assert stored(context, workshop_id) == {people[0]: (S.PRESENT, Decimal("7"))}
    # What was typed stays in its editor, with the reason, for another try; the saved hours are still 7.
    grid = page.day_view.grid
    assert grid.state() == grid.State.EditingState and QApplication.focusWidget() is editor
    assert editor.text() == "25" and editor.selectedText() == "25"
    assert editor.toolTip() == _("The hours must be between 0 and 24.") and said.errors == []
    assert page.day_view.model.row_at(0).hours == Decimal("7")
    qtbot.keyClick(editor, Qt.Key_6)  # typed over the selection
    commit_editor(qtbot, page)
    assert stored(context, workshop_id) == {people[0]: (S.PRESENT, Decimal("6"))}
    assert page.day_view.model.index(0, HOURS).data() == "6" and grid.hasFocus()


def test_a_remark_typed_into_the_hours_stays_in_the_editor_with_the_reason(qtbot, context, said, today, kitchen):
    workshop_id, people = kitchen
    page = open_page(qtbot, context)
    grid = page.day_view.grid
    qtbot.keyClick(grid, Qt.Key_O)
    grid.go_to_row(0)
    qtbot.keyClick(grid, Qt.Key_Right)  # status → hours: the frame shows where Enter goes
    assert grid.currentIndex().column() == HOURS
    qtbot.keyClick(grid, Qt.Key_Return)
    editor = QApplication.focusWidget()
    type_text(qtbot, editor, "spóźnienie")
    qtbot.keyClick(editor, Qt.Key_Return)
    assert grid.state() == grid.State.EditingState and editor.text() == "spóźnienie"
    reason = page.day_view.status_line.text()
    assert reason and editor.toolTip() == reason and said.errors == []
    assert stored(context, workshop_id) == {people[0]: (S.PRESENT, Decimal("7"))}
    qtbot.keyClick(editor, Qt.Key_Escape)  # given up: the saved hours are back
    assert grid.state() != grid.State.EditingState and page.day_view.model.index(0, HOURS).data() == "7"


def test_presence_on_a_day_to_come_is_refused_in_one_sentence_but_leave_is_not(qtbot, context, said, today,
                                                                             kitchen):
    from reintegra.services import calendar

    workshop_id, people = kitchen
    today(date.today())
    page = open_page(qtbot, context)
    qtbot.keyClick(page.day_view.grid, Qt.Key_Right, Qt.AltModifier)
    ahead = calendar.next_working_day(date.today(), 1)
    assert page.day == ahead
    qtbot.keyClick(page.day_view.grid, Qt.Key_P, Qt.ControlModifier)
    refused = _("{date} has not come yet: only {statuses} can be recorded ahead.").format(
        date=format_date(ahead), statuses=_("{items} or {last}").format(
            items=", ".join(label(status).lower() for status in (S.EXCUSED, S.SICK, S.LEAVE)),
            last=label(S.DAY_OFF).lower()))
    assert page.day_view.status_line.text() == refused and said.errors == []
    qtbot.keyClick(page.day_view.grid, Qt.Key_O)
    assert page.day_view.status_line.text() == refused
    assert stored(context, workshop_id, ahead) == {}
    qtbot.keyClick(page.day_view.grid, Qt.Key_C)  # a sick note known ahead
    assert stored(context, workshop_id, ahead) == {people[0]: (S.SICK, None)}


def test_legal_limits_are_warnings_beside_the_saved_day(qtbot, context, today, kitchen):
    workshop_id, people = kitchen
    page = open_page(qtbot, context)
    qtbot.keyClick(page.day_view.grid, Qt.Key_8)
    commit_editor(qtbot, page)
    assert stored(context, workshop_id)[people[0]] == (S.PRESENT, Decimal("8"))
    assert page.day_view.warnings.isVisible()
    assert page.day_view.warnings.text() == _("{name}: {warning}").format(
        name="Osoba Adamczyk", warning=_("In a WTZ therapy lasts at most {hours} hours a day.").format(hours="7"))


def test_the_day_log_is_saved_as_you_type_and_when_leaving_the_day(qtbot, context, today, kitchen):
    workshop_id, _people = kitchen
    page = open_page(qtbot, context)
    qtbot.keyClick(page.day_view.grid, Qt.Key_L, Qt.ControlModifier)
    assert page.day_view.log_editor.text.hasFocus()
    type_text(qtbot, page.day_view.log_editor.text, "Pieczenie chleba żytniego.")
    qtbot.waitUntil(lambda: not page.day_view.log_editor.dirty, timeout=5000)  # a second after the last key
    with context.unit() as session:
        assert attendance.day_log(session, workshop_id, WEDNESDAY).text == "Pieczenie chleba żytniego."
    qtbot.keyClick(page.day_view.log_editor.text, Qt.Key_Escape)
    assert page.day_view.grid.hasFocus()
    page.show_day(date(2026, 3, 3))
    assert page.day_view.log_editor.text.toPlainText() == ""
    page.day_view.log_editor.text.setFocus()
    type_text(qtbot, page.day_view.log_editor.text, "Sałatki.")
    qtbot.keyClick(page.day_view.log_editor.text, Qt.Key_Right, Qt.AltModifier)  # leaving the day saves at once
    assert page.day == WEDNESDAY and page.day_view.log_editor.text.toPlainText() == "Pieczenie chleba żytniego."
    with context.unit() as session:
        assert attendance.day_log(session, workshop_id, date(2026, 3, 3)).text == "Sałatki."


def test_the_workshop_is_remembered(qtbot, context, today, kitchen):
    with context.unit() as session:
        tailoring = workshop(session, "Pracownia krawiecka")
        placed(session, "Ewa", "Zielińska", date(2026, 3, 2), tailoring.id, serial=77)
    page = open_page(qtbot, context)
    assert page.chooser.workshop.currentText() == "Pracownia gastronomiczna"
    page.chooser.workshop.setCurrentIndex(page.chooser.workshop.findData(tailoring.id))
    assert [row.last_name for row in page.day_view.model.rows()] == ["Zielińska"]
    assert config.load_settings()[SETTINGS_KEY] == {"": tailoring.id}
    again = open_page(qtbot, context)
    assert again.workshop_id == tailoring.id and again.chooser.workshop.currentText() == "Pracownia krawiecka"


def test_an_instructor_sees_only_their_own_workshop(qtbot, context, today, kitchen):
    workshop_id, _people = kitchen
    with context.unit() as session:
        tailoring = workshop(session, "Pracownia krawiecka")
        instructor = users.create_user(session, "mnowak", "tajnehaslo", Role.INSTRUCTOR, "Maria Nowak")
        instructor.workshops = [tailoring]
        instructor_id = instructor.id
    config.update_settings(**{SETTINGS_KEY: {"mnowak": workshop_id}})  # remembered from before a change
    context.user = SignedIn(instructor_id, "mnowak", "Maria Nowak", Role.INSTRUCTOR)
    page = open_page(qtbot, context)
    combo = page.chooser.workshop
    assert [combo.itemText(i) for i in range(combo.count())] == ["Pracownia krawiecka"]
    assert page.workshop_id == tailoring.id and page.day_view.model.rowCount() == 0
    assert page.day_view.status_line.text() == _("Nobody is placed in this workshop on this day.")


def test_gaps_are_listed_and_lead_to_their_day(qtbot, context, today, kitchen):
    workshop_id, people = kitchen
    with context.unit() as session:
        for day in (2, 3, 5):
            attendance.mark_all_present(session, workshop_id, date(2026, 3, day))
        attendance.set_attendance(session, people[0], workshop_id, date(2026, 3, 6), S.PRESENT)
    today(date(2026, 3, 9))
    page = open_page(qtbot, context)
    assert page.day_view.gaps.isVisible()
    assert page.day_view.gaps.text() == ngettext("Attendance not entered: {count} day — {days}",
                                        "Attendance not entered: {count} days — {days}", 2).format(
        count=2, days='<a href="2026-03-04">04.03</a>, <a href="2026-03-06">06.03</a>')
    qtbot.keyClick(page.day_view.grid, Qt.Key_G, Qt.ControlModifier)  # the earliest
    assert page.day == date(2026, 3, 4) and page.day_view.grid.hasFocus()
    qtbot.keyClick(page.day_view.grid, Qt.Key_P, Qt.ControlModifier)
    assert ">04.03<" not in page.day_view.gaps.text() and ">06.03<" in page.day_view.gaps.text()
    page.day_view.gaps.linkActivated.emit("2026-03-06")
    assert page.day == date(2026, 3, 6)
    qtbot.keyClick(page.day_view.grid, Qt.Key_P, Qt.ControlModifier)
    assert not page.day_view.gaps.isVisible()
    with context.unit() as session:  # cleared elsewhere (another page, another computer)
        attendance.clear_attendance(session, people[1], date(2026, 3, 5))
    page.activated()  # the page shown again
    assert ">05.03<" in page.day_view.gaps.text() and page.day_view.gaps.isVisible()


def test_a_note_from_the_daily_log_is_in_the_participants_notes(qtbot, monkeypatch, context, today, kitchen):
    workshop_id, people = kitchen
    page = open_page(qtbot, context)
    page.day_view.grid.go_to_row(4)

    def write(dialog):
        assert dialog.form.day.text() == "04.03.2026"
        dialog.form.category.setCurrentIndex(dialog.form.category.findData(NoteCategory.VOCATIONAL))
        type_text(qtbot, dialog.form.text, "Sama obsłużyła piec konwekcyjny.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(page.day_view, "run_dialog", write)
    qtbot.keyClick(page.day_view.grid, Qt.Key_N, Qt.ControlModifier)
    with context.unit() as session:
        (note,) = notes.notes_of(session, people[4])
    assert (note.day, note.category, note.text, note.workshop) == (
        WEDNESDAY, NoteCategory.VOCATIONAL, "Sama obsłużyła piec konwekcyjny.", "Pracownia gastronomiczna")
    assert page.day_view.status_line.text() == _("Note about {name} added.").format(name="Osoba Dudek")
    assert page.day_view.grid.hasFocus()


@pytest.mark.skipif(bool(__import__("os").environ.get("REINTEGRA_TEST_DATABASE_URL")),
                    reason="holds a SQLite write lock")
@pytest.mark.qt_no_exception_capture
def test_a_busy_database_keeps_the_remark_and_the_day_log_on_screen(qtbot, monkeypatch, database_path, said,
                                                                    today, kitchen):
    import sqlite3

    from reintegra.db import engine as engine_module
    from reintegra.db.engine import make_engine
    from reintegra.ui.context import AppContext

    workshop_id, people = kitchen
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    engine = make_engine(database_path)
    context = AppContext(engine, database_path)
    page = open_page(qtbot, context)
    qtbot.keyClick(page.day_view.grid, Qt.Key_O)
    blocker = sqlite3.connect(database_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        page.day_view.grid.setCurrentIndex(page.day_view.model.index(0, REMARK))
        qtbot.keyClick(page.day_view.grid, Qt.Key_F2)
        editor = QApplication.focusWidget()
        type_text(qtbot, editor, "spóźnienie – autobus")
        qtbot.keyClick(editor, Qt.Key_Return)
        assert editor.isVisible() and editor.text() == "spóźnienie – autobus"  # refused: the editor stays
        page.day_view.log_editor.text.setFocus()  # leaving it: the text stays in the cell
        type_text(qtbot, page.day_view.log_editor.text, "Pieczenie chleba.")
        assert not page.day_view.log_editor.save_now()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()

    assert page.day_view.model.index(0, REMARK).data() == "spóźnienie – autobus"  # kept for another try
    assert page.day_view.model.row_at(0).remark == ""
    assert page.day_view.status_line.isVisible() and said.errors == []
    assert page.day_view.log_editor.text.toPlainText() == "Pieczenie chleba."
    assert page.day_view.log_editor.dirty
    assert page.day_view.log_editor.save_now()  # the lock is gone: the kept text is saved
    with context.unit() as session:
        assert attendance.day_log(session, workshop_id, WEDNESDAY).text == "Pieczenie chleba."
        assert attendance.day_sheet(session, workshop_id, WEDNESDAY).rows[0].remark == ""
    engine.dispose()


def test_choosing_a_workshop_or_today_gives_the_grid_the_focus_arrows_only_browse(qtbot, context, today, kitchen):
    workshop_id, _people = kitchen
    with context.unit() as session:
        tailoring = workshop(session, "Pracownia krawiecka")
        placed(session, "Ewa", "Zielińska", date(2026, 3, 2), tailoring.id, serial=77)
    page = open_page(qtbot, context)
    combo = page.chooser.workshop
    assert page.day_view.grid.hasFocus()
    mnemonic = _("&Workshop:").split("&")[1][0].upper()  # Alt+P in Polish
    qtbot.keyClick(page.day_view.grid, getattr(Qt, f"Key_{mnemonic}"), Qt.AltModifier)
    assert combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key_Down)  # browsing: the day of that workshop is shown, the list keeps the keys
    assert page.workshop_id == tailoring.id and combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key_Return)
    assert page.day_view.grid.hasFocus()
    assert [row.last_name for row in page.day_view.model.rows()] == ["Zielińska"]

    combo.setFocus()
    combo.showPopup()
    qtbot.waitUntil(lambda: combo.view().isVisible())
    qtbot.keyClick(combo.view(), Qt.Key_Up)
    qtbot.keyClick(combo.view(), Qt.Key_Return)  # picked from the list
    assert page.workshop_id == workshop_id
    # The window's focus widget: offscreen, the closed list leaves no window active.
    qtbot.waitUntil(lambda: page.focusWidget() is page.day_view.grid)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)

    page.show_day(date(2026, 3, 2))
    page.chooser.today.setFocus()
    qtbot.keyClick(page.chooser.today, Qt.Key_Space)
    assert page.day == WEDNESDAY and page.day_view.grid.hasFocus()


def test_the_days_not_entered_are_no_tab_stops_and_ctrl_g_reaches_them(qtbot, context, today, kitchen):
    workshop_id, _people = kitchen
    today(date(2026, 3, 13))  # Monday 2 to Thursday 12: nine days not entered
    page = open_page(qtbot, context)
    gaps = page.day_view.gaps
    assert gaps.isVisible() and len(gaps.days) == 9
    assert "Ctrl+G" in gaps.toolTip()
    page.chooser.workshop.setFocus()
    tabs = 0
    while not page.day_view.grid.hasFocus() and tabs < 20:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        tabs += 1
        assert QApplication.focusWidget() is not gaps
    assert page.day_view.grid.hasFocus() and tabs <= 5  # the date field, the arrows and Today, then the grid
    qtbot.keyClick(page.day_view.grid, Qt.Key_G, Qt.ControlModifier)
    assert page.day == date(2026, 3, 2) and page.day_view.grid.hasFocus()


def test_u_stays_on_its_person_and_w_for_the_next_one_is_a_day_off_not_leave(qtbot, context, today, kitchen):
    workshop_id, people = kitchen
    page = open_page(qtbot, context)
    grid = page.day_view.grid
    grid.keys.clock = lambda: 100.0  # every key within the second
    qtbot.keyClick(grid, Qt.Key_U)  # Adamczyk excused: the cursor waits there, since a W may follow
    assert grid.current_row() == 0
    qtbot.keyClick(grid, Qt.Key_Down)
    qtbot.keyClick(grid, Qt.Key_W)  # Bąk's day off, within the second: not leave for Adamczyk
    assert stored(context, workshop_id) == {people[0]: (S.EXCUSED, None), people[1]: (S.DAY_OFF, None)}
    assert grid.current_row() == 2
    qtbot.keyClick(grid, Qt.Key_U)
    qtbot.keyClick(grid, Qt.Key_W)  # both on Cieślak: leave, and then on to the next
    assert stored(context, workshop_id)[people[2]] == (S.LEAVE, None) and grid.current_row() == 3


def frame_pixel(view, index):
    """The colour just inside the left edge of a cell, as painted."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(index)
    ratio = image.devicePixelRatio()
    return image.pixelColor(int((rect.left() + 1) * ratio), int(rect.center().y() * ratio)).name()


def test_the_current_cell_has_a_frame_that_follows_the_arrows(qtbot, context, today, kitchen):
    from reintegra.ui.widgets.day_grid import CURRENT_FRAME

    page = open_page(qtbot, context)
    grid, model = page.day_view.grid, page.day_view.model
    assert grid.hasFocus() and grid.currentIndex().column() == 1
    assert frame_pixel(grid, model.index(0, 1)) == CURRENT_FRAME
    assert frame_pixel(grid, model.index(0, HOURS)) != CURRENT_FRAME  # the same row, selected, not current
    qtbot.keyClick(grid, Qt.Key_Right)
    assert frame_pixel(grid, model.index(0, HOURS)) == CURRENT_FRAME
    assert frame_pixel(grid, model.index(0, 1)) != CURRENT_FRAME


def test_the_attendance_task_takes_eight_keys_from_the_page_shown_also_the_first_time(qtbot, context, today,
                                                                                     kitchen):
    """Twelve people, two absent, a director who has never opened the daily log and whose kitchen is not the
    first workshop in the list: every key goes through the real widgets, and is counted."""
    workshop_id, people = kitchen
    with context.unit() as session:
        pottery = workshop(session, "Pracownia ceramiczna")  # first in the list: the wrong one is shown first
        placed(session, "Ewa", "Zielińska", date(2026, 3, 2), pottery.id, serial=77)
        director = users.create_user(session, "kdyrektor", "tajnehaslo", Role.DIRECTOR, "Karol Dyrektor")
        context.user = SignedIn(director.id, "kdyrektor", "Karol Dyrektor", Role.DIRECTOR)
    assert SETTINGS_KEY not in config.load_settings()  # the first time: nothing remembered
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_2, Qt.ControlModifier)  # the page is shown
    page = window.pages.currentWidget()
    assert isinstance(page, DailyLogPage) and page.workshop_id == pottery.id
    assert page.day_view.grid.hasFocus()  # the hands are on the grid at once

    sent = []

    def key(name, modifier=Qt.NoModifier):
        sent.append((name, modifier))
        qtbot.keyClick(QApplication.focusWidget(), name, modifier)

    mnemonic = _("&Workshop:").split("&")[1][0].upper()
    key(getattr(Qt, f"Key_{mnemonic}"), Qt.AltModifier)  # 1: to the workshop list (Alt+P in Polish)
    key(Qt.Key_Down)  # 2: the kitchen
    key(Qt.Key_Return)  # 3: back to the grid
    assert page.workshop_id == workshop_id and page.day_view.grid.hasFocus()
    key(Qt.Key_P, Qt.ControlModifier)  # 4: all present
    key(Qt.Key_Down)  # 5
    key(Qt.Key_Down)  # 6: Cieślak
    key(Qt.Key_N)  # 7: unexcused; on to Ćwik
    key(Qt.Key_C)  # 8: sick leave — saved, nothing more to press
    assert len(sent) == 8
    expected = {pid: (S.PRESENT, Decimal("7")) for pid in people}
    expected[people[2]] = (S.UNEXCUSED, None)
    expected[people[3]] = (S.SICK, None)
    assert stored(context, workshop_id) == expected
    assert config.load_settings()[SETTINGS_KEY] == {"kdyrektor": workshop_id}  # the next time: 5 keys
    window.close()


def test_in_the_month_view_the_month_grid_gets_the_focus_when_shown_and_after_a_workshop(qtbot, context, today,
                                                                                       kitchen):
    with context.unit() as session:
        tailoring = workshop(session, "Pracownia krawiecka")
        placed(session, "Ewa", "Zielińska", date(2026, 3, 2), tailoring.id, serial=77)
    page = open_page(qtbot, context)
    qtbot.keyClick(page.day_view.grid, Qt.Key_M, Qt.ControlModifier)
    table = page.month_view.table
    assert table.hasFocus()
    page.chooser.workshop.setFocus()
    page.activated()  # shown again, from another page
    assert table.hasFocus()
    combo = page.chooser.workshop
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)
    assert combo.hasFocus() and page.month_view.workshop_id == tailoring.id
    qtbot.keyClick(combo, Qt.Key_Return)
    assert table.hasFocus()
