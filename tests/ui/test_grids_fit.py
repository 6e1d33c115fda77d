"""The attendance grids in a 1024 px window (210 px of it the sidebar): the month grid's totals stay in
sight while its days scroll, the day grid tells the two absences apart with short labels, and both
grids speak the person, the date and the full status to a screen reader."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import placed, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.models import AttendanceDay
from reintegra.services import attendance
from reintegra.services.labels import brief_label, label
from reintegra.ui.models.day_sheet import STATUS, DaySheetModel
from reintegra.ui.models.month_grid import TOTAL_COLUMNS
from reintegra.ui.widgets.day_chooser import DayChooser
from reintegra.ui.widgets.day_grid import DayGrid
from reintegra.ui.widgets.month_grid import MonthView

YEAR, MONTH = 2020, 10  # October 2020: 31 days, long past, so every working day is open
AS_OF = date(2020, 10, 31)
DAYS = 31
PAGE_WIDTH = 1024 - 210 - 18  # the window, less the sidebar and the page's margins
PEOPLE = [("Anna", "Nowak"), ("Bartosz", "Kowalski"), ("Celina", "Wiśniewska-Kowalczyk"), ("Dawid", "Lis"),
          ("Ewa", "Zając"), ("Filip", "Mazur"), ("Grażyna", "Krawczyk"), ("Henryk", "Piotrowski"),
          ("Irena", "Grabowska"), ("Jacek", "Pawłowski"), ("Kinga", "Michalska"), ("Leszek", "Król")]


@pytest.fixture
def kitchen(engine):
    """Twelve people in the kitchen all October; Anna Nowak present on 1 and 2 October, excused on the 5th,
    Bartosz Kowalski unexcused on the 5th."""
    with Session(engine) as session:
        kitchen = workshop(session, "Pracownia gastronomiczna", capacity=12)
        ids = [placed(session, first, last, date(2020, 9, 1), kitchen.id, serial=200 + number).id
               for number, (first, last) in enumerate(PEOPLE)]
        for day in (1, 2):
            attendance.set_attendance(session, ids[0], kitchen.id, date(YEAR, MONTH, day), S.PRESENT)
        attendance.set_attendance(session, ids[0], kitchen.id, date(YEAR, MONTH, 5), S.EXCUSED)
        attendance.set_attendance(session, ids[1], kitchen.id, date(YEAR, MONTH, 5), S.UNEXCUSED)
        session.commit()
        return kitchen.id, ids


@pytest.fixture
def view(qtbot, context, kitchen):
    widget = MonthView(context, today=AS_OF)
    qtbot.addWidget(widget)
    widget.resize(PAGE_WIDTH, 700)
    widget.show()
    widget.show_month(kitchen[0], YEAR, MONTH)
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    return widget


def row_of(view, last_name: str) -> int:
    names = [view.model.headerData(row, Qt.Vertical) for row in range(view.model.rowCount())]
    return next(row for row, name in enumerate(names) if name.startswith(last_name + " "))


def seen_at(view, index) -> QRect | None:
    """Where a cell is drawn on the month view, if a person can see it: the topmost widget at the cell's
    centre must be the view that paints it, and the cell inside the table's visible area."""
    table = view.table
    for shown_by in (table.tail, table):
        if shown_by.isColumnHidden(index.column()):
            continue
        rect = shown_by.visualRect(index)
        if rect.isEmpty():
            continue
        corner = shown_by.viewport().mapTo(view, rect.topLeft())
        placed_rect = QRect(corner, rect.size())
        if view.childAt(placed_rect.center()) is shown_by.viewport():
            visible = QRect(table.viewport().mapTo(view, QPoint(0, 0)), table.viewport().size())
            if shown_by is table and table.tail.isVisible():  # a day: wholly left of the totals
                visible.setRight(table.tail.mapTo(view, QPoint(0, 0)).x() - 1)
            return placed_rect if visible.contains(placed_rect) else None
    return None


def test_the_totals_are_in_sight_while_the_days_scroll(qtbot, view):
    model, table = view.model, view.table
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0)  # at this width the days do scroll
    bottom = model.rowCount() - 1
    for row in (0, row_of(view, "Wiśniewska-Kowalczyk"), bottom):
        for column in range(DAYS, DAYS + TOTAL_COLUMNS):
            assert seen_at(view, model.index(row, column)) is not None, (row, column)
    assert seen_at(view, model.index(0, 0)) is not None  # the first day, left of the totals

    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    qtbot.wait(1)
    assert seen_at(view, model.index(0, DAYS - 1)) is not None  # the 31st, out from under the totals
    assert seen_at(view, model.index(0, 0)) is None  # scrolled away
    for column in range(DAYS, DAYS + TOTAL_COLUMNS):
        assert seen_at(view, model.index(bottom, column)) is not None
    names = table.verticalHeader()
    assert names.isVisible() and names.width() >= 100
    first_name = QRect(names.mapTo(view, QPoint(0, names.sectionViewportPosition(0))),
                       QRect(0, 0, names.width(), names.sectionSize(0)).size())
    assert view.childAt(first_name.center()) in (names, names.viewport())
    assert first_name.right() < seen_at(view, model.index(0, DAYS - 1)).left()


