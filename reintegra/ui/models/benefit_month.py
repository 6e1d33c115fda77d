"""The CIS benefit of a month as a table: a row a person with the month's days by status, the stay's sick
days and days off against their limits, the benefit, the premium (typed in place) and the total.

The columns of the statuses follow the status table (``STATUSES``: those with a month-total column), headed
by their letters as on the paper sheets, with the full name in the tooltip and for screen readers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from reintegra.db.enums import MONTH_TOTAL_STATUSES, STATUSES
from reintegra.i18n import _
from reintegra.reports.benefit import money, stay_days
from reintegra.services import labels
from reintegra.services.benefit import BenefitRow, format_money

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
_TOOLTIP, _SPOKEN = Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole
_ALIGNMENT, _FOREGROUND = Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_OVER_LIMIT = QBrush(QColor("#a1261b"))
_SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

NAME = 0
FIRST_STATUS = 1
WORKING_DAYS = FIRST_STATUS + len(MONTH_TOTAL_STATUSES)
SICK_IN_STAY = WORKING_DAYS + 1
LEAVE_IN_STAY = SICK_IN_STAY + 1
BENEFIT = LEAVE_IN_STAY + 1
PREMIUM = BENEFIT + 1
TOTAL = PREMIUM + 1
COLUMNS = TOTAL + 1


def _headers() -> list[tuple[str, str]]:
    """(shown, whole) for each column: the short header and what it means."""
    statuses = [(STATUSES[status].letter, labels.label(status)) for status in MONTH_TOTAL_STATUSES]
    return [(_("Participant"), _("Participant")), *statuses,
            (_("Work. days"), _("Working days of the placements")),
            (_("Sick / limit"), _("Sick days in the stay / limit")),
            (_("Leave / limit"), _("Days off in the stay / limit")),
            (_("Benefit"), _("Benefit (zł)")), (_("Premium"), _("Premium (zł)")), (_("Total"), _("Total (zł)"))]


def over_limit(used: int, limit: int | None) -> bool:
    return limit is not None and used > limit


class BenefitMonthModel(QAbstractTableModel):
    """The month's rows; ``premium_typed(row, text)`` when a premium is typed (the view saves it and
    calls ``set_rows`` with what is saved, so a refused one shows its old value again)."""

    premium_typed = Signal(int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[BenefitRow] = []
        self._headers = _headers()
        self.editable = False  # premia can be typed in (a director, a month with a rule set)

    def set_rows(self, rows: list[BenefitRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[BenefitRow]:
        return self._rows

    def row_at(self, row: int) -> BenefitRow:
        return self._rows[row]

    def is_editable(self, row: int, column: int) -> bool:
        return (self.editable and column == PREMIUM and 0 <= row < len(self._rows)
                and self._rows[row].benefit is not None)

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMNS

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_editable(index.row(), index.column()):
            return _SHOWN | Qt.ItemFlag.ItemIsEditable
        return _SHOWN

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == _DISPLAY:
            return self._text(row, column)
        if role == _EDIT and column == PREMIUM:
            return money(row.premium) if row.premium else ""
        if role == _ALIGNMENT and column != NAME:
            return _CENTRE if column < SICK_IN_STAY else _RIGHT
        if role == _FOREGROUND and (
                (column == SICK_IN_STAY and over_limit(row.sick_days_used, row.sick_days_limit))
                or (column == LEAVE_IN_STAY and over_limit(row.days_off_used, row.days_off_limit))):
            return _OVER_LIMIT
        if role == _DECORATION and column == NAME and row.warnings:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _SPOKEN:
            return self._spoken(row, column)
        return None

    def _text(self, row: BenefitRow, column: int) -> str:
        if column == NAME:
            return f"{row.last_name} {row.first_name}"
        if column < WORKING_DAYS:
            return str(row.counts[MONTH_TOTAL_STATUSES[column - FIRST_STATUS]])
        if column == WORKING_DAYS:
            return str(row.working_days)
        if column == SICK_IN_STAY:
            return stay_days(row.sick_days_used, row.sick_days_limit)
        if column == LEAVE_IN_STAY:
            return stay_days(row.days_off_used, row.days_off_limit)
        if column == BENEFIT:
            return money(row.benefit)
        if column == PREMIUM:
            return money(row.premium) if row.premium else ""
        return money(row.total)

    def _tooltip(self, row: BenefitRow, column: int) -> str | None:
        if column == NAME:
            lines = [", ".join(row.workshops), *row.warnings]
            return "\n".join(line for line in lines if line)
        if column == PREMIUM and self.is_editable(self._rows.index(row), column):
            return _("Type the premium and press Enter; at most the month's benefit ({benefit}).").format(
                benefit=format_money(row.benefit))
        if column == BENEFIT and row.benefit is not None and row.placed_working_days < row.month_working_days:
            return _("Placed {placed} of the month's {days} working days: the amount is prorated.").format(
                placed=row.placed_working_days, days=row.month_working_days)
        if column in (SICK_IN_STAY, LEAVE_IN_STAY):
            return self._headers[column][1]
        return None

    def _spoken(self, row: BenefitRow, column: int) -> str:
        """The person and the column's whole name with the value: a letter header means nothing spoken."""
        name = f"{row.first_name} {row.last_name}"
        if column == NAME:
            if row.warnings:
                return _("{name}; warnings: {warnings}").format(name=name, warnings=" ".join(row.warnings))
            return name
        value = self._text(row, column) or _("none")
        return _("{name}, {column}: {value}").format(name=name, column=self._headers[column][1], value=value)

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not self.is_editable(index.row(), index.column()):
            return False
        self.premium_typed.emit(index.row(), str(value))
        return False  # nothing changes until the view has saved it and set the rows again

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role == _DISPLAY:
            return self._headers[section][0]
        if role in (_TOOLTIP, _SPOKEN):
            return self._headers[section][1]
        if role == _ALIGNMENT and section != NAME:
            return _CENTRE if section < SICK_IN_STAY else _RIGHT
        return None

