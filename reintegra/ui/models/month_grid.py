"""The month grid as a table: a row per person, a column per day, then the person's totals;
the last row counts who was present each day."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from reintegra.db.enums import MONTH_TOTAL_STATUSES, PRESENT_STATUSES
from reintegra.i18n import _, current_language, format_date, format_number, format_percent, ngettext, pgettext
from reintegra.services.attendance import MonthRow, not_entered_text
from reintegra.services.labels import label
from reintegra.services.month_grid import (Cell, GridDay, GridPerson, MonthGrid, counts_for_rate, grid_totals,
                                              recount)
from reintegra.ui.attendance_look import (
    DAY_OFF_BACKGROUND,
    GAP_BACKGROUND,
    MUTED_INK,
    NOT_PLACED_HATCH,
    NOT_YET_BACKGROUND,
    STATUS_COLORS,
)

_Index = QModelIndex | QPersistentModelIndex

# Looked up once: reading a Qt enum member costs microseconds in PySide6 and data() runs per cell per paint.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
_HORIZONTAL = Qt.Orientation.Horizontal
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_OPEN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LOCKED = Qt.ItemFlag.ItemIsSelectable  # not enabled: greyed, and the cursor passes over it

_STATUS_BRUSHES = {status: (QBrush(QColor(bg)), QBrush(QColor(ink))) for status, (bg, ink) in STATUS_COLORS.items()}
_DAY_OFF = QBrush(QColor(DAY_OFF_BACKGROUND))
_NOT_PLACED = QBrush(QColor(NOT_PLACED_HATCH), Qt.BrushStyle.BDiagPattern)
_GAP = QBrush(QColor(GAP_BACKGROUND))
_NOT_YET = QBrush(QColor(NOT_YET_BACKGROUND))
_TOTALS = QBrush(QColor("#f2f5f7"))
_MUTED = QBrush(QColor(MUTED_INK))

COUNTED = MONTH_TOTAL_STATUSES
TOTAL_COLUMNS = len(COUNTED) + 2  # the counts, hours, rate


class MonthGridModel(QAbstractTableModel):
    """What each cell shows is worked out once per load (and per changed cell), not on every paint:
    data() runs for every role of every cell each time the grid is painted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: MonthGrid | None = None
        self.today = date.today()
        self._days: list[GridDay] = []
        self._people: list[GridPerson] = []
        self._present: list[int] = []
        self._total = MonthRow(0, "", "")
        self._looks: list[list[dict]] = []  # row → column → role → value
        self._open: list[list[bool]] = []
        self._headers: list[dict] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._small = QFont()
        self._small.setPointSizeF(max(6.5, self._small.pointSizeF() * 0.85))
        self._small_bold = QFont(self._small)
        self._small_bold.setBold(True)

    # -- content ------------------------------------------------------------------------------

    def set_grid(self, grid: MonthGrid, today: date) -> None:
        self.beginResetModel()
        self.grid, self.today = grid, today
        self._days, self._people = grid.days, grid.people
        self._present = [sum(1 for p in self._people if _is_present(p.cells.get(d.day))) for d in self._days]
        self._total = grid_totals(grid)
        # Days to come stay closed: 'present' cannot be known yet, and the rate counts working days up to today.
        self._open = [[day.working and day.day <= today and person.placed_on(day.day) for day in self._days]
                      for person in self._people]
        self._looks = [[self._day_look(row, column) for column in range(len(self._days))]
                       + self._totals_looks(person.totals, False) for row, person in enumerate(self._people)]
        self._looks.append([self._count_look(column) for column in range(len(self._days))]
                           + self._totals_looks(self._total, True))
        self._headers = [self._day_header(day) for day in self._days] + self._totals_headers()
        self.endResetModel()

    def person_at(self, row: int) -> GridPerson | None:
        return self._people[row] if 0 <= row < len(self._people) else None

    def day_at(self, column: int) -> GridDay | None:
        return self._days[column] if 0 <= column < len(self._days) else None

    def day_count(self) -> int:
        return len(self._days)

    def cell_at(self, row: int, column: int) -> Cell | None:
        person, day = self.person_at(row), self.day_at(column)
        return person.cells.get(day.day) if person and day else None

    def totals_of(self, row: int) -> MonthRow:
        """A person's month counts, or the whole workshop's for the last row."""
        person = self.person_at(row)
        return person.totals if person else self._total

    def is_editable(self, row: int, column: int) -> bool:
        """A working day up to today inside the person's placement; weekends, holidays and the rest are locked."""
        return 0 <= row < len(self._open) and 0 <= column < len(self._days) and self._open[row][column]

    def index_of(self, participant_id: int, day: date) -> QModelIndex:
        for row, person in enumerate(self._people):
            if person.participant_id == participant_id:
                for column, grid_day in enumerate(self._days):
                    if grid_day.day == day:
                        return self.index(row, column)
        return QModelIndex()

    def update_cell(self, row: int, column: int, cell: Cell | None) -> None:
        """One day changed: that cell, the person's totals and the day's count repaint; nothing reloads."""
        person, day = self._people[row], self._days[column]
        old = person.cells.pop(day.day, None)
        if cell is not None:
            person.cells[day.day] = cell
        working = counts_for_rate(person, day.day, self.today)
        recount(person.totals, old, cell, working=working)
        recount(self._total, old, cell, working=working)
        self._present[column] += _is_present(cell) - _is_present(old)
        days, bottom = len(self._days), len(self._people)
        self._looks[row][column] = self._day_look(row, column)
        self._looks[row][days:] = self._totals_looks(person.totals, False)
        self._looks[bottom][column] = self._count_look(column)
        self._looks[bottom][days:] = self._totals_looks(self._total, True)
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(row, column), self.index(row, column))
        self.dataChanged.emit(self.index(row, days), self.index(row, last))
        self.dataChanged.emit(self.index(bottom, column), self.index(bottom, column))
        self.dataChanged.emit(self.index(bottom, days), self.index(bottom, last))

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self._people) + 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self._days) + TOTAL_COLUMNS

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row, column = index.row(), index.column()
        if row < len(self._open) and column < len(self._days) and not self._open[row][column]:
            return _LOCKED
        return _OPEN

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role == _TOOLTIP or role == _ACCESSIBLE_DESCRIPTION:
            return self._tooltip(index.row(), index.column())
        if role == _ACCESSIBLE:
            return self.spoken(index.row(), index.column())
        return self._looks[index.row()][index.column()].get(role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if self.grid is None:
            return None
        if orientation == _HORIZONTAL:
            if role == _TOOLTIP or role == _ACCESSIBLE_DESCRIPTION:
                return self._column_tooltip(section)
            if role == _ACCESSIBLE:
                return self._column_spoken(section)
            return self._headers[section].get(role) if 0 <= section < len(self._headers) else None
        if role == _ACCESSIBLE:
            person = self.person_at(section)
            return f"{person.first_name} {person.last_name}" if person else _("Total")
        if role == _DISPLAY:
            person = self.person_at(section)
            return f"{person.last_name} {person.first_name}" if person else _("Total")
        if role == _ALIGNMENT:
            return _LEFT
        if role == _FONT and section == len(self._people):
            return self._bold
        if role == _TOOLTIP:
            person = self.person_at(section)
            if person is None:
                return _("Present each day; the totals of everyone")
            return f"{person.first_name} {person.last_name}"
        return None

    # -- looks --------------------------------------------------------------------------------

    def _day_look(self, row: int, column: int) -> dict:
        person, day = self._people[row], self._days[column]
        cell = person.cells.get(day.day)
        letter = cell.status.letter if cell else ""
        # UW in a smaller type, so that it keeps clear of the cell's edges
        look = {_ALIGNMENT: _CENTRED, _FONT: self._small_bold if len(letter) > 1 else self._bold, _DISPLAY: letter}
        if cell is not None:
            look[_BACKGROUND], look[_FOREGROUND] = _STATUS_BRUSHES[cell.status]
        elif not day.working:
            look[_BACKGROUND] = _DAY_OFF
        elif not person.placed_on(day.day):
            look[_BACKGROUND] = _NOT_PLACED
        elif day.day < self.today:
            look[_BACKGROUND] = _GAP
        elif day.day > self.today:
            look[_BACKGROUND] = _NOT_YET
        return look

    def _count_look(self, column: int) -> dict:
        count, day = self._present[column], self._days[column]
        shown = count or (day.working and day.day <= self.today)
        return {_DISPLAY: str(count) if shown else "", _ALIGNMENT: _CENTRED, _FONT: self._small,
                _BACKGROUND: _TOTALS if day.working else _DAY_OFF}

    def _totals_looks(self, totals: MonthRow, bottom: bool) -> list[dict]:
        texts = [str(totals.counts[status]) for status in COUNTED]
        texts += [format_number(totals.hours), format_percent(totals.rate)]
        looks = [{_DISPLAY: text, _ALIGNMENT: _RIGHT, _BACKGROUND: _TOTALS} for text in texts]
        if bottom:
            for look in looks:
                look[_FONT] = self._bold
        return looks

    def _day_header(self, day: GridDay) -> dict:
        look = {_DISPLAY: f"{day.day.day}\n{_weekday_letters()[day.day.weekday()]}",
                _FONT: self._small_bold if day.day == self.today else self._small}
        if not day.working:
            look[_FOREGROUND], look[_BACKGROUND] = _MUTED, _DAY_OFF
        return look

    def _totals_headers(self) -> list[dict]:
        texts = [status.letter for status in COUNTED]
        texts += [pgettext("short column", "Hours"), pgettext("short column", "Rate")]
        return [{_DISPLAY: text, _FONT: self._small_bold} for text in texts]

    def _tooltip(self, row: int, column: int) -> str | None:
        days = len(self._days)
        if column >= days:
            if column == days + len(COUNTED) + 1:
                return rate_explanation(self.totals_of(row))
            return None
        day = self._days[column]
        if row == len(self._people):
            count = self._present[column]
            return ngettext("{date}: {count} person present", "{date}: {count} people present", count).format(
                date=format_date(day.day, "full"), count=count)
        return _cell_tooltip(self._people[row], day, self._people[row].cells.get(day.day), self.today)

    def spoken(self, row: int, column: int) -> str | None:
        """A cell as a screen reader says it: whose, which day and the full status ('Anna Nowak, wtorek,
        3 listopada 2026: Obecny'), or whose and which total — never a bare letter under '1\nW'."""
        if not (0 <= row <= len(self._people) and 0 <= column < self.columnCount()):
            return None
        person = self.person_at(row)
        who = f"{person.first_name} {person.last_name}" if person else _("Total")
        if column < len(self._days):
            text = self._tooltip(row, column) or ""
        else:
            value = self._looks[row][column].get(_DISPLAY) or "—"
            text = _("{column}: {value}").format(column=self._column_spoken(column), value=value)
        return _("{name}, {text}").format(name=who, text=text.replace("\n", "; "))

    def _column_spoken(self, section: int) -> str | None:
        """A day's header in words ('1 listopada, środa'); a total's full name."""
        day = self.day_at(section)
        if day is not None:
            text = format_date(day.day, pgettext("date of a day's column, Babel pattern", "EEEE, d MMMM"))
            return _("{date}: {holiday}").format(date=text, holiday=day.holiday) if day.holiday else text
        which = section - len(self._days)
        if 0 <= which < len(COUNTED):
            return label(COUNTED[which])
        if which == len(COUNTED):
            return _("Hours")
        return _("Attendance rate") if which == len(COUNTED) + 1 else None

    def _column_tooltip(self, section: int) -> str | None:
        day = self.day_at(section)
        if day is not None:
            text = format_date(day.day, "full")
            return _("{date}: {holiday}").format(date=text, holiday=day.holiday) if day.holiday else text
        which = section - len(self._days)
        if which < len(COUNTED):
            return label(COUNTED[which])
        if which == len(COUNTED):
            return _("Hours")
        return _("Attendance rate: days present ÷ working days of the placement this month with an entry, up to "
                 "today; the days not entered yet are left out")


def rate_explanation(totals: MonthRow) -> str:
    """The rate's count in words: present of the days entered, and the working days not entered yet."""
    text = ngettext("Present on {present} of {days} working day entered so far",
                    "Present on {present} of {days} working days entered so far", totals.entered_days).format(
        present=totals.present, days=totals.entered_days)
    if not totals.not_entered_days:
        return text
    return f"{text}\n{not_entered_text(totals.not_entered_days)}"


def _weekday_letters() -> list[str]:
    """Monday's to Sunday's one-letter names in the UI language ('P W Ś C P S N')."""
    language = current_language()
    if language not in _WEEKDAY_LETTERS:
        monday = date(2024, 1, 1)
        _WEEKDAY_LETTERS[language] = [
            format_date(date.fromordinal(monday.toordinal() + offset), "EEEEE").upper() for offset in range(7)]
    return _WEEKDAY_LETTERS[language]


_WEEKDAY_LETTERS: dict[str, list[str]] = {}


def _is_present(cell: Cell | None) -> int:
    return 1 if cell is not None and cell.status in PRESENT_STATUSES else 0


def _cell_tooltip(person: GridPerson, day: GridDay, cell: Cell | None, today: date) -> str:
    when = format_date(day.day, "full")
    if cell is not None:
        text = _("{date}: {status}").format(date=when, status=label(cell.status))
        if cell.hours:
            text = _("{text}, {hours} h").format(text=text, hours=format_number(cell.hours))
        if day.holiday:
            text = _("{text} ({holiday})").format(text=text, holiday=day.holiday)
        return f"{text}\n{cell.remark}" if cell.remark else text
    if day.holiday:
        return _("{date}: {holiday}").format(date=when, holiday=day.holiday)
    if not day.working:
        return _("{date}: weekend").format(date=when)
    if not person.placed_on(day.day):
        return _("{date}: not placed in this workshop").format(date=when)
    if day.day > today:
        return when
    return _("{date}: not recorded").format(date=when)