def test_keys_walk_the_days_out_from_under_the_totals_and_record(qtbot, view, engine, kitchen):
    model, table = view.model, view.table
    anna = row_of(view, "Nowak")
    table.setCurrentIndex(model.index(anna, 0))
    table.horizontalScrollBar().setValue(0)
    steps = 0
    while table.currentIndex().column() < DAYS - 2 and steps < DAYS:  # → across the month, working days only
        qtbot.keyClick(table, Qt.Key_Right)
        steps += 1
        assert seen_at(view, table.currentIndex()) is not None, table.currentIndex().column()  # never under the totals
    assert (table.currentIndex().row(), table.currentIndex().column(), steps) == (anna, DAYS - 2, 21)  # Friday the 30th
    qtbot.keyClick(table, Qt.Key_Right)  # on past the totals to the next person's first working day
    assert (table.currentIndex().row(), table.currentIndex().column()) == (anna + 1, 0)

    table.setCurrentIndex(model.index(anna, 28))  # Thursday the 29th
    qtbot.keyClick(table, Qt.Key_O)
    qtbot.keyClick(table, Qt.Key_C)
    with Session(engine) as session:
        stored = dict(session.execute(select(AttendanceDay.day, AttendanceDay.status)
                                      .where(AttendanceDay.participant_id == kitchen[1][0])).all())
    assert stored[date(YEAR, MONTH, 29)] is S.PRESENT and stored[date(YEAR, MONTH, 30)] is S.SICK
    assert model.data(model.index(anna, DAYS), Qt.DisplayRole) == "3"  # the O total, in sight, counted

    table.tail.setCurrentIndex(model.index(anna, DAYS))  # the totals chosen: a letter says why it does nothing
    qtbot.keyClick(table, Qt.Key_O)
    assert view.status_line.isVisible() and view.status_line.text()


def test_a_month_cell_and_a_day_header_speak_in_full(view):
    model = view.model
    anna = row_of(view, "Nowak")
    spoken = model.data(model.index(anna, 0), Qt.AccessibleTextRole)
    assert spoken == "Anna Nowak, czwartek, 1 października 2020: Obecny, 7 godz."
    assert model.data(model.index(anna, 0), Qt.DisplayRole) == "O"
    excused = model.data(model.index(anna, 4), Qt.AccessibleTextRole)
    assert "Anna Nowak" in excused and "5 października 2020" in excused and label(S.EXCUSED) in excused
    assert model.headerData(0, Qt.Horizontal, Qt.AccessibleTextRole) == "1 października, czwartek"
    assert model.headerData(0, Qt.Horizontal, Qt.DisplayRole) == "1\nC"
    assert model.headerData(anna, Qt.Vertical, Qt.AccessibleTextRole) == "Anna Nowak"
    total = model.data(model.index(anna, DAYS + 1), Qt.AccessibleTextRole)
    assert total == f"Anna Nowak, {label(S.EXCUSED)}: 1"
    # What Qt hands a screen reader: the table's own children.
    table = QAccessible.queryAccessibleInterface(view.table)
    assert table.text(QAccessible.Name) == "Obecności: październik 2020 — Pracownia gastronomiczna"
    texts = {table.child(number).text(QAccessible.Name) for number in range(table.childCount())}
    assert spoken in texts and "1 października, czwartek" in texts
    assert "O" not in texts


def test_the_arrows_and_the_calendar_have_names(qtbot, view):
    def name(widget) -> str:
        return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Name)

    assert name(view.previous_button) == "Poprzedni miesiąc"
    assert name(view.next_button) == "Następny miesiąc"
    assert "Alt" in view.previous_button.toolTip() and "Alt" in view.next_button.toolTip()
    chooser = DayChooser()
    qtbot.addWidget(chooser)
    assert name(chooser.previous) == "Poprzedni dzień roboczy"
    assert name(chooser.next) == "Następny dzień roboczy"
    assert chooser.previous.toolTip() and chooser.next.toolTip()
    assert name(chooser.date.calendar_button) == "Wybierz datę z kalendarza"
    assert chooser.date.calendar_button.toolTip() == "Wybierz datę z kalendarza (Alt+↓)"


@pytest.fixture
def day_grid(qtbot, context, kitchen):
    with context.read() as session:
        sheet = attendance.day_sheet(session, kitchen[0], date(YEAR, MONTH, 5))
    model = DaySheetModel()
    model.set_rows(sheet.rows, True)
    grid = DayGrid(model)
    qtbot.addWidget(grid)
    grid.show()
    qtbot.waitExposed(grid)
    return grid


