"""One table model for every list: columns described once, rows are service results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from reintegra.i18n import format_date
from reintegra.services.collation import polish_key

Row = TypeVar("Row")
_Index = QModelIndex | QPersistentModelIndex

# Looked up once: reading an enum member such as Qt.DisplayRole costs microseconds in PySide6, and
# data() is called for every cell on every repaint.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_SPOKEN = Qt.ItemDataRole.AccessibleTextRole
_HORIZONTAL = Qt.Orientation.Horizontal
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    value: Callable[[Row], Any]
    display: Callable[[Row], str] | None = None
    align_right: bool = False
    width: int | None = None
    # What a screen reader says where the cell or the header shows a code or a short form
    # ("WTZ", "5 / 8", a status's letter); the shown text otherwise.
    spoken: Callable[[Row], str] | None = None
    spoken_header: str | None = None

    def text(self, row: Row) -> str:
        if self.display is not None:
            return self.display(row)
        value = self.value(row)
        if value is None:
            return ""
        if isinstance(value, date):
            return format_date(value)
        return str(value)

    def sort_key(self, row: Row) -> Any:
        value = self.value(row)
        if value is None:
            return (0, ())
        if isinstance(value, str):
            return (1, polish_key(value))
        return (1, value)


_MUTED = QBrush(QColor("#7f8c8d"))


class RowsModel(QAbstractTableModel, Generic[Row]):
    """Rows (plain objects from a service) shown through a list of Columns."""

    def __init__(self, columns: Sequence[Column[Row]], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Row] = []
        self.muted: Callable[[Row], bool] = lambda row: False

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return self._rows

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == _DISPLAY:
            return column.text(row)
        if role == _ALIGNMENT and column.align_right:
            return _RIGHT_ALIGNED
        if role == _FOREGROUND and self.muted(row):
            return _MUTED
        if role == _SPOKEN and column.spoken is not None:
            return column.spoken(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == _HORIZONTAL and role == _DISPLAY:
            return self.columns[section].header
        if orientation == _HORIZONTAL and role == _SPOKEN:
            return self.columns[section].spoken_header
        return None


class RowsProxy(QSortFilterProxyModel):
    """Sorting by the columns' own keys (Polish order for text) and filtering by a predicate."""

    def __init__(self, source: RowsModel, parent=None):
        super().__init__(parent)
        self.setSourceModel(source)
        self._accepts: Callable[[Any], bool] | None = None

    def set_filter(self, accepts: Callable[[Any], bool] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._accepts = accepts
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._accepts = accepts
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._accepts is None:
            return True
        return self._accepts(self.sourceModel().row_at(source_row))

    def lessThan(self, left: _Index, right: _Index) -> bool:
        source: RowsModel = self.sourceModel()
        column = source.columns[left.column()]
        return column.sort_key(source.row_at(left.row())) < column.sort_key(source.row_at(right.row()))

    def row_at(self, proxy_row: int) -> Any:
        return self.sourceModel().row_at(self.mapToSource(self.index(proxy_row, 0)).row())
