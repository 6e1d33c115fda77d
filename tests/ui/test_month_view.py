"""The month grid as an instructor uses it: the hand-made November read back cell by cell and
total by total, then edited from the keyboard (letters, U then W, Delete, Ctrl+Z, Alt+arrows)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from month_grid_data import AS_OF, MONTH, YEAR, make_november, nov
from reintegra import i18n
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.models import AttendanceDay
from reintegra.services import attendance, placements
from reintegra.ui.attendance_look import DAY_OFF_BACKGROUND, GAP_BACKGROUND
from reintegra.ui.widgets.month_grid import MonthView

DAYS = 30
LIS, LECKA, ZIELINSKI, TOTAL = range(4)
TOTAL_HEADERS = ["O", "U", "N", "C", "UW", "Godz.", "Frekw."]


class Clock:
    """StatusKeys' clock, moved by hand: the U→W window is tested without waiting."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def november(engine):
    with Session(engine) as session:
        data = make_november(session)
        session.commit()
    return data


@pytest.fixture
def view(qtbot, context, november):
    widget = MonthView(context, today=AS_OF)
    qtbot.addWidget(widget)
    widget.resize(1156, 700)
    widget.show()
    widget.show_month(november.kitchen_id, YEAR, MONTH)
    widget.keys.clock = Clock()
    widget.table.setFocus()
    return widget


def text(view, row, column) -> str:
    # The model is asked directly: QModelIndex.data() in PySide6 6.12 mishandles None.
    model = view.model
    return model.data(model.index(row, column), Qt.DisplayRole)


def day_letters(view, row) -> str:
    return "".join(text(view, row, column) or "." for column in range(DAYS))


def totals(view, row) -> list[str]:
    return [text(view, row, DAYS + which) for which in range(7)]


def go_to(view, row, day: int) -> None:
    view.table.setCurrentIndex(view.model.index(row, day - 1))


def cursor(view) -> tuple[int, int]:
    index = view.table.currentIndex()
    return index.row(), index.column() + 1


def stored(engine, participant_id) -> dict[date, S]:
    with Session(engine) as session:
        rows = session.execute(select(AttendanceDay.day, AttendanceDay.status)
                               .where(AttendanceDay.participant_id == participant_id)).all()
    return {day: status for day, status in rows if day.month == MONTH}


def month_rows(engine, november):
    with Session(engine) as session:
        return attendance.month_rows(session, november.kitchen_id, YEAR, MONTH, as_of=AS_OF)


def test_cells_and_totals_of_a_hand_made_month(view):
    model = view.model
    assert view.title.text() == "Listopad 2020"
    assert [model.headerData(row, Qt.Vertical) for row in range(4)] == [
        "Lis Piotr", "Łęcka Anna", "Zieliński Jan", "Razem"]
    assert [model.headerData(DAYS + which, Qt.Horizontal) for which in range(7)] == TOTAL_HEADERS
    assert model.headerData(10, Qt.Horizontal) == "11\nŚ"
    #                               1234567890123456789012345678901
    assert day_letters(view, LIS) == ".OOOOO..OO.OO..OOO............"
    assert day_letters(view, LECKA) == "...............OOOOO..OU......"
    assert day_letters(view, ZIELINSKI) == ".OOOOO..OO.OO..UCCUWN..OOOOO..."  # UW takes two
    assert totals(view, LIS) == ["12", "0", "0", "0", "0", "84", "100,0%"]
    # Rates of the working days entered: Łęcka 6 of 7 (25–27 and 30.11 blank), Zieliński 14 of 19 (30.11
    # blank), everyone 32 of 38 (they were 54,5%, 70,0% and 74,4% when blank days counted as absences).
    assert totals(view, LECKA) == ["6", "1", "0", "0", "0", "42", "85,7%"]
    assert totals(view, ZIELINSKI) == ["14", "1", "1", "2", "1", "98", "73,7%"]
    assert totals(view, TOTAL) == ["32", "2", "1", "2", "1", "224", "84,2%"]
    present_each_day = [text(view, TOTAL, column) for column in range(DAYS)]
    assert present_each_day[1] == "2" and present_each_day[15] == "2" and present_each_day[18] == "1"
    assert present_each_day[23] == "1" and present_each_day[29] == "0" and present_each_day[6] == ""
    assert view.summary.text() == "Frekwencja w tym miesiącu: 84,2% (5 dni roboczych bez wpisu)"
    tooltip = view.model.data(view.model.index(LECKA, DAYS + 6), Qt.ToolTipRole)
    assert "6" in tooltip and "7" in tooltip and "4 dni robocze bez wpisu" in tooltip


