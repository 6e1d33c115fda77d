"""Every attendance status on the screens: its keys in the grids, its letter and colour in the month
grid with a totals column where it has one, the legend, the participant's attendance tab.
Parametrised over ``AttendanceStatus``, so a status added to ``db.enums.STATUSES`` is checked at once."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel

from factories import placed, workshop
from reintegra.db.enums import MONTH_TOTAL_STATUSES, STATUSES, AttendanceStatus
from reintegra.i18n import pgettext
from reintegra.services import attendance, labels, month_grid
from reintegra.ui.attendance_look import StatusLegend, legend_text
from reintegra.ui.models.month_grid import MonthGridModel
from reintegra.ui.pages.participant_tabs.attendance import AttendanceTab
from reintegra.ui.status_keys import StatusKeys, keys_text

EVERY_STATUS = pytest.mark.parametrize("status", list(AttendanceStatus))
DAY = date(2026, 3, 3)
AS_OF = date(2026, 3, 31)


class Clock:
    now = 10.0

    def __call__(self) -> float:
        return self.now


def _press(letter: str) -> QKeyEvent:
    return QKeyEvent(QEvent.KeyPress, Qt.Key(ord(letter)), Qt.NoModifier, letter.lower())


@pytest.fixture
def recorded(context, status):
    with context.unit() as session:
        crafts = workshop(session, "Pracownia krawiecka")
        person = placed(session, "Józef", "Ślęzak", date(2026, 3, 2), crafts.id)
        attendance.set_attendance(session, person.id, crafts.id, DAY, status)
    return person.id, crafts.id


@EVERY_STATUS
def test_its_keys_give_it(status):
    for keys in STATUSES[status].keys:
        typing = StatusKeys(Clock())
        found = [typing.status_for(_press(letter)) for letter in keys]
        assert found[-1] is status
        assert typing.amends_previous is (len(keys) == 2)  # the second letter amends the first one's day
    assert labels.label(status).lower() in keys_text()


@EVERY_STATUS
def test_the_legends_show_it(qtbot, status):
    assert f"{status.letter} – {labels.label(status).lower()}" in legend_text()
    legend = StatusLegend()
    qtbot.addWidget(legend)
    shown = legend.findChildren(QLabel)
    position = [label.text() for label in shown].index(status.letter)
    assert shown[position + 1].text() == labels.label(status).lower()  # the chip, then its meaning
    assert f"background: {STATUSES[status].colour[0]}" in shown[position].styleSheet()


@EVERY_STATUS
def test_the_month_grid_shows_its_letter_colour_and_count(context, recorded, status):
    _person_id, workshop_id = recorded
    with context.read() as session:
        grid = month_grid.month_grid(session, workshop_id, 2026, 3, as_of=AS_OF)
    model = MonthGridModel()
    model.set_grid(grid, AS_OF)
    cell = model.index(0, DAY.day - 1)
    assert model.data(cell, Qt.DisplayRole) == status.letter
    assert model.data(cell, Qt.BackgroundRole).color().name() == STATUSES[status].colour[0]
    assert model.data(cell, Qt.ForegroundRole).color().name() == STATUSES[status].colour[1]
    days = model.day_count()
    headers = [model.headerData(days + column, Qt.Horizontal, Qt.DisplayRole)
               for column in range(len(MONTH_TOTAL_STATUSES))]
    counts = [model.data(model.index(0, days + column), Qt.DisplayRole) for column in range(len(headers))]
    assert headers == [counted.letter for counted in MONTH_TOTAL_STATUSES]
    assert counts == ["1" if counted is status else "0" for counted in MONTH_TOTAL_STATUSES]
    assert model.headerData(days + len(MONTH_TOTAL_STATUSES), Qt.Horizontal, Qt.DisplayRole) == \
        pgettext("short column", "Hours")


@EVERY_STATUS
def test_the_attendance_tab_counts_it(qtbot, context, recorded, status):
    person_id, _workshop_id = recorded
    tab = AttendanceTab(context)
    qtbot.addWidget(tab)
    tab.load(person_id, today=AS_OF)
    model = tab.model
    headers = [model.headerData(column, Qt.Horizontal, Qt.DisplayRole) for column in range(model.columnCount())]
    march = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    columns = slice(1, 1 + len(MONTH_TOTAL_STATUSES))
    assert headers[columns] == [labels.short_label(counted) for counted in MONTH_TOTAL_STATUSES]
    assert march[columns] == ["1" if counted is status else "0" for counted in MONTH_TOTAL_STATUSES]
    assert tab.strip.letter_on(DAY) == status.letter
    assert f"{status.letter} – {labels.label(status).lower()}" in tab.legend.text()
