"""The daily log's table: status keys, the status chips, and hours typed straight in.

A status letter (see ``ui/status_keys.py``) or Delete is handed to the page with ``status_key``;
Enter or F2 edits hours or remark; a digit starts typing the hours. Recorded days show a coloured
chip with the letter; days not recorded yet say so in grey italics, so that nobody takes them
for an absence.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

from reintegra.db.enums import STATUSES, AttendanceStatus
from reintegra.db.models import AttendanceDay
from reintegra.services.labels import brief_label, label
from reintegra.services.validation import max_length
from reintegra.ui.attendance_look import GRID_COLOR, MUTED_INK, STATUS_COLORS
from reintegra.ui.models.day_sheet import BRIEF_ROLE, HOURS, NAME, REMARK, STATUS, STATUS_ROLE, DaySheetModel
from reintegra.ui.status_keys import StatusKeys

MAX_REMARK = max_length(AttendanceDay, "remark")
_HOURS_KEYS = set("0123456789,.")
REFUSED_EDITOR_STYLE = "border: 2px solid #b3261e; background: #fdecea;"


CURRENT_FRAME = "#0b4f8a"  # the cell Enter, a digit or a letter goes to: strong enough beside any chip
CURRENT_FRAME_IDLE = "#7d8a94"  # the same cell while the grid has not the focus


def draw_current_frame(painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
    """A 2-pixel frame around the view's current cell, whatever the selection colour of the style."""
    view = option.widget
    if not isinstance(view, QAbstractItemView):
        return
    current = view.currentIndex()
    if not current.isValid() or (current.row(), current.column()) != (index.row(), index.column()):
        return
    focused = view.hasFocus() or view.state() == QAbstractItemView.State.EditingState
    painter.save()
    pen = QPen(QColor(CURRENT_FRAME if focused else CURRENT_FRAME_IDLE), 2)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRect(option.rect).adjusted(1, 1, -1, -1))
    painter.setPen(QPen(QColor("#ffffff"), 1))  # a white line inside: the frame shows on a dark selection too
    painter.drawRect(QRect(option.rect).adjusted(2, 2, -3, -3))
    painter.restore()