def test_weekends_holidays_and_days_outside_a_placement_are_locked(view):
    model = view.model
    holiday = model.headerData(10, Qt.Horizontal, Qt.ToolTipRole)
    assert "Narodowe Święto Niepodległości" in holiday and "11 listopada 2020" in holiday
    for row, day in [(ZIELINSKI, 7), (ZIELINSKI, 8), (ZIELINSKI, 11), (ZIELINSKI, 1), (LECKA, 13), (LIS, 19)]:
        assert not model.flags(model.index(row, day - 1)) & Qt.ItemIsEnabled, (row, day)
    for row, day in [(ZIELINSKI, 30), (ZIELINSKI, 2), (LECKA, 16), (LIS, 18)]:
        assert model.flags(model.index(row, day - 1)) & Qt.ItemIsEnabled, (row, day)
    for day in (7, 8, 11):
        assert model.data(model.index(ZIELINSKI, day - 1), Qt.BackgroundRole).color().name() == DAY_OFF_BACKGROUND
    outside = model.data(model.index(LECKA, 12), Qt.BackgroundRole)
    assert outside.style() == Qt.BDiagPattern
    assert model.data(model.index(ZIELINSKI, 29), Qt.BackgroundRole) is None  # today, not recorded: plainly empty
    assert model.data(model.index(LECKA, 24), Qt.BackgroundRole).color().name() == GAP_BACKGROUND  # a past gap
    assert model.data(model.index(ZIELINSKI, 29), Qt.ToolTipRole).endswith("brak wpisu")
    assert "brak przydziału" in model.data(model.index(LIS, 18), Qt.ToolTipRole)


def test_letters_save_at_once_and_move_to_the_next_working_day(qtbot, view, engine, november):
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    go_to(view, LECKA, 25)
    with qtbot.waitSignal(view.changed):
        qtbot.keyClick(view.table, Qt.Key_O)
    assert cursor(view) == (LECKA, 26)
    qtbot.keyClick(view.table, Qt.Key_N)
    qtbot.keyClick(view.table, Qt.Key_C)
    assert cursor(view) == (LECKA, 30)  # over the weekend
    qtbot.keyClick(view.table, Qt.Key_L)
    assert cursor(view) == (LECKA, 30)  # the last day: the cursor stays
    assert day_letters(view, LECKA) == "...............OOOOO..OUONC..C"
    assert stored(engine, november.lecka) == {
        **{nov(d): S.PRESENT for d in (16, 17, 18, 19, 20, 23, 25)}, nov(24): S.EXCUSED, nov(26): S.UNEXCUSED,
        nov(27): S.SICK, nov(30): S.SICK}
    assert totals(view, LECKA) == ["7", "1", "1", "2", "0", "49", "63,6%"]
    assert totals(view, TOTAL)[:3] == ["33", "2", "2"]
    assert text(view, TOTAL, 24) == "2"
    assert resets == []  # one cell changed, nothing reloaded


def test_u_then_w_within_a_second_is_leave(qtbot, view, engine, november):
    go_to(view, LECKA, 25)
    qtbot.keyClick(view.table, Qt.Key_U)
    view.keys.clock.now += 0.6
    qtbot.keyClick(view.table, Qt.Key_W)
    assert stored(engine, november.lecka)[nov(25)] is S.LEAVE
    assert nov(26) not in stored(engine, november.lecka)
    assert text(view, LECKA, 24) == "UW" and text(view, LECKA, 25) == ""
    assert cursor(view) == (LECKA, 26)
    assert totals(view, LECKA)[4] == "1"

    qtbot.keyClick(view.table, Qt.Key_Z, Qt.ControlModifier)  # U and W were one change
    assert nov(25) not in stored(engine, november.lecka)
    assert text(view, LECKA, 24) == ""

    go_to(view, LECKA, 25)
    qtbot.keyClick(view.table, Qt.Key_U)
    view.keys.clock.now += 1.5
    qtbot.keyClick(view.table, Qt.Key_W)
    assert stored(engine, november.lecka)[nov(25)] is S.EXCUSED
    assert stored(engine, november.lecka)[nov(26)] is S.DAY_OFF


