"""A director's afternoon, end to end through the main window: admit someone (after a wrong PESEL),
find them, place them in a workshop, record their exit — and after reopening the program it is all there."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from factories import make_pesel, workshop
from keys import type_into, type_text
from reintegra.db.engine import make_engine
from reintegra.db.enums import ExitReason, Role
from reintegra.i18n import _
from reintegra.services.participants import Filter
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.main_window import MainWindow

DIRECTOR = SignedIn(None, "kierownik", "Grażyna Świątek", Role.DIRECTOR)


def open_window(qtbot, engine, database_path) -> MainWindow:
    window = MainWindow(AppContext(engine, database_path, DIRECTOR))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts work in the active window
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)  # the window opens on Today
    return window


def answer(monkeypatch, owner, fill) -> None:
    """``owner``'s modal dialog is filled in by ``fill`` instead of waiting for a person."""
    def run(dialog):
        dialog.show()
        fill(dialog)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(owner, "run_dialog", run)


def shown_surnames(page) -> list[str]:
    model = page.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_admit_find_place_exit_and_find_it_all_after_reopening(qtbot, monkeypatch, engine, database_path, said):
    with AppContext(engine, database_path).unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna").id
        workshop(session, "Pracownia krawiecka")
    admitted_on = date.today() - timedelta(days=60)
    good = make_pesel(date(1988, 11, 3), 41, female=True)
    wrong = good[:-1] + str((int(good[-1]) + 3) % 10)

    window = open_window(qtbot, engine, database_path)
    page = window.page("participants")
    assert page.isVisible()
    seen = {}

    def admit(dialog):
        form = dialog.form
        type_text(qtbot, form.editors["first_name"], "Jadwiga")
        type_text(qtbot, form.editors["last_name"], "Żurawska-Łęcka")
        type_text(qtbot, form.editors["pesel"], wrong)
        type_into(qtbot, form.editors["admission_date"], admitted_on.strftime("%d.%m.%Y"))
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["error"] = form.error_text("pesel")
        seen["still open"] = dialog.isVisible()
        type_into(qtbot, form.editors["pesel"], good)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    answer(monkeypatch, page, admit)
    qtbot.keyClick(page.search, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: "error" in seen)  # a button's shortcut clicks it a moment later
    assert seen["error"] == _("The PESEL {pesel} has a wrong check digit.").format(pesel=wrong)
    assert seen["still open"]

    window.activateWindow()  # as the window manager does when the dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(page.table, Qt.Key_F, Qt.ControlModifier)
    assert page.search.hasFocus()
    type_text(qtbot, page.search, "żuraw")
    assert shown_surnames(page) == ["Żurawska-Łęcka"]
    qtbot.keyClick(page.search, Qt.Key_Down)
    qtbot.keyClick(page.table, Qt.Key_Return)
    detail = page.detail_page()
    assert detail.isVisible() and "Jadwiga Żurawska-Łęcka" in detail.title.text()

    detail.tabs.setCurrentWidget(detail.placements)

    def place(dialog):
        dialog.workshop.setCurrentIndex(dialog.workshop.findData(kitchen))
        type_into(qtbot, dialog.start_date, admitted_on.strftime("%d.%m.%Y"))
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    answer(monkeypatch, detail.placements, place)
    qtbot.mouseClick(detail.placements.place_button, Qt.LeftButton)
    assert detail.placements.model.rowCount() == 1

    detail.tabs.setCurrentWidget(detail.exit)
    left_on = date.today() - timedelta(days=5)
    type_into(qtbot, detail.exit.exit_date, left_on.strftime("%d.%m.%Y"))
    detail.exit.reason.setCurrentIndex(detail.exit.reason.findData(ExitReason.EMPLOYMENT))
    type_text(qtbot, detail.exit.destination, "Hotel „Pod Różą”")
    qtbot.mouseClick(detail.exit.exit_button, Qt.LeftButton)
    assert said.errors == [] and detail.exit.stack.currentIndex() == 2
    window.close()
    engine.dispose()

    again = open_window(qtbot, make_engine(database_path), database_path)
    page = again.page("participants")
    page.status_filter.setCurrentIndex(page.status_filter.findData(Filter.ALL))
    type_text(qtbot, page.search, "Jadwiga")
    assert shown_surnames(page) == ["Żurawska-Łęcka"]
    page.open_participant()
    detail = page.detail_page()
    assert detail.personal.form.editors["pesel"].text() == good
    assert detail.personal.form.editors["birth_date"].text() == "03.11.1988"
    placement = detail.placements.model.row_at(0)
    assert (placement.workshop, placement.start, placement.end) == ("Pracownia gastronomiczna", admitted_on, left_on)
    assert detail.exit.stack.currentIndex() == 2
    assert detail.exit.recorded["destination"].text() == "Hotel „Pod Różą”"
    assert detail.exit.follow_model.rowCount() == 3
