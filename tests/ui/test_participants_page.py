"""The participants page as a director and an instructor use it: search, filters, admit, detail, edit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from factories import admit, make_pesel, placed, workshop
from keys import type_into, type_text
from reintegra.db.enums import ExitReason, Programme, Role, Sex
from reintegra.i18n import _, ngettext
from reintegra.services import participants, placements, users
from reintegra.services.participants import ParticipantFields
from reintegra.ui.context import SignedIn
from reintegra.ui.dialogs.admit import AdmitDialog
from reintegra.ui.pages.participants import ParticipantsPage

SINCE = date.today() - timedelta(days=400)


@pytest.fixture
def people(context):
    """Four taking part in two workshops, one who left, one on the waiting list."""
    with context.unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna")
        tailoring = workshop(session, "Pracownia krawiecka")
        ids = {
            "jan": placed(session, "Jan", "Kowalski", SINCE, kitchen.id, serial=1).id,
            "anna": placed(session, "Anna", "Kowalska", SINCE, tailoring.id, serial=2).id,
            "lucja": placed(session, "Łucja", "Łącka", SINCE, kitchen.id, serial=3, programme=Programme.CIS).id,
            "piotr": placed(session, "Piotr", "Lis", SINCE, tailoring.id, serial=4).id,
            "zofia": placed(session, "Zofia", "Żak", SINCE, kitchen.id, serial=5).id,
        }
        participants.exit_participant(session, ids["zofia"], 1, date.today() - timedelta(days=10),
                                      ExitReason.EMPLOYMENT)
        ids["ewa"] = participants.add_applicant(session, ParticipantFields(
            first_name="Ewa", last_name="Zając", birth_date=date(1985, 3, 2),
            application_date=date.today() - timedelta(days=100))).id
        ids["kitchen"], ids["tailoring"] = kitchen.id, tailoring.id
    return ids


@pytest.fixture
def page(qtbot, context, people):
    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.resize(1156, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def surnames(page) -> list[str]:
    model = page.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def row_texts(page, row: int) -> list[str]:
    model = page.table.model()
    return [model.index(row, column).data() for column in range(model.columnCount())]


def count_text(count: int) -> str:
    return ngettext("{count} participant", "{count} participants", count).format(count=count)


def answer_dialog(page, monkeypatch, fill):
    """Replaces the modal run with ``fill(dialog)``; returns the dialogs that were opened."""
    opened: list[AdmitDialog] = []

    def run(dialog):
        opened.append(dialog)
        dialog.show()
        fill(dialog)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(page, "run_dialog", run)
    return opened


def count_participants(context) -> int:
    with context.unit() as session:
        return len(participants.search(session, status="all"))


# -- the list ------------------------------------------------------------------------------------


def test_the_list_in_polish_order_with_its_columns(page, people):
    assert surnames(page) == ["Kowalska", "Kowalski", "Lis", "Łącka"]
    assert row_texts(page, 3) == ["Łącka", "Łucja", make_pesel(date(1990, 5, 17), 3), "CIS",
                                  "Pracownia gastronomiczna", SINCE.strftime("%d.%m.%Y"), _("Taking part")]
    assert page.count.text() == count_text(4)
    assert page.table.model().index(3, 3).data(Qt.ToolTipRole).startswith("CIS")


def test_search_as_you_type_narrows_the_rows_and_the_count(qtbot, page, people):
    page.search.setFocus()
    type_text(qtbot, page.search, "kowal")
    assert surnames(page) == ["Kowalska", "Kowalski"]
    assert page.count.text() == count_text(2)
    type_text(qtbot, page.search, "ski")
    assert surnames(page) == ["Kowalski"]
    assert page.count.text() == count_text(1)
    assert page.current_participant_id() == people["jan"]
    for _letter in "kowalski":
        qtbot.keyClick(page.search, Qt.Key_Backspace)
    assert page.count.text() == count_text(4)

    type_text(qtbot, page.search, "łą")  # Polish letters mean themselves…
    assert surnames(page) == ["Łącka"]
    type_into(qtbot, page.search, "lacka")  # …and plain ones find them too
    assert surnames(page) == ["Łącka"]
    type_into(qtbot, page.search, "anna kow")
    assert surnames(page) == ["Kowalska"]
    type_into(qtbot, page.search, make_pesel(date(1990, 5, 17), 4)[:9])
    assert surnames(page) == ["Lis"]
    type_into(qtbot, page.search, "nikt")
    assert surnames(page) == [] and page.count.text() == count_text(0)
    assert page.empty.isVisible() and "nikt" in page.empty.text()
    qtbot.keyClick(page.search, Qt.Key_Escape)
    assert page.search.text() == "" and len(surnames(page)) == 4 and not page.empty.isVisible()


def test_filters_status_workshop_and_programme(qtbot, page, people):
    page.status_filter.setCurrentIndex(page.status_filter.findData("exited"))
    assert surnames(page) == ["Żak"]
    assert row_texts(page, 0)[6] == _("Left on {date}").format(
        date=(date.today() - timedelta(days=10)).strftime("%d.%m.%Y"))
    assert row_texts(page, 0)[4] == "Pracownia gastronomiczna"  # where they were last
    page.status_filter.setCurrentIndex(page.status_filter.findData("applicants"))
    # The waiting list has its own columns (tests/ui/test_waiting_list_page.py).
    assert surnames(page) == ["Zając"] and row_texts(page, 0)[6] == ngettext(
        "waiting {count} day", "waiting {count} days", 100).format(count=100)
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    assert surnames(page) == ["Kowalska", "Kowalski", "Lis", "Łącka", "Zając", "Żak"]

    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))
    page.workshop_filter.setCurrentIndex(page.workshop_filter.findData(people["tailoring"]))
    assert surnames(page) == ["Kowalska", "Lis"]
    type_text(qtbot, page.search, "lis")  # the search works within the filters
    assert surnames(page) == ["Lis"]
    page.search.clear()
    page.workshop_filter.setCurrentIndex(0)
    page.programme_filter.setCurrentIndex(page.programme_filter.findData(Programme.CIS))
    assert surnames(page) == ["Łącka"]
    assert page.count.text() == count_text(1)


def test_sorting_by_a_column_and_back(qtbot, page, people):
    header = page.table.horizontalHeader()
    page.select_participant(people["piotr"])
    qtbot.mouseClick(header.viewport(), Qt.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2))
    assert surnames(page) == ["Łącka", "Lis", "Kowalski", "Kowalska"]  # the same column again: descending
    assert page.current_participant_id() == people["piotr"]  # still the same person chosen
    page.table.sortByColumn(1, Qt.AscendingOrder)  # first name
    assert surnames(page) == ["Kowalska", "Kowalski", "Łącka", "Lis"]
    page.table.sortByColumn(2, Qt.AscendingOrder)  # PESEL, by serial
    assert surnames(page) == ["Kowalski", "Kowalska", "Łącka", "Lis"]
    type_text(qtbot, page.search, "kow")
    assert surnames(page) == ["Kowalski", "Kowalska"]  # filtering keeps the order
    page.search.clear()
    assert surnames(page) == ["Kowalski", "Kowalska", "Łącka", "Lis"]


def test_a_change_elsewhere_reloads_the_list_keeping_the_search(qtbot, page, context, people):
    type_text(qtbot, page.search, "kow")
    with context.unit() as session:
        admit(session, "Marek", "Kowalewski", SINCE, serial=9)
    context.events.participants_changed.emit()
    assert page.search.text() == "kow"
    assert surnames(page) == ["Kowalewski", "Kowalska", "Kowalski"]


# -- admitting -----------------------------------------------------------------------------------


def test_admit_refuses_a_wrong_pesel_beside_the_field_then_admits(qtbot, page, context, monkeypatch, said,
                                                                  people):
    good = make_pesel(date(1992, 7, 14), 77, female=True)
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    seen = {}

    def fill(dialog):
        form = dialog.form
        type_text(qtbot, form.editors["first_name"], "Małgorzata")
        type_text(qtbot, form.editors["last_name"], "Wiśniewska")
        type_text(qtbot, form.editors["pesel"], wrong)
        type_text(qtbot, form.editors["phone"], "600 100 200")
        dialog.workshop.setCurrentIndex(dialog.workshop.findData(people["kitchen"]))
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["error"] = form.error_text("pesel")
        seen["open"] = dialog.isVisible() and dialog.result() != QDialog.Accepted
        seen["count"] = count_participants(context)
        type_into(qtbot, form.editors["pesel"], good)
        seen["birth"] = form.editors["birth_date"].text()
        seen["sex"] = form.editors["sex"].currentData()
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    opened = answer_dialog(page, monkeypatch, fill)
    qtbot.mouseClick(page.admit_button, Qt.LeftButton)
    assert len(opened) == 1
    assert seen["error"] == _("The PESEL {pesel} has a wrong check digit.").format(pesel=wrong)
    assert seen["open"] and seen["count"] == 6  # nothing written
    assert seen["birth"] == "14.07.1992" and seen["sex"] == Sex.FEMALE
    assert said.errors == []
    assert "Wiśniewska" in surnames(page)
    assert page.current_participant_id() == opened[0].saved_id
    assert page.count.text() == count_text(5)
    with context.unit() as session:
        person = participants.get_participant(session, opened[0].saved_id)
        assert (person.pesel, person.birth_date, person.phone, person.admission_date) == (
            good, date(1992, 7, 14), "600 100 200", date.today())
        assert [p.workshop_id for p in placements.placements_of(session, person.id)] == [people["kitchen"]]


def test_a_new_person_hidden_by_the_search_is_shown_and_chosen(qtbot, page, monkeypatch, people):
    type_text(qtbot, page.search, "lis")

    def fill(dialog):
        type_text(qtbot, dialog.form.editors["first_name"], "Ewelina")
        type_text(qtbot, dialog.form.editors["last_name"], "Nowak")
        type_text(qtbot, dialog.form.editors["birth_date"], "03.04.1991")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    opened = answer_dialog(page, monkeypatch, fill)
    qtbot.mouseClick(page.admit_button, Qt.LeftButton)
    assert page.search.text() == ""
    assert page.current_participant_id() == opened[0].saved_id
    assert row_texts(page, page.table.currentIndex().row())[:3] == ["Nowak", "Ewelina", ""]


def test_ctrl_n_opens_the_real_admit_dialog(qtbot, page, said):
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    seen = []

    def cancel(attempts: int = 300):
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not open yet: look again in a moment
            if attempts:
                QTimer.singleShot(10, lambda: cancel(attempts - 1))
            return
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    qtbot.keyClick(page.table, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0], AdmitDialog)
    assert len(surnames(page)) == 4


def test_ctrl_f_goes_to_the_search(qtbot, page):
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_F, Qt.ControlModifier)
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClick(page.search, Qt.Key_Down)
    assert page.table.hasFocus()


# -- the detail ----------------------------------------------------------------------------------


def open_with_enter(qtbot, page, search: str):
    type_text(qtbot, page.search, search)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert page.stack.currentWidget() is page.detail
    return page.detail


def test_enter_opens_the_detail_and_back_keeps_the_search_and_choice(qtbot, page, people):
    detail = open_with_enter(qtbot, page, "kowal")
    assert detail.participant_id == people["anna"]
    assert detail.title.text() == "Anna Kowalska"
    assert detail.personal.form.editors["last_name"].text() == "Kowalska"
    back = next(b for b in detail.findChildren(QPushButton) if b.text() == _("Back to the list"))
    qtbot.mouseClick(back, Qt.LeftButton)
    assert page.stack.currentIndex() == 0
    assert page.search.text() == "kowal"
    assert page.current_participant_id() == people["anna"]
    where = page.table.visualRect(page.table.model().index(1, 0)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, pos=where)  # a double-click starts with a press
    qtbot.mouseDClick(page.table.viewport(), Qt.LeftButton, pos=where)
    assert page.stack.currentWidget() is detail and detail.participant_id == people["jan"]


def test_edit_and_save_in_the_personal_tab(qtbot, page, context, said, people):
    detail = open_with_enter(qtbot, page, "lis")
    personal = detail.personal
    assert not personal.save_button.isEnabled()
    type_into(qtbot, personal.form.editors["last_name"], "Lis-Ćwik")
    type_text(qtbot, personal.form.editors["city"], "Łódź")
    assert personal.save_button.isEnabled()
    with qtbot.waitSignal(context.events.participants_changed):
        qtbot.mouseClick(personal.save_button, Qt.LeftButton)
    assert said.errors == [] and said.conflicts == []
    assert not personal.save_button.isEnabled()
    assert detail.title.text() == "Piotr Lis-Ćwik"
    with context.unit() as session:
        person = participants.get_participant(session, people["piotr"])
        assert (person.last_name, person.city) == ("Lis-Ćwik", "Łódź")
    detail.back.emit()
    assert "Lis-Ćwik" in surnames(page)


def test_a_bad_value_in_the_personal_tab_is_shown_beside_it(qtbot, page, context, people):
    detail = open_with_enter(qtbot, page, "lis")
    form = detail.personal.form
    type_into(qtbot, form.editors["admission_date"], "31.02.2020")
    qtbot.mouseClick(detail.personal.save_button, Qt.LeftButton)
    assert "31.02.2020" in form.error_text("admission_date")
    type_into(qtbot, form.editors["admission_date"], (SINCE + timedelta(days=5)).strftime("%d.%m.%Y"))
    qtbot.mouseClick(detail.personal.save_button, Qt.LeftButton)
    assert SINCE.strftime("%d.%m.%Y") in form.error_text("admission_date")  # after the first placement
    with context.unit() as session:
        assert participants.get_participant(session, people["piotr"]).admission_date == SINCE


def test_a_conflict_keeps_what_was_typed_until_reload_is_chosen(qtbot, page, context, said, people):
    detail = open_with_enter(qtbot, page, "lis")
    form = detail.personal.form
    with context.unit() as session:  # another computer saves first
        person = participants.get_participant(session, people["piotr"])
        participants.update(session, person.id, person.version,
                            replace(ParticipantFields.of(person), city="Radom"))
    type_text(qtbot, form.editors["phone"], "601 202 303")
    said.answer_conflict = False  # keep editing
    qtbot.mouseClick(detail.personal.save_button, Qt.LeftButton)
    assert len(said.conflicts) == 1
    assert form.editors["phone"].text() == "601 202 303" and form.editors["city"].text() == ""
    assert detail.personal.save_button.isEnabled()
    said.answer_conflict = True  # reload: the saved version comes back
    qtbot.mouseClick(detail.personal.save_button, Qt.LeftButton)
    assert len(said.conflicts) == 2
    assert form.editors["phone"].text() == "" and form.editors["city"].text() == "Radom"
    type_text(qtbot, form.editors["phone"], "601 202 303")
    qtbot.mouseClick(detail.personal.save_button, Qt.LeftButton)
    with context.unit() as session:
        person = participants.get_participant(session, people["piotr"])
        assert (person.city, person.phone) == ("Radom", "601 202 303")


def test_back_with_unsaved_typing_asks_first(qtbot, page, said, people):
    detail = open_with_enter(qtbot, page, "lis")
    type_text(qtbot, detail.personal.form.editors["phone"], "123")
    said.answer_confirm = False
    page.show_list()
    assert len(said.questions) == 1 and page.stack.currentWidget() is detail
    assert detail.personal.form.editors["phone"].text() == "123"
    said.answer_confirm = True
    page.show_list()
    assert page.stack.currentIndex() == 0
    page.open_participant(people["piotr"])
    assert detail.personal.form.editors["phone"].text() == ""


# -- roles ---------------------------------------------------------------------------------------


def test_an_instructor_does_not_see_admit_and_cannot_edit(qtbot, context, people):
    context.user = SignedIn(None, "kwiatek", "Krystyna Kwiatkowska", Role.INSTRUCTOR)
    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert not page.admit_button.isVisible()
    page.admit()  # Ctrl+N has no button to click; and admit() itself refuses
    assert count_participants(context) == 6
    page.open_participant(people["jan"])
    personal = page.detail.personal
    assert not personal.save_button.isVisible()
    assert personal.form.editors["last_name"].isReadOnly()
    assert not personal.form.editors["programme"].isEnabled()


def test_typing_survives_a_save_in_another_tab(qtbot, page, context, said, people):
    detail = open_with_enter(qtbot, page, "lis")
    form = detail.personal.form
    type_text(qtbot, form.editors["phone"], "602 303 404")
    detail.tabs.setCurrentWidget(detail.exit)
    type_into(qtbot, detail.exit.exit_date, date.today().strftime("%d.%m.%Y"))
    detail.exit.reason.setCurrentIndex(detail.exit.reason.findData(ExitReason.MOVED))
    qtbot.mouseClick(detail.exit.exit_button, Qt.LeftButton)  # the exit changes the same record
    assert form.editors["phone"].text() == "602 303 404"
    qtbot.mouseClick(detail.personal.save_button, Qt.LeftButton)
    assert said.conflicts == [] and said.errors == []
    with context.unit() as session:
        person = participants.get_participant(session, people["piotr"])
        assert (person.phone, person.exit_reason) == ("602 303 404", ExitReason.MOVED)


def test_a_corrected_pesel_brings_its_birth_date_and_sex(qtbot, page, context, said, people):
    detail = open_with_enter(qtbot, page, "lis")
    form = detail.personal.form
    assert form.editors["birth_date"].text() == "17.05.1990"
    corrected = make_pesel(date(1991, 6, 18), 4, female=True)
    type_into(qtbot, form.editors["pesel"], corrected)
    assert form.editors["birth_date"].text() == "18.06.1991"
    assert form.editors["sex"].currentData() == Sex.FEMALE
    qtbot.keyClick(form.editors["pesel"], Qt.Key_S, Qt.ControlModifier)  # Ctrl+S saves
    qtbot.waitUntil(lambda: not detail.personal.save_button.isEnabled())
    assert said.errors == []
    with context.unit() as session:
        person = participants.get_participant(session, people["piotr"])
        assert (person.pesel, person.birth_date, person.sex) == (corrected, date(1991, 6, 18), Sex.FEMALE)


def _sign_in_instructor_of(context, workshop_id: int) -> None:
    """Signs in Krystyna, the instructor of ``workshop_id`` only."""
    with context.unit() as session:
        instructor = users.create_user(session, "kwiatek", "tajnehaslo", Role.INSTRUCTOR, "Krystyna Kwiatkowska",
                                       workshop_ids=[workshop_id])
        context.user = SignedIn(instructor.id, "kwiatek", "Krystyna Kwiatkowska", Role.INSTRUCTOR)


def test_an_instructor_lists_and_finds_only_the_people_of_their_workshop(qtbot, context, people):
    _sign_in_instructor_of(context, people["kitchen"])
    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert surnames(page) == ["Kowalski", "Łącka"]
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    assert surnames(page) == ["Kowalski", "Łącka", "Żak"]  # Zofia left 10 days ago: her notes can be finished
    qtbot.keyClicks(page.search, "Lis")  # Piotr Lis is in the tailoring workshop
    assert surnames(page) == []
    assert page.count.text() == ngettext("{count} participant", "{count} participants", 0).format(count=0)


def test_an_instructor_is_shown_one_sentence_for_someone_elses_record(qtbot, context, people):
    _sign_in_instructor_of(context, people["kitchen"])
    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.open_participant(people["anna"])  # e.g. from a reminder: Anna is in the tailoring workshop
    detail = page.detail
    assert detail.title.text() == _("This participant is not placed in your workshops, so you cannot see or "
                                    "change their records.")
    assert not detail.tabs.isVisible()
    assert "Kowalska" not in detail.personal.form.editors["last_name"].text()
    page.open_participant(people["jan"])
    assert detail.title.text() == "Jan Kowalski" and detail.tabs.isVisible()
