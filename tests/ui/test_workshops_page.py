"""The workshops page as a director uses it: add, edit, see who is placed, deactivate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from factories import placed, workshop
from keys import type_into, type_text
from reintegra.db.enums import Role, WorkshopKind
from reintegra.i18n import _
from reintegra.services import labels, users, workshops
from reintegra.ui.dialogs.workshop import WorkshopDialog
from reintegra.ui.pages.workshops import WorkshopsPage

SINCE = date.today() - timedelta(days=30)


@pytest.fixture
def page(qtbot, context):
    page = WorkshopsPage(context)
    qtbot.addWidget(page)
    page.resize(1156, 700)
    page.show()
    return page


def table_rows(page) -> list[list[str]]:
    model = page.table.model()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def select(page, name: str) -> None:
    model = page.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            page.table.setCurrentIndex(model.index(row, 0))
            return
    raise AssertionError(f"{name} is not in the table: {table_rows(page)}")


def answer_dialog(page, monkeypatch, fill):
    """Replaces the modal run with ``fill(dialog)``; returns the dialogs that were opened."""
    opened: list[WorkshopDialog] = []

    def run(dialog):
        opened.append(dialog)
        dialog.show()
        fill(dialog)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(page, "run_dialog", run)
    return opened


def test_a_workshop_without_a_name_is_refused_beside_the_field(qtbot, page, context, monkeypatch, said):
    messages_seen = []

    def fill(dialog):
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        messages_seen.append(dialog.form.error_text("name"))
        assert dialog.isVisible()
        dialog.reject()

    opened = answer_dialog(page, monkeypatch, fill)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    assert len(opened) == 1
    assert messages_seen == ["Nazwa pracowni jest wymagana."]
    assert said.errors == []
    with context.unit() as session:
        assert workshops.list_workshops(session) == []
    assert table_rows(page) == []


def test_add_a_workshop_with_an_instructor(qtbot, page, context, monkeypatch, said):
    with context.unit() as session:
        users.create_user(session, "kwiatek", "haslo1234", Role.INSTRUCTOR, "Krystyna Kwiatkowska")
        users.create_user(session, "biuro", "haslo1234", Role.ADMINISTRATOR, "Biuro")

    def fill(dialog):
        type_text(qtbot, dialog.name, "Pracownia ogrodnicza „Różany ogród”")
        dialog.kind.setFocus()
        dialog.kind.setCurrentIndex(dialog.kind.findData(WorkshopKind.GARDENING))
        type_into(qtbot, dialog.capacity, "5")
        choices = [dialog.instructor_model.row_at(r).name for r in range(dialog.instructor_model.rowCount())]
        assert choices == ["Krystyna Kwiatkowska (instruktor)"]  # the administrator is no instructor
        dialog.instructors.setFocus()
        dialog.instructors.setCurrentIndex(dialog.instructor_model.index(0, 0))
        qtbot.keyClick(dialog.instructors, Qt.Key_Space)
        type_text(qtbot, dialog.description, "Uprawa warzyw i kwiatów.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    answer_dialog(page, monkeypatch, fill)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    assert said.errors == []
    assert table_rows(page) == [["Pracownia ogrodnicza „Różany ogród”", labels.label(WorkshopKind.GARDENING),
                                 "0 / 5", "Krystyna Kwiatkowska", _("Active")]]
    assert page.current_workshop().name == "Pracownia ogrodnicza „Różany ogród”"
    with context.unit() as session:
        saved = workshops.find_by_name(session, "pracownia ogrodnicza „różany ogród”")
        assert (saved.capacity, saved.description, [u.username for u in saved.instructors]) == (
            5, "Uprawa warzyw i kwiatów.", ["kwiatek"])


def test_ctrl_n_opens_the_real_dialog(qtbot, page, context, said):
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    seen = []

    def fill(attempts: int = 300):
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not open yet: look again in a moment
            if attempts:
                QTimer.singleShot(10, lambda: fill(attempts - 1))
            return
        seen.append(dialog)
        qtbot.keyClicks(dialog.name, "Pracownia stolarska")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    QTimer.singleShot(0, fill)
    qtbot.keyClick(page.table, Qt.Key_N, Qt.ControlModifier)
    # A button's shortcut clicks it with a short animation, so the dialog opens a moment later.
    qtbot.waitUntil(lambda: [row[0] for row in table_rows(page)] == ["Pracownia stolarska"])
    assert isinstance(seen[0], WorkshopDialog)


def test_edit_with_enter_and_conflict_keeps_what_was_typed(qtbot, page, context, monkeypatch, said):
    with context.unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna", capacity=6)
    page.reload()
    select(page, "Pracownia gastronomiczna")

    def fill(dialog):
        assert dialog.name.text() == "Pracownia gastronomiczna"
        with context.unit() as session:  # another computer changes it meanwhile
            workshops.update_workshop(session, kitchen.id, 1, name="Kuchnia", kind=WorkshopKind.GASTRONOMY,
                                      capacity=6, instructor_ids=[])
        type_into(qtbot, dialog.name, "Pracownia kulinarna")
        said.answer_conflict = False  # keep editing
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        assert dialog.isVisible() and dialog.name.text() == "Pracownia kulinarna"
        said.answer_conflict = True  # reload: the saved version comes back
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        assert dialog.name.text() == "Kuchnia"
        type_into(qtbot, dialog.name, "Pracownia kulinarna")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    opened = answer_dialog(page, monkeypatch, fill)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert opened and opened[0].workshop_id == kitchen.id
    assert len(said.conflicts) == 2
    assert [row[0] for row in table_rows(page)] == ["Pracownia kulinarna"]


def test_placing_someone_shows_in_the_count(qtbot, page, context):
    with context.unit() as session:
        flowers = workshop(session, "Pracownia florystyczna", capacity=5, kind=WorkshopKind.FLORISTRY)
        workshop(session, "Pracownia krawiecka", capacity=4, kind=WorkshopKind.TAILORING)
    page.reload()
    assert [row[2] for row in table_rows(page)] == ["0 / 5", "0 / 4"]
    with context.unit() as session:
        placed(session, "Łucja", "Żak", SINCE, flowers.id)
    context.events.participants_changed.emit()
    assert [row[2] for row in table_rows(page)] == ["1 / 5", "0 / 4"]
    select(page, "Pracownia florystyczna")
    people = page.placed_table.model()
    assert [[people.index(0, c).data() for c in range(3)]] == [["Żak", "Łucja", SINCE.strftime("%d.%m.%Y")]]
    assert "1" in page.placed_count.text() and "5" in page.placed_count.text()
    assert page.over_capacity.isHidden()


def test_over_capacity_is_highlighted(qtbot, page, context):
    with context.unit() as session:
        small = workshop(session, "Pracownia komputerowa", capacity=1, kind=WorkshopKind.COMPUTER)
        placed(session, "Jan", "Kowalski", SINCE, small.id, serial=101)
        placed(session, "Anna", "Nowak", SINCE, small.id, serial=102)
    page.reload()
    select(page, "Pracownia komputerowa")
    index = page.table.model().index(0, 2)
    assert index.data() == "2 / 1"
    assert index.data(Qt.ForegroundRole).color().name() == "#b3261e"
    assert page.over_capacity.isVisible()


def test_a_workshop_with_people_placed_is_not_deactivated(qtbot, page, context, said):
    with context.unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna")
        placed(session, "Jan", "Kowalski", SINCE, kitchen.id)
    page.reload()
    select(page, "Pracownia gastronomiczna")
    qtbot.mouseClick(page.active_button, Qt.LeftButton)
    assert said.questions == []  # refused before any question: nobody answers "yes" to hear "no"
    assert len(said.errors) == 1 and "Pracownia gastronomiczna" in said.errors[0]
    with context.unit() as session:
        assert workshops.get_workshop(session, kitchen.id).active


def test_deactivate_and_reactivate(qtbot, page, context, said):
    with context.unit() as session:
        workshop(session, "Pracownia gastronomiczna")
        workshop(session, "Pracownia krawiecka", kind=WorkshopKind.TAILORING)
    page.reload()
    select(page, "Pracownia krawiecka")
    said.answer_confirm = False
    qtbot.mouseClick(page.active_button, Qt.LeftButton)
    assert len(table_rows(page)) == 2
    said.answer_confirm = True
    with qtbot.waitSignal(context.events.workshops_changed):
        qtbot.mouseClick(page.active_button, Qt.LeftButton)
    assert [row[0] for row in table_rows(page)] == ["Pracownia gastronomiczna"]
    qtbot.mouseClick(page.show_inactive, Qt.LeftButton)
    select(page, "Pracownia krawiecka")
    assert page.active_button.text() == _("Reactivate")
    index = page.table.model().index(1, 0)
    assert index.data(Qt.ForegroundRole) is not None  # muted
    qtbot.mouseClick(page.active_button, Qt.LeftButton)
    assert said.errors == []
    with context.unit() as session:
        assert all(row.active for row in workshops.list_workshops(session))


def test_an_instructor_sees_the_list_without_the_buttons(qtbot, context):
    from reintegra.ui.context import SignedIn

    context.user = SignedIn(None, "kwiatek", "Krystyna Kwiatkowska", Role.INSTRUCTOR)
    page = WorkshopsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert not page.add_button.isVisible() and not page.active_button.isVisible()
