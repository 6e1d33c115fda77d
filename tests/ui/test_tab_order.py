"""Tab follows the eye in every dialog: from the first field, each Tab goes to the next control on
the same line to the right, or down to the next line; a form laid out in two columns is read
column by column (the left one first). Dialogs come from the shared catalogue, tests/ui/screens.py."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.screens import administrator_context, demo_ids, every_dialog, opened

TOLERANCE = 4  # pixels: a control a little off a line (a check box beside an edit) is on that line


@dataclass(frozen=True)
class Stop:
    """A Tab stop and where it is, in the dialog's coordinates."""

    widget: QWidget
    left: int
    top: int
    right: int
    bottom: int

    @classmethod
    def of(cls, widget: QWidget, dialog: QWidget) -> Stop:
        corner = widget.mapTo(dialog, QPoint(0, 0))
        return cls(widget, corner.x(), corner.y(), corner.x() + widget.width(), corner.y() + widget.height())

    def name(self) -> str:
        text = ""
        for getter in ("accessibleName", "text", "placeholderText", "currentText", "windowTitle", "title"):
            value = getattr(self.widget, getter, None)
            if callable(value):
                try:
                    text = value()
                except TypeError:
                    continue
                if text:
                    break
        name = self.widget.objectName()
        return (f"{type(self.widget).__name__} {name!r} " if name else f"{type(self.widget).__name__} ") + \
            f"“{text}” at ({self.left},{self.top})"

    def above(self, other: Stop) -> bool:
        """Wholly above ``other``: on an earlier line."""
        return self.bottom <= other.top + TOLERANCE

    def holds(self, other: Stop) -> bool:
        """``other`` lies inside this one (a scroll area around a form)."""
        return self.widget.isAncestorOf(other.widget)

    def left_of(self, other: Stop) -> bool:
        return self.right <= other.left + TOLERANCE


def tab_stops(dialog: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in its order: what Qt's focusNextChild would reach."""
    stops: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog and len(stops) < 1000:
        if (widget.window() is dialog and widget.focusPolicy() & Qt.TabFocus == Qt.TabFocus
                and widget.isVisibleTo(dialog) and widget.isEnabled() and widget.focusProxy() is None
                and widget not in stops):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def from_the_first(stops: list[Stop]) -> list[Stop]:
    """Tab goes round a ring: read it from the stop the eye meets first (the top one, the left one
    of a line), so that its one way back up is from the last stop to the first."""
    first = min(stops, key=lambda stop: (stop.top, stop.left), default=None)
    start = stops.index(first) if first is not None else 0
    return stops[start:] + stops[:start]


def order_violations(dialog: QWidget) -> list[str]:
    """Each Tab that goes back up (except to the top of the next column of a two-column form) or
    back left on the same line."""
    stops = from_the_first([Stop.of(widget, dialog) for widget in tab_stops(dialog)])
    found = []
    for number, (before, after) in enumerate(zip(stops, stops[1:]), start=1):
        if after.above(before):
            # The top of a next column: everything reached so far is above it or left of it.
            if after.left >= before.right - TOLERANCE and all(
                    earlier.above(after) or earlier.left_of(after) or earlier.holds(after)
                    for earlier in stops[:number]):
                continue
            found.append(f"Tab {number}: up from {before.name()} to {after.name()}")
        elif not before.above(after) and after.right <= before.left + TOLERANCE:
            found.append(f"Tab {number}: left on one line from {before.name()} to {after.name()}")
    return found


def test_tab_follows_the_visual_order_in_every_dialog(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    ids = demo_ids(context)
    problems = []
    for name, make in every_dialog(context, ids):
        with opened(make) as dialog:
            qtbot.waitExposed(dialog)
            problems += [f"{name}: {violation}" for violation in order_violations(dialog)]
    assert not problems, "Tab order against the eye:\n" + "\n".join(problems)


def test_the_check_finds_a_tab_order_against_the_eye(qtbot):
    """The check itself: three edits one under the other, Tab from the top one to the bottom one and
    then back up to the middle one, is caught."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    dialog = QWidget()
    qtbot.addWidget(dialog)
    top, middle, bottom = QLineEdit(), QLineEdit(), QLineEdit()
    layout = QVBoxLayout(dialog)
    for edit in (top, middle, bottom):
        layout.addWidget(edit)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert order_violations(dialog) == []
    QWidget.setTabOrder(top, bottom)
    QWidget.setTabOrder(bottom, middle)
    violations = order_violations(dialog)
    assert len(violations) == 1 and "up from" in violations[0], violations
