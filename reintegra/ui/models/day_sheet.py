"""The daily log's grid: one row per person placed in the workshop that day — name, status, hours, remark.

The model only shows; what is typed into hours or remark is handed to the page (``edited``),
which writes it through the attendance service and puts the stored row back with ``replace``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from reintegra.i18n import _, format_number
from reintegra.services.attendance import DayRow
from reintegra.services.labels import brief_label, label
from reintegra.ui.attendance_look import DAY_OFF_BACKGROUND, MUTED_INK

NAME, STATUS, HOURS, REMARK = range(4)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # the AttendanceStatus (or None) for the status chip
BRIEF_ROLE = Qt.ItemDataRole.UserRole + 2  # the status's short label, for a narrow status column

_Index = QModelIndex | QPersistentModelIndex
# Looked up once: reading a Qt enum member costs microseconds in PySide6 and data() runs per cell per paint.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_HORIZONTAL = Qt.Orientation.Horizontal
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SHOWN | Qt.ItemFlag.ItemIsEditable
_DAY_OFF = QBrush(QColor(DAY_OFF_BACKGROUND))
_MUTED = QBrush(QColor(MUTED_INK))
_UNSAVED = QBrush(QColor("#b3261e"))  # typed, refused, waiting for another try


class DaySheetModel(QAbstractTableModel):
    edited = Signal(int, int, str)  # row, column (HOURS or REMARK), the text typed

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[DayRow] = []
        self._unsaved: dict[tuple[int, int], str] = {}  # (row, column) → refused text, shown for another try
        self._reasons: dict[tuple[int, int], str] = {}  # (row, column) → the sentence saying why
        self.editable = True
        self._headers = [_("Participant"), _("Status"), _("Hours"), _("Remark")]

    def set_rows(self, rows: list[DayRow], editable: bool) -> None:
        self.beginResetModel()
        self._rows, self.editable = list(rows), editable
        self._unsaved.clear()
        self._reasons.clear()
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, REMARK))

    def rows(self) -> list[DayRow]:
        return self._rows

    def row_at(self, row: int) -> DayRow:
        return self._rows[row]

    def row_of(self, participant_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.participant_id == participant_id:
                return number
        return None

    def keep_unsaved(self, number: int, column: int, text: str, reason: str = "") -> None:
        """Shows ``text`` typed in a cell and refused (and why), so that it can be corrected and tried again."""
        self._unsaved[(number, column)] = text
        self._reasons[(number, column)] = reason
        self.dataChanged.emit(self.index(number, column), self.index(number, column))

    def unsaved(self, number: int, column: int) -> str | None:
        return self._unsaved.get((number, column))

    def drop_unsaved(self, number: int, column: int) -> None:
        """The refused text given up (Escape): the stored value is shown again."""
        self._reasons.pop((number, column), None)
        if self._unsaved.pop((number, column), None) is not None:
            self.dataChanged.emit(self.index(number, column), self.index(number, column))

    def refusal(self, number: int, column: int) -> str:
        """Why the text kept in that cell was refused."""
        return self._reasons.get((number, column)) or _("Not saved: correct it and press Enter again.")

    def replace(self, number: int, row: DayRow) -> None:
        self._rows[number] = row
        for column in (HOURS, REMARK):
            self._unsaved.pop((number, column), None)
            self._reasons.pop((number, column), None)
        self.dataChanged.emit(self.index(number, 0), self.index(number, REMARK))

    def is_editable(self, row: int, column: int) -> bool:
        """Hours of anyone (typing hours records 'present'); a remark once the day has a status."""
        if not self.editable or not 0 <= row < len(self._rows):
            return False
        return column == HOURS or (column == REMARK and self._rows[row].status is not None)

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _EDITABLE if self.is_editable(index.row(), index.column()) else _SHOWN

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        unsaved = self._unsaved.get((index.row(), column)) if self._unsaved else None
        if unsaved is not None:
            if role in (_DISPLAY, _EDIT):
                return unsaved
            if role == _FOREGROUND:
                return _UNSAVED
            if role == _TOOLTIP:
                reason = self._reasons.get((index.row(), column))
                hint = _("Not saved: correct it and press Enter again.")
                return f"{reason}\n{hint}" if reason else hint
        if role == _DISPLAY:
            if column == NAME:
                return f"{row.last_name} {row.first_name}"
            if column == STATUS:
                return label(row.status) if row.status is not None else _("not recorded")
            if column == HOURS:
                return format_number(row.hours) if row.hours is not None else ""
            return row.remark
        if role == STATUS_ROLE:
            return row.status
        if role == BRIEF_ROLE:
            return brief_label(row.status) if row.status is not None else _("not recorded")
        if role in (_ACCESSIBLE, _ACCESSIBLE_DESCRIPTION):
            return self._spoken(row, column, role)
        if role == _EDIT:
            if column == HOURS:
                return format_number(row.hours) if row.hours is not None else ""
            return row.remark if column == REMARK else None
        if role == _ALIGNMENT and column == HOURS:
            return _RIGHT
        if role == _BACKGROUND and not self.editable:
            return _DAY_OFF
        if role == _FOREGROUND and not self.editable:
            return _MUTED
        if role == _TOOLTIP:
            if column == NAME:
                return f"{row.first_name} {row.last_name}"
            if column == STATUS:  # the full name when the column shows the short one
                return label(row.status) if row.status is not None else _("not recorded")
            if column == REMARK and row.remark:
                return row.remark
        return None

    def _spoken(self, row: DayRow, column: int, role: int) -> str:
        """What a screen reader says of a cell: the person and the full status, not a chip's letter."""
        name = f"{row.first_name} {row.last_name}"
        status = label(row.status) if row.status is not None else _("not recorded")
        if role == _ACCESSIBLE_DESCRIPTION:
            return _("{name}: {status}").format(name=name, status=status)
        if column == NAME:
            return name
        if column == STATUS:
            return _("{name}: {status}").format(name=name, status=status)
        if column == HOURS:
            return _("{name}, hours: {hours}").format(
                name=name, hours=format_number(row.hours) if row.hours is not None else _("none"))
        return _("{name}, remark: {remark}").format(name=name, remark=row.remark or _("none"))

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not self.is_editable(index.row(), index.column()):
            return False
        self.edited.emit(index.row(), index.column(), str(value))
        return False  # nothing changes until the page has written it and calls replace()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == _HORIZONTAL and role == _DISPLAY:
            return self._headers[section]
        if orientation == _HORIZONTAL and role == _ALIGNMENT and section == HOURS:
            return _RIGHT
        return None