def test_the_context_menu_offers_every_status(view, engine, november):
    model = view.model
    assert view.status_menu(model.index(LECKA, 12)) is None  # outside the placement
    menu = view.status_menu(model.index(LECKA, 24))
    actions = [action for action in menu.actions() if not action.isSeparator()]
    assert [action.text() for action in actions] == [
        "O – Obecny", "U – Nieobecność usprawiedliwiona", "N – Nieobecność nieusprawiedliwiona",
        "C – Zwolnienie lekarskie", "UW – Urlop", "W – Dzień wolny", "Wyczyść (Delete)"]
    assert not actions[-1].isEnabled()  # nothing to clear on 25.11
    actions[4].trigger()
    assert stored(engine, november.lecka)[nov(25)] is S.LEAVE
    assert text(view, LECKA, 24) == "UW" and len(view.undo_stack) == 1


def test_delete_clears_and_ctrl_z_undoes_step_by_step(qtbot, view, engine, november):
    go_to(view, ZIELINSKI, 20)
    qtbot.keyClick(view.table, Qt.Key_Delete)
    assert nov(20) not in stored(engine, november.zielinski)
    assert cursor(view) == (ZIELINSKI, 20)
    assert totals(view, ZIELINSKI)[:3] == ["14", "1", "0"]
    go_to(view, ZIELINSKI, 30)
    qtbot.keyClick(view.table, Qt.Key_O)
    assert stored(engine, november.zielinski)[nov(30)] is S.PRESENT
    assert view.undo_button.isEnabled()

    qtbot.keyClick(view.table, Qt.Key_Z, Qt.ControlModifier)
    assert nov(30) not in stored(engine, november.zielinski)
    assert cursor(view) == (ZIELINSKI, 30)
    qtbot.keyClick(view.table, Qt.Key_Z, Qt.ControlModifier)
    assert stored(engine, november.zielinski)[nov(20)] is S.UNEXCUSED
    assert totals(view, ZIELINSKI) == ["14", "1", "1", "2", "1", "98", "73,7%"]
    assert not view.undo_button.isEnabled()
    qtbot.keyClick(view.table, Qt.Key_Z, Qt.ControlModifier)  # nothing left: nothing happens
    assert stored(engine, november.zielinski)[nov(20)] is S.UNEXCUSED


