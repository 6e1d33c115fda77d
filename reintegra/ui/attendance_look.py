"""How attendance looks wherever it is shown: status colours, day-off shading and the legend."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget

from reintegra.db.enums import STATUSES
from reintegra.i18n import _
from reintegra.services.labels import label

# Pale background and dark letter for each status: the colours of ``db.enums.STATUSES``.
STATUS_COLORS = {status: info.colour for status, info in STATUSES.items()}
DAY_OFF_BACKGROUND = "#e6e9ec"
NOT_PLACED_HATCH = "#d5dbe0"  # thin diagonal lines over days outside a placement
GAP_BACKGROUND = "#fff3d6"  # a past working day with nothing recorded
NOT_YET_BACKGROUND = "#f5f7f8"  # a working day still to come
GRID_COLOR = "#c9d1d7"
MUTED_INK = "#5f6b73"


def legend_text() -> str:
    """'O – present   U – excused absence …' on one line."""
    return "   ".join(
        _("{letter} – {status}").format(letter=status.letter, status=label(status).lower())
        for status in STATUSES)


class StatusLegend(QWidget):
    """The letters as small coloured chips, each followed by its meaning; on as many lines as the width
    needs (at 1024 px the six do not fit on one)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = FlowLayout(self, spacing=12)
        for status in STATUSES:
            background, ink = STATUS_COLORS[status]
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            chip = QLabel(status.letter)
            chip.setStyleSheet(f"background: {background}; color: {ink}; font-weight: 600; "
                               f"border: 1px solid {GRID_COLOR}; border-radius: 3px; padding: 0 4px;")
            meaning = QLabel(label(status).lower())
            meaning.setProperty("role", "hint")
            row.addWidget(chip)
            row.addWidget(meaning)
            layout.addWidget(pair)


class FlowLayout(QLayout):
    """Widgets side by side, going on to the next line when the width runs out (Qt's flow layout example)."""

    def __init__(self, parent=None, *, spacing: int = 8, line_spacing: int = 2):
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self._items: list[QLayoutItem] = []
        self._spacing, self._line_spacing = spacing, line_spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._line_spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()