def shown_status(grid, row: int) -> str:
    index = grid.model().index(row, STATUS)
    return grid.itemDelegateForColumn(STATUS).fitting_text(index, grid.columnWidth(STATUS), grid.fontMetrics())


def test_the_day_grid_tells_the_absences_apart_at_1024(qtbot, day_grid):
    model = day_grid.model()
    nowak = next(row for row in range(model.rowCount()) if model.row_at(row).last_name == "Nowak")
    kowalski = next(row for row in range(model.rowCount()) if model.row_at(row).last_name == "Kowalski")
    day_grid.resize(553, 500)  # the grid's width in the daily log at 1024 px
    qtbot.waitUntil(lambda: day_grid.columnWidth(STATUS) < 200)
    assert shown_status(day_grid, nowak) == brief_label(S.EXCUSED) == "Nieobecn. uspr."
    assert shown_status(day_grid, kowalski) == brief_label(S.UNEXCUSED) == "Nieobecn. nieuspr."
    for row, status in ((nowak, S.EXCUSED), (kowalski, S.UNEXCUSED)):
        index = model.index(row, STATUS)
        assert model.data(index, Qt.ToolTipRole) == label(status)
        spoken = model.data(index, Qt.AccessibleTextRole)
        assert model.row_at(row).first_name in spoken and label(status) in spoken

    day_grid.resize(1300, 500)  # room enough: the full names
    qtbot.waitUntil(lambda: shown_status(day_grid, kowalski) == "Nieobecność nieusprawiedliwiona")
    assert shown_status(day_grid, nowak) == "Nieobecność usprawiedliwiona"


def test_every_short_status_label_is_translated_and_shorter():
    for status in S:
        assert brief_label(status) != status.info.brief_label[1]  # in Polish, not the English msgid
        assert len(brief_label(status)) <= len(label(status))
    assert len({brief_label(status) for status in S}) == len(S)  # no two statuses look alike


def test_the_participants_list_keeps_every_column_in_sight_at_1024(qtbot, context, kitchen):
    from reintegra.ui.pages.participants import ParticipantsPage

    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.resize(PAGE_WIDTH, 600)
    page.show()
    qtbot.waitExposed(page)
    table = page.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width())  # no column beyond the right edge
    assert not table.horizontalScrollBar().isVisible()
    status = header.count() - 1
    assert header.sectionSize(status) >= table.fontMetrics().horizontalAdvance("Uczestniczy")
    model = table.model()
    cut = next(row for row in range(model.rowCount())
               if model.index(row, 0).data() == "Wiśniewska-Kowalczyk")
    assert model.index(cut, 0).data(Qt.ToolTipRole) == "Wiśniewska-Kowalczyk"  # a cut name whole in its tooltip


def test_the_today_list_shows_what_is_due_whole_at_1024(qtbot):
    from reintegra.services.reminders import Reminder, ReminderKind, Reminders
    from reintegra.ui.models.reminders import RemindersModel
    from reintegra.ui.pages.start import RemindersView

    today = date(2026, 11, 20)
    found = Reminders(today, {ReminderKind.ASSESSMENT: [
        Reminder(ReminderKind.ASSESSMENT, date(2026, 12, 3), 1, "Wiśniewska-Kowalczyk Małgorzata"),
        Reminder(ReminderKind.ASSESSMENT, date(2026, 12, 1), 2, "Lis Piotr")]})
    model = RemindersModel()
    view = RemindersView(model)
    qtbot.addWidget(view)
    view.resize(447, 400)  # the list's width on the Today page at 1024 px
    view.show()
    model.set_reminders(found)
    view.setFirstColumnSpanned(0, model.index(-1, -1), True)
    view.expandAll()
    view.fit_columns()
    what = model.index(0, 1, model.index(0, 0))
    text = what.data()
    assert text == "Ocena okresowa"
    assert view.columnWidth(1) >= view.sizeHintForColumn(1)  # not "Ocena okres…"
    assert sum(view.columnWidth(column) for column in range(3)) <= view.viewport().width()
    assert text in what.data(Qt.ToolTipRole)


def test_the_day_grid_is_named_by_its_day_and_workshop(qtbot, context, kitchen):
    from reintegra.ui.widgets.day_view import DayView

    view = DayView(context, lambda: AS_OF)
    qtbot.addWidget(view)
    view.show_day(kitchen[0], date(YEAR, MONTH, 5))
    name = QAccessible.queryAccessibleInterface(view.grid).text(QAccessible.Name)
    assert name == "Obecności: poniedziałek, 5 października 2020 — Pracownia gastronomiczna"