def test_locked_days_cannot_be_reached_or_typed_into(qtbot, view, engine, november):
    go_to(view, LECKA, 16)
    go_to(view, LECKA, 13)  # outside her placement
    assert cursor(view) == (LECKA, 16)
    rect = view.table.visualRect(view.model.index(LIS, 18))  # 19.11: Lis is in tailoring
    qtbot.mouseClick(view.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert cursor(view) == (LECKA, 16)
    qtbot.keyClick(view.table, Qt.Key_Left)  # nothing open to the left
    assert cursor(view) == (LECKA, 16)
    go_to(view, ZIELINSKI, 10)
    qtbot.keyClick(view.table, Qt.Key_Right)  # over the holiday
    assert cursor(view) == (ZIELINSKI, 12)
    before = stored(engine, november.zielinski)
    view.table.setCurrentIndex(view.model.index(ZIELINSKI, DAYS))  # clicked: the totals take no letters either
    qtbot.keyClick(view.table, Qt.Key_O)
    qtbot.keyClick(view.table, Qt.Key_Delete)
    assert stored(engine, november.zielinski) == before
    assert view.undo_stack == []


def test_days_after_today_are_not_open_yet(qtbot, view, engine, november):
    view.fixed_today = nov(25)
    view.reload()
    model = view.model
    assert model.flags(model.index(LECKA, 24)) & Qt.ItemIsEnabled  # today
    assert not model.flags(model.index(LECKA, 25)) & Qt.ItemIsEnabled  # tomorrow
    assert totals(view, LECKA)[6] == "85,7%"  # 6 present of the 7 days entered of 8 working days up to today
    go_to(view, LECKA, 25)
    qtbot.keyClick(view.table, Qt.Key_O)
    assert cursor(view) == (LECKA, 25)  # nothing further open in the row
    assert stored(engine, november.lecka)[nov(25)] is S.PRESENT and nov(26) not in stored(engine, november.lecka)


def test_rates_equal_month_rows_after_editing(qtbot, view, engine, november):
    go_to(view, ZIELINSKI, 16)
    for key in (Qt.Key_O, Qt.Key_O, Qt.Key_N, Qt.Key_O, Qt.Key_O):
        qtbot.keyClick(view.table, key)
    go_to(view, LIS, 2)
    qtbot.keyClick(view.table, Qt.Key_Delete)  # a day entered becomes a blank one
    go_to(view, ZIELINSKI, 30)
    qtbot.keyClick(view.table, Qt.Key_O)  # the blank day entered
    assert (view.model.totals_of(LIS).not_entered_days, view.model.totals_of(ZIELINSKI).not_entered_days) == (1, 0)
    rows = month_rows(engine, november)
    for row, expected in enumerate(rows):
        counts = view.model.totals_of(row)
        assert (counts.counts, counts.hours, counts.working_days) == (expected.counts, expected.hours,
                                                                      expected.working_days)
        assert counts.rate == expected.rate
        assert counts.not_entered_days == expected.not_entered_days
        assert totals(view, row)[6] == i18n.format_percent(expected.rate)


def test_a_service_error_is_one_sentence_and_writes_nothing(qtbot, view, engine, november, said):
    """Łęcka's placement is changed on another computer after the grid was read."""
    with Session(engine) as session:
        placement = placements.current_placement(session, november.lecka, nov(16))
        placements.end_placement(session, placement.id, placement.version, nov(24))
        session.commit()
    go_to(view, LECKA, 25)
    qtbot.keyClick(view.table, Qt.Key_O)
    assert said.errors == ["Anna Łęcka nie jest w pracowni Pracownia gastronomiczna w dniu 25.11.2020."]
    assert nov(25) not in stored(engine, november.lecka)
    assert view.undo_stack == []
    # The grid was read again: the day is now outside the placement and locked.
    assert not view.model.flags(view.model.index(LECKA, 24)) & Qt.ItemIsEnabled
    assert totals(view, LECKA)[6] == "85,7%"  # 6 of the 7 working days 16–24


def test_legal_limits_are_shown_as_warnings(qtbot, view, engine, november):
    with Session(engine) as session:
        attendance.set_attendance(session, november.zielinski, november.kitchen_id, nov(23), S.PRESENT, hours="8")
        attendance.clear_attendance(session, november.zielinski, nov(27))
        session.commit()
    view.reload()
    go_to(view, ZIELINSKI, 27)
    qtbot.keyClick(view.table, Qt.Key_O)
    assert view.warning.isVisible()
    assert "36" in view.warning.text() and "35" in view.warning.text()
    assert stored(engine, november.zielinski)[nov(27)] is S.PRESENT
    go_to(view, LECKA, 25)
    qtbot.keyClick(view.table, Qt.Key_O)
    assert not view.warning.isVisible()


def test_alt_arrows_change_the_month(qtbot, view, engine, november):
    go_to(view, ZIELINSKI, 30)
    qtbot.keyClick(view.table, Qt.Key_O)
    with qtbot.waitSignal(view.month_shown) as shown:
        qtbot.keyClick(view.table, Qt.Key_Right, Qt.AltModifier)
    assert shown.args == [2020, 12]
    assert view.title.text() == "Grudzień 2020"
    assert view.model.day_count() == 31 and view.undo_stack == []
    assert [view.model.headerData(row, Qt.Vertical) for row in range(view.model.rowCount())] == [
        "Łęcka Anna", "Zieliński Jan", "Razem"]
    qtbot.keyClick(view.table, Qt.Key_Left, Qt.AltModifier)
    qtbot.keyClick(view.table, Qt.Key_Left, Qt.AltModifier)
    assert view.title.text() == "Październik 2020"
    assert [view.model.headerData(row, Qt.Vertical) for row in range(view.model.rowCount())] == [
        "Lis Piotr", "Zieliński Jan", "Razem"]
    view.previous_button.click()
    assert view.title.text() == "Wrzesień 2020"


def test_a_month_without_anyone_placed(view, november):
    view.show_month(november.kitchen_id, 2020, 8)
    assert view.empty.isVisible() and not view.table.isVisible()
    assert "sierpień 2020" in view.empty.text()


def test_every_day_fits_without_scrolling_sideways(qtbot, view, november):
    view.show_month(november.kitchen_id, 2020, 12)  # 31 days
    qtbot.waitUntil(lambda: view.table.horizontalHeader().length() > 0)
    header = view.table.horizontalHeader()
    assert header.length() <= view.table.viewport().width()
    qtbot.waitUntil(lambda: not view.table.horizontalScrollBar().isVisible())  # once the layout has settled


def test_english_month_and_rate(qtbot, context, november):
    i18n.set_language("en")
    widget = MonthView(context, today=AS_OF)
    qtbot.addWidget(widget)
    widget.show_month(november.kitchen_id, YEAR, MONTH)
    assert widget.title.text() == "November 2020"
    assert totals(widget, LECKA)[6] == "85.7%"
    assert widget.summary.text() == "Attendance rate this month: 84.2% (5 working days not entered yet)"
    assert widget.model.headerData(DAYS + 5, Qt.Horizontal) == "Hours"



def test_u_then_w_on_another_person_is_that_persons_day_off(qtbot, view, engine, november):
    go_to(view, LECKA, 25)
    qtbot.keyClick(view.table, Qt.Key_U)
    go_to(view, ZIELINSKI, 25)  # the cursor put on another person, without a click
    assert view.model.is_editable(ZIELINSKI, 24)
    view.keys.clock.now += 0.3
    qtbot.keyClick(view.table, Qt.Key_W)
    assert stored(engine, november.lecka)[nov(25)] is S.EXCUSED
    assert stored(engine, november.zielinski)[nov(25)] is S.DAY_OFF


def test_the_current_cell_has_a_frame(qtbot, view):
    from reintegra.ui.widgets.day_grid import CURRENT_FRAME

    go_to(view, LECKA, 25)
    image = view.table.viewport().grab().toImage()
    ratio = image.devicePixelRatio()

    def pixel(row, day):
        rect = view.table.visualRect(view.model.index(row, day - 1))
        return image.pixelColor(int((rect.left() + 1) * ratio), int(rect.center().y() * ratio)).name()

    assert pixel(LECKA, 25) == CURRENT_FRAME and pixel(LECKA, 24) != CURRENT_FRAME


def open_days(view, row) -> list[int]:
    return [column + 1 for column in range(DAYS) if view.model.is_editable(row, column)]


def test_keys_stay_on_the_days_and_a_letter_on_the_totals_says_why(qtbot, view, engine, november):
    from reintegra.i18n import _

    last, first_next = open_days(view, LECKA)[-1], open_days(view, ZIELINSKI)[0]
    go_to(view, LECKA, last)
    qtbot.keyClick(view.table, Qt.Key_Right)  # from the last day on to the next person's first day
    assert cursor(view) == (ZIELINSKI, first_next)
    go_to(view, ZIELINSKI, open_days(view, ZIELINSKI)[-1])
    qtbot.keyClick(view.table, Qt.Key_Right)  # the last person: it stays
    qtbot.keyClick(view.table, Qt.Key_Tab)
    assert cursor(view) == (ZIELINSKI, open_days(view, ZIELINSKI)[-1])
    go_to(view, LECKA, open_days(view, LECKA)[0])
    qtbot.keyClick(view.table, Qt.Key_End)
    assert cursor(view) == (LECKA, last)

    before = stored(engine, november.lecka)
    view.table.setCurrentIndex(view.model.index(LECKA, DAYS))  # a click on the totals
    qtbot.keyClick(view.table, Qt.Key_O)
    qtbot.keyClick(view.table, Qt.Key_C)
    after = stored(engine, november.lecka)
    assert after == before and totals(view, LECKA)[0] == "6"
    assert view.status_line.isVisible()
    assert view.status_line.text() == _("The totals are counted from the days: type the status on a day of the "
                                        "month.")
    go_to(view, LECKA, last)
    qtbot.keyClick(view.table, Qt.Key_Delete)  # another key: the sentence goes
    assert not view.status_line.isVisible()
