"""A table view whose last columns stay in place while the others scroll sideways (the month grid's totals).

The frozen columns are a second view laid over the right edge of the table's viewport, on the same model
and selection model (as in Qt's "Frozen Column" example, mirrored): the rows scroll together, the current
cell is one, and the keys stay with the table underneath, which still holds every column. The row headers
(the names) are the table's vertical header, which never scrolls sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView


_BORDER = 1  # the line between the scrolling columns and the frozen ones


class FrozenTailTable(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._frozen = 0
        self.tail = QTableView(self)
        self.tail.setObjectName("frozen-columns")
        self.tail.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys go to the table underneath
        self.tail.setFrameShape(QFrame.Shape.NoFrame)
        self.tail.verticalHeader().hide()
        self.tail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tail.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tail.setCornerButtonEnabled(False)
        self.tail.setAutoScroll(False)
        self.tail.setStyleSheet(f"QTableView#frozen-columns {{ border: none; border-left: {_BORDER}px solid #9aa5ad; }}")
        self.tail.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tail.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(lambda row, _old, size: self.tail.setRowHeight(row, size))
        self.horizontalScrollBar().valueChanged.connect(self._place_tail)
        self.verticalScrollBar().valueChanged.connect(self.tail.verticalScrollBar().setValue)
        self.tail.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.tail.viewport().installEventFilter(self)

    def setModel(self, model) -> None:
        super().setModel(model)
        self.tail.setModel(model)
        self.tail.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self._refreeze)
        model.layoutChanged.connect(self._refreeze)

    def setSelectionMode(self, mode) -> None:
        super().setSelectionMode(mode)
        self.tail.setSelectionMode(mode)

    def setItemDelegate(self, delegate) -> None:
        super().setItemDelegate(delegate)
        self.tail.setItemDelegate(type(delegate)(self.tail))

    def setTextElideMode(self, mode) -> None:
        super().setTextElideMode(mode)
        self.tail.setTextElideMode(mode)

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        self.tail.setWordWrap(on)

    # -- the frozen columns -------------------------------------------------------------------

    def freeze_last(self, count: int) -> None:
        """The last ``count`` columns stay at the right edge; call again after the columns change."""
        self._frozen = count
        self._refreeze()

    def first_frozen(self) -> int:
        model = self.model()
        return model.columnCount() - self._frozen if model is not None else 0

    def frozen_width(self) -> int:
        model = self.model()
        if model is None or not self._frozen:
            return 0
        return sum(self.columnWidth(column) for column in range(self.first_frozen(), model.columnCount()))

    def _refreeze(self) -> None:
        model = self.model()
        if model is None:
            return
        first = self.first_frozen()
        for column in range(model.columnCount()):
            self.tail.setColumnHidden(column, column < first)
            if column >= first:
                self.tail.setColumnWidth(column, self.columnWidth(column))
        rows = self.verticalHeader()
        self.tail.verticalHeader().setDefaultSectionSize(rows.defaultSectionSize())
        self.tail.setVisible(self._frozen > 0 and model.columnCount() > 0)
        self._place_tail()

    def _column_resized(self, column: int, _old: int, size: int) -> None:
        if self._frozen and column >= self.first_frozen():
            self.tail.setColumnWidth(column, size)
        self._place_tail()

    def _place_tail(self) -> None:
        """Over the right end of the viewport, or where the frozen columns are when everything fits."""
        if not self._frozen or self.model() is None:
            return
        viewport = self.viewport().geometry()
        header = self.horizontalHeader()
        width = self.frozen_width()
        where = self.columnViewportPosition(self.first_frozen())
        left = min(where, viewport.width() - width) if where >= 0 else viewport.width() - width
        left = max(0, left) - _BORDER  # its left border over the last pixel of the column before
        self.tail.horizontalHeader().setMinimumHeight(header.height())
        self.tail.setGeometry(viewport.x() + left, header.geometry().y(), min(width, viewport.width()) + _BORDER,
                              header.height() + viewport.height())
        self.tail.verticalScrollBar().setValue(self.verticalScrollBar().value())
        self.tail.raise_()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_tail()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_tail()

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """A cell of the scrolling columns is brought out from under the frozen ones; a frozen cell only
        scrolls the rows."""
        if not index.isValid():
            return
        bar = self.horizontalScrollBar()
        if self._frozen and index.column() >= self.first_frozen():
            keep = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(keep)
            return
        super().scrollTo(index, hint)
        if self._frozen:
            rect = self.visualRect(index)
            room = self.viewport().width() - self.frozen_width() - _BORDER
            if rect.right() >= room:
                bar.setValue(bar.value() + rect.right() - room + 1)
            elif rect.left() < 0:
                bar.setValue(bar.value() + rect.left())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tail.viewport() and event.type() == QEvent.Type.MouseButtonPress:
            self.setFocus(Qt.FocusReason.MouseFocusReason)  # a click on the totals: the keys come here
        return super().eventFilter(watched, event)
