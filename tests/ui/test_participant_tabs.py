"""The participant's tabs driven as a user would: workshops, attendance, notes, exit."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from factories import admit, workshop
from reintegra.db.enums import AttendanceStatus, ExitReason, NoteCategory, Programme, Role
from reintegra.services import attendance, notes, participants, placements, users
from reintegra.services.participants import ParticipantFields
from reintegra.ui.dialogs.note import NoteDialog
from reintegra.ui.pages.participant_tabs.attendance import AttendanceTab
from reintegra.ui.pages.participant_tabs.exit import ExitTab
from reintegra.ui.pages.participant_tabs.notes import NotesTab
from reintegra.ui.pages.participant_tabs.placements import PlacementsTab


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _texts(model, row):
    return [model.data(model.index(row, column)) for column in range(model.columnCount())]


def _answer_dialogs(monkeypatch, tab, fill):
    """The tab's dialogs are filled in and their buttons pressed by ``fill`` instead of exec()."""
    def run(dialog):
        fill(dialog)
        return dialog.result() == QDialog.Accepted
    monkeypatch.setattr(tab, "run_dialog", run)


def _type(widget, text):
    """Types like a keyboard, Polish letters included (qtbot.keyClicks takes only Latin-1)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, char, Qt.NoModifier)


def _type_date(qtbot, field, text):
    field.clear()
    qtbot.keyClicks(field, text)


def _choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


# -- workshops ----------------------------------------------------------------------------------


@pytest.fixture
def facility(context):
    with context.unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna", capacity=6)
        tailoring = workshop(session, "Pracownia krawiecka", capacity=1)
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8), serial=1)
        return {"kitchen": kitchen.id, "tailoring": tailoring.id, "person": person.id}


def test_place_then_move(qtbot, monkeypatch, context, said, facility):
    tab = _shown(qtbot, PlacementsTab(context))
    tab.load(facility["person"])
    assert tab.place_button.isVisible() and not tab.move_button.isVisible()
    assert not tab.table.isVisible()

    def place(dialog):
        _choose(dialog.workshop, facility["kitchen"])
        assert "0 / 6" in dialog.workshop.currentText().replace(" of ", " / ").replace(" z ", " / ") or \
            "6" in dialog.workshop.currentText()
        _type_date(qtbot, dialog.start_date, "08.01.2024")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, place)
    changes = []
    tab.changed.connect(lambda: changes.append(1))
    qtbot.mouseClick(tab.place_button, Qt.LeftButton)
    assert changes == [1]
    assert _texts(tab.model, 0)[:3] == ["Pracownia gastronomiczna", "08.01.2024", ""]
    assert tab.move_button.isVisible() and not tab.place_button.isVisible()

    def move(dialog):
        assert dialog.workshop.findData(facility["kitchen"]) == -1  # not to where they are already
        _choose(dialog.workshop, facility["tailoring"])
        _type_date(qtbot, dialog.start_date, "03.06.2024")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, move)
    qtbot.mouseClick(tab.move_button, Qt.LeftButton)
    assert tab.model.rowCount() == 2
    assert _texts(tab.model, 0)[:3] == ["Pracownia krawiecka", "03.06.2024", ""]
    assert _texts(tab.model, 1)[:3] == ["Pracownia gastronomiczna", "08.01.2024", "02.06.2024"]
    assert tab.model.row_at(0).current and not tab.model.row_at(1).current
    assert "Pracownia krawiecka" in tab.status.text()
    assert said.errors == []


def test_placement_before_admission_is_refused_beside_the_date(qtbot, monkeypatch, context, said, facility):
    tab = _shown(qtbot, PlacementsTab(context))
    tab.load(facility["person"])
    seen = {}

    def place(dialog):
        _choose(dialog.workshop, facility["kitchen"])
        _type_date(qtbot, dialog.start_date, "05.01.2024")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["error"] = dialog.form.error_text("start_date")

    _answer_dialogs(monkeypatch, tab, place)
    qtbot.mouseClick(tab.place_button, Qt.LeftButton)
    assert "08.01.2024" in seen["error"]
    assert tab.model.rowCount() == 0
    with context.unit() as session:
        assert placements.placements_of(session, facility["person"]) == []


def test_capacity_asked_before_saving_then_end_and_delete(qtbot, monkeypatch, context, said, facility):
    with context.unit() as session:
        other = admit(session, "Ewa", "Nowak", date(2024, 1, 8), serial=2)
        placements.place(session, other.id, facility["tailoring"], date(2024, 1, 8))
    tab = _shown(qtbot, PlacementsTab(context))
    tab.load(facility["person"])

    def place(dialog):
        _choose(dialog.workshop, facility["tailoring"])
        _type_date(qtbot, dialog.start_date, "08.01.2024")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, place)
    qtbot.mouseClick(tab.place_button, Qt.LeftButton)
    assert tab.model.rowCount() == 1
    # Asked before saving (the answer here is yes); not told again after it.
    assert len(said.questions) == 1 and "Pracownia krawiecka" in said.questions[0]
    assert said.infos == []
    said.questions.clear()

    def end(dialog):
        _type_date(qtbot, dialog.end_date, "30.06.2024")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, end)
    qtbot.mouseClick(tab.end_button, Qt.LeftButton)
    assert _texts(tab.model, 0)[2] == "30.06.2024"
    assert tab.place_button.isVisible()

    said.answer_confirm = False
    qtbot.mouseClick(tab.delete_button, Qt.LeftButton)
    assert tab.model.rowCount() == 1 and "Pracownia krawiecka" in said.questions[0]
    said.answer_confirm = True
    qtbot.mouseClick(tab.delete_button, Qt.LeftButton)
    assert tab.model.rowCount() == 0
    with context.unit() as session:
        assert placements.placements_of(session, facility["person"]) == []


def test_ending_a_placement_changed_elsewhere_is_a_conflict(qtbot, monkeypatch, context, said, facility):
    with context.unit() as session:
        placements.place(session, facility["person"], facility["kitchen"], date(2024, 1, 8))
    tab = _shown(qtbot, PlacementsTab(context))
    tab.load(facility["person"])
    with context.unit() as session:  # another PC ends it meanwhile
        placement = placements.placements_of(session, facility["person"])[0]
        placements.end_placement(session, placement.id, placement.version, date(2024, 3, 29))

    def end(dialog):
        _type_date(qtbot, dialog.end_date, "30.06.2024")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, end)
    qtbot.mouseClick(tab.end_button, Qt.LeftButton)
    assert len(said.conflicts) == 1
    assert _texts(tab.model, 0)[2] == "29.03.2024"  # reloaded: the other PC's end date


# -- attendance ---------------------------------------------------------------------------------


def test_attendance_months_and_rate(qtbot, context):
    with context.unit() as session:
        kitchen = workshop(session)
        person = admit(session, "Jan", "Kowalski", date(2026, 3, 2))
        placements.place(session, person.id, kitchen.id, date(2026, 3, 2))
        for day, status, hours in (
            (date(2026, 3, 2), AttendanceStatus.PRESENT, None),  # the facility's 7 hours
            (date(2026, 3, 3), AttendanceStatus.PRESENT, None),
            (date(2026, 3, 4), AttendanceStatus.EXCUSED, None),
            (date(2026, 3, 5), AttendanceStatus.SICK, None),
            (date(2026, 3, 6), AttendanceStatus.UNEXCUSED, None),
            (date(2026, 3, 9), AttendanceStatus.LEAVE, None),
            (date(2026, 3, 10), AttendanceStatus.PRESENT, "5"),
            (date(2026, 4, 1), AttendanceStatus.PRESENT, None),
        ):
            attendance.set_attendance(session, person.id, kitchen.id, day, status, hours=hours)
    tab = _shown(qtbot, AttendanceTab(context))
    tab.load(person.id, today=date(2026, 4, 1))
    # Newest first: April, March, then the period's total.
    assert [tab.model.row_at(row).title for row in range(tab.model.rowCount())][-1] == "Razem"
    assert tab.model.rowCount() == 3
    # March 2026 by hand: working days 2–31 March = 22 (no holidays), 7 of them entered, 15 not; present 3
    # of the 7 (it was 3 of 22, 13,6%); hours 7 + 7 + 5.
    assert _texts(tab.model, 1) == ["Marzec 2026", "3", "1", "1", "1", "1", "22", "15", "19", "42,9%"]
    # April counted up to 1 April: one working day, present.
    assert _texts(tab.model, 0) == ["Kwiecień 2026", "1", "0", "0", "0", "0", "1", "0", "7", "100,0%"]
    assert _texts(tab.model, 2)[1:] == ["4", "1", "1", "1", "1", "23", "15", "26", "50,0%"]
    assert tab.strip.letter_on(date(2026, 3, 9)) == "UW" and tab.strip.letter_on(date(2026, 3, 5)) == "C"
    assert tab.strip.letter_on(date(2026, 3, 11)) == ""
    assert "50,0%" in tab.summary.text()
    assert "15 dni roboczych jest jeszcze bez wpisu" in tab.summary.text()


def test_attendance_hint_for_applicant_and_unplaced(qtbot, context):
    with context.unit() as session:
        applicant = participants.add_applicant(session, ParticipantFields(
            first_name="Ewa", last_name="Nowak", birth_date=date(1990, 1, 1), programme=Programme.CIS,
            application_date=date(2025, 5, 5)))
        admitted = admit(session, "Jan", "Kowalski", date(2025, 1, 8))
    tab = _shown(qtbot, AttendanceTab(context))
    tab.load(applicant.id)
    assert tab.hint.isVisible() and not tab.table.isVisible() and "Ewa Nowak" in tab.hint.text()
    tab.load(admitted.id)
    assert tab.hint.isVisible() and not tab.table.isVisible() and tab.model.rowCount() == 0


# -- notes --------------------------------------------------------------------------------------


@pytest.fixture
def noted(context):
    with context.unit() as session:
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
        notes.add_note(session, person.id, date(2024, 2, 1), NoteCategory.SOCIAL, "Wita się z grupą.")
        notes.add_note(session, person.id, date(2024, 5, 1), NoteCategory.VOCATIONAL, "Obiera warzywa.")
        return person.id


def test_add_a_note_it_appears_at_the_top(qtbot, context, said, noted):
    tab = _shown(qtbot, NotesTab(context))
    tab.load(noted)
    assert [n.text for n in tab.shown_notes()] == ["Obiera warzywa.", "Wita się z grupą."]
    _choose(tab.form.category, NoteCategory.COMMUNICATION)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    qtbot.mouseClick(tab.form.text.viewport(), Qt.LeftButton)
    _type(tab.form.text, "Sam poprosił o głos na zebraniu – pierwszy raz.")
    qtbot.keyClick(tab.form.text, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: len(tab.shown_notes()) == 3)
    top = tab.shown_notes()[0]
    assert (top.text, top.category, top.day) == (
        "Sam poprosił o głos na zebraniu – pierwszy raz.", NoteCategory.COMMUNICATION, date.today())
    assert tab.form.text.toPlainText() == "" and said.errors == []


def test_filter_notes_by_category_and_period(qtbot, context, noted):
    tab = _shown(qtbot, NotesTab(context))
    tab.load(noted)
    _choose(tab.category_filter, NoteCategory.SOCIAL)
    assert [n.text for n in tab.shown_notes()] == ["Wita się z grupą."]
    assert "1" in tab.count.text() and "2" in tab.count.text()
    _choose(tab.category_filter, NoteCategory.HEALTH)
    assert tab.shown_notes() == [] and tab.empty.isVisible()
    qtbot.mouseClick(tab.clear_filters_button, Qt.LeftButton)
    assert len(tab.shown_notes()) == 2
    qtbot.keyClicks(tab.start_filter, "01.03.2024")
    assert [n.text for n in tab.shown_notes()] == ["Obiera warzywa."]


def test_filter_notes_by_author(qtbot, context, noted):
    with context.unit() as session:
        tailoring = workshop(session, "Pracownia krawiecka")
        placements.place(session, noted, tailoring.id, date(2024, 1, 8))
        for login, name, text in (("akowal", "Anna Kowal", "Kroi równo."), ("bzaj", "Bożena Zając", "Szyje fartuch.")):
            author = users.create_user(session, login, "haslo12345", Role.INSTRUCTOR, name, workshop_ids=[tailoring.id])
            notes.add_note(session, noted, date(2024, 6, 1), NoteCategory.VOCATIONAL, text, actor=author)
    tab = _shown(qtbot, NotesTab(context))
    tab.load(noted)
    authors = [tab.author_filter.itemText(i) for i in range(tab.author_filter.count())]
    assert authors[1:] == ["Anna Kowal", "Bożena Zając"]
    tab.author_filter.setCurrentIndex(2)
    assert [n.text for n in tab.shown_notes()] == ["Szyje fartuch."]
    _choose(tab.category_filter, NoteCategory.SOCIAL)
    assert tab.shown_notes() == [] and tab.empty.isVisible()
    qtbot.mouseClick(tab.clear_filters_button, Qt.LeftButton)
    assert len(tab.shown_notes()) == 4


def test_an_empty_note_shows_the_message(qtbot, context, said, noted):
    tab = _shown(qtbot, NotesTab(context))
    tab.load(noted)
    qtbot.keyClicks(tab.form.text, "   ")
    qtbot.mouseClick(tab.add_button, Qt.LeftButton)
    assert tab.form.error_text("text") == "Notatka jest pusta."
    _type_date(qtbot, tab.form.day, "31.02.2024")
    qtbot.keyClicks(tab.form.text, "Tekst.")
    qtbot.mouseClick(tab.add_button, Qt.LeftButton)
    assert "31.02.2024" in tab.form.error_text("day")
    with context.unit() as session:
        assert len(notes.notes_of(session, noted)) == 2


def test_note_dialog_adds_a_note(qtbot, context, noted):
    dialog = NoteDialog(context, noted, category=NoteCategory.HEALTH)
    qtbot.addWidget(dialog)
    _type(dialog.form.text, "Zmiana leków.")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    with context.unit() as session:
        top = notes.notes_of(session, noted)[0]
    assert (top.id, top.text, top.category) == (dialog.saved_id, "Zmiana leków.", NoteCategory.HEALTH)


# -- exit ---------------------------------------------------------------------------------------


def test_exit_then_reopen(qtbot, context, said):
    with context.unit() as session:
        kitchen = workshop(session)
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
        placements.place(session, person.id, kitchen.id, date(2024, 1, 8))
    tab = _shown(qtbot, ExitTab(context))
    changes = []
    tab.changed.connect(lambda: changes.append(1))
    tab.load(person.id)
    assert tab.stack.currentIndex() == 1
    _type(tab.exit_notes, "Przeprowadza się.")
    tab.load(person.id)  # another tab saved something: the typed text stays
    assert tab.exit_notes.toPlainText() == "Przeprowadza się."

    qtbot.mouseClick(tab.exit_button, Qt.LeftButton)  # no reason chosen
    assert tab.form.error_text("reason") and said.questions == []

    _type_date(qtbot, tab.exit_date, "30.09.2025")
    _choose(tab.reason, ExitReason.SOCIAL_COOPERATIVE)
    _type(tab.destination, "Spółdzielnia Socjalna „Razem”")
    _choose(tab.contract_type, None)
    qtbot.mouseClick(tab.exit_button, Qt.LeftButton)
    assert "Jan Kowalski" in said.questions[0] and "30.09.2025" in said.questions[0]
    assert tab.stack.currentIndex() == 2 and changes == [1]
    assert tab.recorded["date"].text() == "30.09.2025"
    assert tab.recorded["destination"].text() == "Spółdzielnia Socjalna „Razem”"
    assert [_texts(tab.follow_model, row)[1] for row in range(tab.follow_model.rowCount())] == [
        "30.12.2025", "30.03.2026", "30.09.2026"]
    with context.unit() as session:
        assert placements.placements_of(session, person.id)[0].end_date == date(2025, 9, 30)

    qtbot.mouseClick(tab.reopen_button, Qt.LeftButton)
    assert "30.09.2025" in said.questions[1]
    assert tab.stack.currentIndex() == 1
    with context.unit() as session:
        assert participants.get_participant(session, person.id).exit_date is None


def test_exit_refused_beside_the_date_and_conflict(qtbot, context, said):
    with context.unit() as session:
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    tab = _shown(qtbot, ExitTab(context))
    tab.load(person.id)
    _type_date(qtbot, tab.exit_date, "02.01.2024")
    _choose(tab.reason, ExitReason.MOVED)
    qtbot.mouseClick(tab.exit_button, Qt.LeftButton)
    assert "08.01.2024" in tab.form.error_text("exit_date")
    with context.unit() as session:  # another PC records the exit first
        other = participants.get_participant(session, person.id)
        participants.exit_participant(session, person.id, other.version, date(2025, 1, 31), ExitReason.HEALTH)
    _type_date(qtbot, tab.exit_date, "28.02.2025")
    qtbot.mouseClick(tab.exit_button, Qt.LeftButton)
    assert len(said.conflicts) == 1
    assert tab.stack.currentIndex() == 2 and tab.recorded["date"].text() == "31.01.2025"


def test_exit_tab_for_an_applicant(qtbot, context):
    with context.unit() as session:
        applicant = participants.add_applicant(session, ParticipantFields(
            first_name="Ewa", last_name="Nowak", birth_date=date(1990, 1, 1), application_date=date(2025, 5, 5)))
    tab = _shown(qtbot, ExitTab(context))
    tab.load(applicant.id)
    assert tab.stack.currentIndex() == 0 and "Ewa Nowak" in tab.hint.text()


def test_a_person_admitted_from_next_week_can_be_placed_already(qtbot, context):
    from datetime import timedelta

    starts = date.today() + timedelta(days=7)
    with context.unit() as session:
        workshop(session, "Pracownia gastronomiczna", capacity=6)
        person = admit(session, "Jan", "Przyszły", starts, serial=7)
    tab = _shown(qtbot, PlacementsTab(context))
    tab.load(person.id)
    assert tab.place_button.isVisible()
    assert "oczekujących" not in tab.status.text()
