"""The participants list as a model and a proxy, fast enough to filter a thousand rows per keystroke.

Painting a screenful of rows asks the model for seven roles of every cell; each question crosses
from C++ into Python. So the texts are worked out once when the rows arrive, the proxy answers
the questions itself (one call instead of the proxy's and the model's), and Qt's enum members are
looked up once here (``Qt.DisplayRole`` costs microseconds on every use).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from reintegra.services import labels
from reintegra.services.collation import polish_key
from reintegra.services.participants import ParticipantRow
from reintegra.ui.models.table import RowsModel, RowsProxy

PROGRAMME_COLUMN = 3
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
SPOKEN_ROLE = Qt.ItemDataRole.AccessibleTextRole
HORIZONTAL = Qt.Orientation.Horizontal
ROLES_ANSWERED = frozenset(int(role) for role in (DISPLAY_ROLE, FOREGROUND_ROLE, TOOLTIP_ROLE, SPOKEN_ROLE))
MUTED_BRUSH = QBrush(QColor("#7f8c8d"))
NO_PARENT = QModelIndex()
_FOLD = str.maketrans("ąćęłńóśźż", "acelnoszz")
_Index = QModelIndex | QPersistentModelIndex


def search_text(row: ParticipantRow) -> str:
    """What a search word is looked for in: the names and PESEL as written and without Polish
    letters, so that "lukasz" finds Łukasz while "łuk" still means Ł."""
    text = f"{row.last_name} {row.first_name} {row.pesel}".lower()
    return f"{text}\x00{text.translate(_FOLD)}"


class ParticipantsModel(RowsModel):
    """ParticipantRows with every cell's text worked out when they arrive; muted rows in grey."""

    _texts: list[tuple[str, ...]] = []
    _muted: list[bool] = []

    def set_rows(self, rows: Sequence[ParticipantRow]) -> None:
        self._texts = [tuple(column.text(row) for column in self.columns) for row in rows]
        self._muted = [self.muted(row) for row in rows]
        super().set_rows(rows)

    def cell(self, row: int, column: int, role: int) -> Any:
        if role == DISPLAY_ROLE:
            return self._texts[row][column]
        if role == FOREGROUND_ROLE:
            return MUTED_BRUSH if self._muted[row] else None
        if role == TOOLTIP_ROLE:
            if column == PROGRAMME_COLUMN:
                return labels.label(self.row_at(row).programme)
            return self._texts[row][column] or None  # the whole text, when a narrow window cuts it
        if role == SPOKEN_ROLE:
            spoken = self.columns[column].spoken
            return spoken(self.row_at(row)) if spoken is not None else None
        return None

    def index(self, row: int, column: int, parent: _Index = NO_PARENT) -> QModelIndex:
        # Qt's own asks rowCount and columnCount, in Python, for every index.
        if 0 <= row < len(self._texts) and 0 <= column < len(self.columns) and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        return self.cell(index.row(), index.column(), role) if index.isValid() else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:
        if orientation == HORIZONTAL and role == DISPLAY_ROLE:
            return self.columns[section].header
        if orientation == HORIZONTAL and role == SPOKEN_ROLE:
            return self.columns[section].spoken_header
        return None


class ParticipantsProxy(RowsProxy):
    """Filters by the search words, and sorts by reordering the rows themselves.

    The proxy keeps the rows' own order, so that a keystroke widening the search puts rows
    back without a single Python comparison; a click on a header sorts the rows once by
    Polish keys worked out once per row (surname and first name break ties).
    """

    def __init__(self, source: ParticipantsModel, parent=None):
        super().__init__(source, parent)
        self._source = source
        self._column = 0
        self._order = Qt.SortOrder.AscendingOrder
        self._haystacks: list[str] = []
        self._words: tuple[str, ...] = ()
        self._shown: list[bool] | None = None
        # Which source row each shown row is, as far as it was asked; forgotten on every change.
        self._source_rows: dict[int, int] = {}
        for signal in (self.rowsAboutToBeInserted, self.rowsInserted, self.rowsAboutToBeRemoved, self.rowsRemoved,
                       self.rowsAboutToBeMoved, self.rowsMoved, self.layoutAboutToBeChanged, self.layoutChanged,
                       self.modelAboutToBeReset, self.modelReset):
            signal.connect(self._forget_rows)

    def _forget_rows(self, *_args) -> None:
        self._source_rows.clear()

    def set_rows(self, rows: Sequence[ParticipantRow]) -> None:
        column = self._source.columns[self._column]
        ordered = sorted(rows, key=lambda row: polish_key(row.last_name, row.first_name))
        ordered.sort(key=lambda row: _sort_key(column.value(row)), reverse=self._order == Qt.SortOrder.DescendingOrder)
        self._haystacks = [search_text(row) for row in ordered]
        self._shown = self._match(self._words)
        self._source.set_rows(ordered)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            return
        self._column, self._order = column, Qt.SortOrder(order)
        self.set_rows(self._source.rows())

    def search(self, text: str) -> None:
        words = tuple(text.lower().split())
        if words == self._words:
            return
        self._words = words
        self._shown = self._match(words)
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def _match(self, words: tuple[str, ...]) -> list[bool] | None:
        if not words:
            return None
        return [all(word in haystack for word in words) for haystack in self._haystacks]

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        return self._shown is None or self._shown[source_row]

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        if role not in ROLES_ANSWERED or not index.isValid():  # font, alignment, icon… : Qt's defaults
            return None
        row = index.row()
        source_row = self._source_rows.get(row)
        if source_row is None:
            source_row = self._source_rows[row] = self.mapToSource(index).row()
        return self._source.cell(source_row, index.column(), role)

    def row_at(self, proxy_row: int) -> ParticipantRow:
        return self._source.row_at(self.mapToSource(self.index(proxy_row, 0)).row())

    def proxy_row_of(self, participant_id: int | None) -> int | None:
        for source_row, row in enumerate(self._source.rows()):
            if row.id == participant_id:
                index = self.mapFromSource(self._source.index(source_row, 0))
                return index.row() if index.isValid() else None
        return None


def _sort_key(value: Any) -> tuple:
    """Empty cells last; text in Polish alphabetical order."""
    if value is None or value == "":
        return (1,)
    if isinstance(value, str):
        return (0, polish_key(value))
    return (0, value)