class FramedDelegate(QStyledItemDelegate):
    """Any cell, with the current one framed (see ``draw_current_frame``)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        draw_current_frame(painter, option, index)


class StatusDelegate(QStyledItemDelegate):
    """A status as a rounded chip: the paper letter in bold, then its name — the short one
    ('Nieobecn. nieuspr.') when the full one does not fit, rather than cutting off the word that matters."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        raw = index.data(STATUS_ROLE)  # Qt hands a str-enum back as plain str
        status = AttendanceStatus(raw) if raw else None
        base = QStyleOptionViewItem(option)
        self.initStyleOption(base, index)
        base.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, base, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = option.rect.adjusted(4, 3, -4, -3)
        metrics = option.fontMetrics
        text = self.fitting_text(index, option.rect.width(), metrics)
        if status is None:
            font = QFont(option.font)
            font.setItalic(True)
            painter.setFont(font)
            selected = option.state & QStyle.StateFlag.State_Selected
            painter.setPen(option.palette.highlightedText().color() if selected else QColor(MUTED_INK))
            painter.drawText(area.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, text)
        else:
            background, ink = STATUS_COLORS[status]
            bold = QFont(option.font)
            bold.setBold(True)
            letter_width = chip_letter_width(metrics)
            width = min(area.width(), letter_width + metrics.horizontalAdvance(text) + 14)
            chip = QRect(area.left(), area.top(), width, area.height())
            painter.setPen(QPen(QColor(GRID_COLOR)))
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor(ink))
            painter.setFont(bold)
            painter.drawText(QRect(chip.left(), chip.top(), letter_width, chip.height()),
                             Qt.AlignmentFlag.AlignCenter, status.letter)
            painter.setFont(option.font)
            rest = QRect(chip.left() + letter_width, chip.top(), chip.width() - letter_width - 6, chip.height())
            painter.drawText(rest, Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()
        draw_current_frame(painter, option, index)

    @staticmethod
    def fitting_text(index: QModelIndex, cell_width: int, metrics) -> str:
        """The status name shown in a cell ``cell_width`` wide: the full one, else the short one, else
        the short one elided (the full one is always in the tooltip)."""
        full, brief = index.data(), index.data(BRIEF_ROLE) or index.data()
        # The cell's margins, then the chip's letter and the padding around its text (see paint).
        room = cell_width - 8 - (chip_letter_width(metrics) + 14 if index.data(STATUS_ROLE) else 4)
        for text in (full, brief):
            if metrics.horizontalAdvance(text) <= room:
                return text
        return metrics.elidedText(brief, Qt.TextElideMode.ElideRight, max(room, 0))


def chip_letter_width(metrics) -> int:
    """The room of the letter at the chip's left: as wide for every status, so that the names line up."""
    return max(*(metrics.horizontalAdvance(info.letter) for info in STATUSES.values()), 18) + 8


class TextDelegate(FramedDelegate):
    """Hours and remark: a plain line editor; the remark at most as long as the service takes.

    Enter (or Tab) writes the value; when the page refuses it (text in the hours, 25 hours …) the editor
    stays open with what was typed, selected, and the reason beside it, to be corrected or Escaped."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == REMARK:
            editor.setMaxLength(MAX_REMARK)
        return editor

    def eventFilter(self, editor, event) -> bool:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            index = self.parent().currentIndex()  # given up: the saved value is shown again
            if index.isValid() and isinstance(index.model(), DaySheetModel):
                index.model().drop_unsaved(index.row(), index.column())
        if event.type() == QEvent.Type.KeyPress and event.key() in keys and isinstance(editor, QLineEdit):
            view = self.parent()
            index = view.currentIndex()
            model = view.model()
            if index.isValid() and isinstance(model, DaySheetModel):
                self.setModelData(editor, model, index)
                refused = model.unsaved(index.row(), index.column())
                if refused is None:
                    editor.setStyleSheet("")
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                elif view.state() == QAbstractItemView.State.EditingState:
                    reason = model.refusal(index.row(), index.column())
                    editor.setStyleSheet(REFUSED_EDITOR_STYLE)
                    editor.setToolTip(reason)
                    editor.selectAll()
                    QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), reason, editor)
                return True
        return super().eventFilter(editor, event)


class DayGrid(QTableView):
    # row, AttendanceStatus or status_keys.CLEAR, whether it amends the row the last key went to (U then W)
    status_key = Signal(int, object, bool)
    locked_key = Signal()  # a status key or an edit on a day that is not open for recording

    def __init__(self, model: DaySheetModel, parent=None):
        super().__init__(parent)
        self.keys = StatusKeys()
        self.setModel(model)
        self.setObjectName("daily-log-grid")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)  # keys: see keyPressEvent
        self.setTabKeyNavigation(False)  # Tab leaves the grid for the day log, as in a form
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setItemDelegate(FramedDelegate(self))  # the name column: framed when current too
        self.setItemDelegateForColumn(STATUS, StatusDelegate(self))
        self.setItemDelegateForColumn(HOURS, TextDelegate(self))
        self.setItemDelegateForColumn(REMARK, TextDelegate(self))
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 14)
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        for column, mode in ((NAME, QHeaderView.ResizeMode.Interactive), (STATUS, QHeaderView.ResizeMode.Fixed),
                             (HOURS, QHeaderView.ResizeMode.Fixed), (REMARK, QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        header.setMinimumSectionSize(metrics.horizontalAdvance("M" * 4))
        header.setHighlightSections(False)
        # Widths from the font; a narrow window takes from the name and the status first (see _fit_columns).
        self._name_width = metrics.horizontalAdvance("Wiśniewska-Kowalczyk Małgorzata") + 24
        # As wide as the longest status name, and never narrower than the longest short one.
        chip = chip_letter_width(metrics) + 8 + 14 + 2
        self._status_width = max(metrics.horizontalAdvance(label(status)) for status in STATUSES) + chip
        self._brief_width = max(metrics.horizontalAdvance(brief_label(status)) for status in STATUSES) + chip
        self._narrow = metrics.horizontalAdvance("M" * 10)
        header.resizeSection(HOURS, max(metrics.horizontalAdvance(model.headerData(HOURS, Qt.Horizontal)),
                                        metrics.horizontalAdvance("00,00")) + 28)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        free = self.viewport().width() - header.sectionSize(HOURS) - self._narrow  # the remark keeps some room
        status = max(self._narrow, self._brief_width, min(self._status_width, free * 2 // 5))
        name = max(self._narrow, min(self._name_width, free - status))
        header.resizeSection(STATUS, status)
        header.resizeSection(NAME, name)

    def day_model(self) -> DaySheetModel:
        return self.model()

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def go_to_row(self, row: int, column: int | None = None) -> None:
        if not 0 <= row < self.model().rowCount():
            return
        column = self.currentIndex().column() if column is None and self.currentIndex().isValid() else column
        index = self.model().index(row, column if column is not None else STATUS)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def next_row(self) -> None:
        self.go_to_row(min(self.current_row() + 1, self.model().rowCount() - 1))

    def edit_cell(self, column: int, event=None) -> bool:
        """Opens the editor of hours or remark in the current row; False when that cell is closed."""
        row = self.current_row()
        if row < 0:
            return False
        if not self.day_model().is_editable(row, column):
            self.locked_key.emit()
            return False
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.edit(index)  # the public edit() returns nothing: the state tells whether an editor opened
        if self.state() != QAbstractItemView.State.EditingState:
            return False
        editor = QApplication.focusWidget()
        if event is not None and isinstance(editor, QLineEdit):  # the digit typed replaces the hours shown
            QApplication.sendEvent(editor, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))
        return True

    def keyPressEvent(self, event) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        row = self.current_row()
        target = self.day_model().row_at(row).participant_id if row >= 0 else None
        status = self.keys.status_for(event, target)
        if status is not None and row >= 0:
            if not self.day_model().editable:
                self.keys.forget()
                self.locked_key.emit()
            else:
                self.status_key.emit(row, status, self.keys.amends_previous)
            event.accept()
            return
        no_modifiers = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and no_modifiers and row >= 0:
            column = self.currentIndex().column()
            self.edit_cell(column if column in (HOURS, REMARK) else HOURS)
            event.accept()
            return
        if event.text() and event.text() in _HOURS_KEYS and no_modifiers and row >= 0:
            self.edit_cell(HOURS, event)
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.keys.forget()  # a click in between: a W after it is a day off, not the end of UW
        super().mousePressEvent(event)

    def focusOutEvent(self, event) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.keys.forget()
        super().focusOutEvent(event)

    def event(self, event) -> bool:
        # Letters are status keys here, so they must not become shortcuts of the window first.
        if event.type() == QEvent.Type.ShortcutOverride and self.state() != QAbstractItemView.State.EditingState:
            if not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier) \
                    and event.text():
                event.accept()
                return True
        return super().event(event)
