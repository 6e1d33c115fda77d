"""The start page's tree: one group per kind of reminder, its lines below it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from reintegra.i18n import _
from reintegra.services.reminders import Reminder, ReminderKind, Reminders
from reintegra.ui import reminder_texts

_Index = QModelIndex | QPersistentModelIndex
_GROUP = 0  # internalId of a group row; a line's internalId is its group's row + 1
OVERDUE = QBrush(QColor("#b3261e"))
COLUMNS = 3


class RemindersModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = date.today()
        self._groups: list[tuple[ReminderKind, list[Reminder]]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_reminders(self, reminders: Reminders) -> None:
        self.beginResetModel()
        self.today = reminders.today
        self._groups = [(kind, items) for kind, items in reminders.items.items() if items]
        self.endResetModel()

    def reminder(self, index: _Index) -> Reminder | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def kind_of_group(self, row: int) -> ReminderKind:
        return self._groups[row][0]

    def group_count(self) -> int:
        return len(self._groups)

    # -- QAbstractItemModel -------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return (_("Who or where"), _("What"), _("When"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            kind, items = self._groups[index.row()]
            if role == Qt.DisplayRole and index.column() == 0:
                return f"{reminder_texts.group_title(kind)} ({len(items)})"
            if role == Qt.FontRole:
                return self._bold
            if role == Qt.ToolTipRole:
                return reminder_texts.action_text(kind)
            return None
        item = self.reminder(index)
        if role == Qt.DisplayRole:
            column = index.column()
            if column == 0:
                return item.name
            if column == 1:
                return reminder_texts.what_text(item)
            return reminder_texts.when_text(item, self.today)
        if role == Qt.ForegroundRole and index.column() == 2 and item.is_overdue(self.today):
            return OVERDUE
        if role == Qt.ToolTipRole:
            if index.column() == 1:  # the whole text, when a narrow column cuts it
                return f"{reminder_texts.what_text(item)}\n{reminder_texts.action_text(item.kind)}"
            return reminder_texts.action_text(item.kind)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable
