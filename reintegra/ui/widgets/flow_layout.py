"""Pieces that give way on a small screen instead of widening the window: a row of widgets (buttons,
filters) that wraps onto more lines when narrow, as words do (after Qt's Flow Layout example), and
panes side by side that stack when there is no room for both."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QSplitter, QWidget


class FlowLayout(QLayout):
    """Lays its items left to right and starts a new line where the next one no longer fits; as
    narrow as its widest item. ``align_right`` packs each line against the right edge (a row of
    buttons under a form). ``line_spacing`` is the gap between lines (``spacing`` by default)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, align_right: bool = False,
                 line_spacing: int | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_spacing = spacing if line_spacing is None else line_spacing
        self._align_right = align_right
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def spacing(self) -> int:
        return self._spacing

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
        """All on one line."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest item: everything else wraps."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins: QMargins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._shown():
            size = item.sizeHint().boundedTo(QSize(area.width(), 1 << 20)).expandedTo(item.minimumSize())
            if lines[-1] and x + size.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, size))
            x += size.width() + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(size.height() for _item, size in line)
            used = sum(size.width() for _item, size in line) + self._spacing * (len(line) - 1)
            x = area.x() + (area.width() - used if self._align_right else 0)
            if move:
                for item, size in line:
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                    x += size.width() + self._spacing
            y += height + self._line_spacing
        return y - self._line_spacing - area.y() + margins.top() + margins.bottom() if y > area.y() else 0


def captioned(caption: str, field: QWidget) -> QWidget:
    """A caption and its field kept together on one line of a FlowLayout (the caption is the field's buddy)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(caption)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    holder.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
    return holder


def flow_row(*widgets: QWidget, align_right: bool = False) -> QWidget:
    """The widgets in a FlowLayout of their own, as one widget to put in a box layout: its height
    follows the lines it needs at its width."""
    holder = QWidget()
    flow = FlowLayout(holder, align_right=align_right)
    for widget in widgets:
        flow.addWidget(widget)
    policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder


def stack_when_narrow(splitter: QSplitter) -> None:
    """The splitter's panes side by side while both fit at their preferred widths, one above the other
    when not: the splitter asks only for the widest pane's width."""
    splitter.installEventFilter(_Stacker(splitter))
    _Stacker.fit(splitter, splitter.width())


def _least_width(widget: QWidget) -> int:
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


class _Stacker(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Resize, QEvent.LayoutRequest):
            self.fit(watched, watched.width())
        return False

    @staticmethod
    def fit(splitter: QSplitter, width: int) -> None:
        panes = [splitter.widget(index) for index in range(splitter.count())]
        panes = [pane for pane in panes if not pane.isHidden()]
        splitter.setMinimumWidth(max((_least_width(pane) for pane in panes), default=0))
        # Side by side only with room for each pane's preferred width: squeezed to their minimums
        # (tables' wrapped columns a word wide, buttons on three lines) they read worse than stacked.
        side_by_side = (sum(max(_least_width(pane), pane.sizeHint().width()) for pane in panes)
                        + splitter.handleWidth() * (len(panes) - 1))
        orientation = Qt.Horizontal if width >= side_by_side else Qt.Vertical
        if splitter.orientation() != orientation:
            splitter.setOrientation(orientation)


class Reflow(QWidget):
    """Its parts side by side when they fit at their preferred widths, one above the other when not
    (a page's header: the title, then its buttons on a line of their own on a small screen)."""

    def __init__(self, *parts: QWidget, spacing: int = 12, stretches: tuple[int, ...] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtWidgets import QBoxLayout

        self._parts = parts
        self._box = QBoxLayout(QBoxLayout.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        stretches = stretches or (1,) + (0,) * (len(parts) - 1)  # the first part takes the room left
        for part, stretch in zip(parts, stretches):
            self._box.addWidget(part, stretch)

    def minimumSizeHint(self) -> QSize:
        shown = [part for part in self._parts if not part.isHidden()]
        margins = self._box.contentsMargins()
        width = max((_least_width(part) for part in shown), default=0) + margins.left() + margins.right()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        from PySide6.QtWidgets import QBoxLayout

        shown = [part for part in self._parts if not part.isHidden()]
        margins = self._box.contentsMargins()
        needed = (sum(part.sizeHint().width() for part in shown) + self._box.spacing() * max(0, len(shown) - 1)
                  + margins.left() + margins.right())
        direction = QBoxLayout.LeftToRight if event.size().width() >= needed else QBoxLayout.TopToBottom
        if self._box.direction() != direction:
            self._box.setDirection(direction)
        super().resizeEvent(event)
