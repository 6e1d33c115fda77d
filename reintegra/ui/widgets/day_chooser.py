"""Which workshop and which day the daily log shows: a workshop list, a date field, and arrows.

The arrows ask for the previous or next step (``step``); the page decides what a step is
(a working day, or a month in the month view).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from reintegra.i18n import _
from reintegra.services.errors import ValidationError
from reintegra.ui import accessible
from reintegra.ui.widgets.date_field import DateField


class _WorkshopBox(QComboBox):
    """The workshop list. Arrows or the wheel on the closed list only browse (each workshop is shown, the
    focus stays); a choice from the open list, or Enter, is ``picked``: the page then focuses the grid."""

    picked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.browsing = False

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.view().isVisible():
            self.picked.emit()
            event.accept()
            return
        self.browsing = True
        try:
            super().keyPressEvent(event)
        finally:
            self.browsing = False

    def wheelEvent(self, event) -> None:
        self.browsing = True
        try:
            super().wheelEvent(event)
        finally:
            self.browsing = False


class DayChooser(QWidget):
    workshop_chosen = Signal(int)
    workshop_picked = Signal()  # chosen from the list (or Enter on it): the hands go back to the grid
    day_chosen = Signal(object)  # a date
    step = Signal(int)  # -1 back, +1 forward
    today_asked = Signal()
    bad_date = Signal(str)  # the sentence saying what is wrong with the typed date

    def __init__(self, parent=None):
        super().__init__(parent)
        self._day: date | None = None
        self.workshop = _WorkshopBox()
        self.workshop.setObjectName("daily-log-workshop")
        self.workshop.setMinimumContentsLength(12)
        self.workshop.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.workshop.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 22))
        self.workshop.currentIndexChanged.connect(self._workshop_changed)
        self.workshop.activated.connect(self._workshop_activated)
        self.workshop.picked.connect(self.workshop_picked)
        workshop_label = QLabel(_("&Workshop:"))
        workshop_label.setBuddy(self.workshop)
        accessible.name(self.workshop, workshop_label.text())  # on Linux a combo box is read by its value otherwise
        self.date = DateField()
        self.date.setObjectName("daily-log-date")
        self.date.setToolTip(_("The day shown; type a date and press Enter"))
        self.date.returnPressed.connect(self._date_typed)
        self.date.picked.connect(self._date_typed)
        day_label = QLabel(_("&Day:"))
        day_label.setBuddy(self.date)
        accessible.name(self.date, day_label.text())
        self.previous = QToolButton()
        self.previous.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous.setAccessibleName(_("Previous working day"))  # an arrow has no text to be read out
        self.previous.setToolTip(_("Previous working day (Alt+Left)"))
        self.previous.clicked.connect(lambda: self.step.emit(-1))
        self.next = QToolButton()
        self.next.setArrowType(Qt.ArrowType.RightArrow)
        self.next.setAccessibleName(_("Next working day"))
        self.next.setToolTip(_("Next working day (Alt+Right)"))
        self.next.clicked.connect(lambda: self.step.emit(1))
        self.today = QPushButton(_("Today"))
        self.today.setToolTip(_("Back to today (Alt+Home)"))
        self.today.clicked.connect(self.today_asked)
        for button in (self.previous, self.next, self.today):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._day_widgets = (day_label, self.previous, self.date, self.next, self.today)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(workshop_label)
        layout.addWidget(self.workshop)
        layout.addSpacing(12)
        layout.addWidget(day_label)
        layout.addWidget(self.previous)
        layout.addWidget(self.date)
        layout.addWidget(self.next)
        layout.addWidget(self.today)

    def set_workshops(self, choices: list[tuple[int, str]], chosen: int | None) -> None:
        self.workshop.blockSignals(True)
        self.workshop.clear()
        for workshop_id, name in choices:
            self.workshop.addItem(name, workshop_id)
        self.workshop.setCurrentIndex(max(0, self.workshop.findData(chosen)))
        self.workshop.blockSignals(False)
        self.workshop.setEnabled(bool(choices))

    def workshop_id(self) -> int | None:
        return self.workshop.currentData()

    def choose_workshop(self, workshop_id: int) -> None:
        index = self.workshop.findData(workshop_id)
        if index >= 0:
            self.workshop.setCurrentIndex(index)

    def set_day(self, day: date) -> None:
        self._day = day
        self.date.set_date(day)

    def show_day_controls(self, shown: bool) -> None:
        """The month view has its own month arrows: only the workshop stays."""
        for widget in self._day_widgets:
            widget.setVisible(shown)

    def _workshop_changed(self, index: int) -> None:
        if index >= 0:
            self.workshop_chosen.emit(self.workshop.itemData(index))

    def _workshop_activated(self, _index: int) -> None:
        if not self.workshop.browsing:  # after the list has closed and given the focus back to the box
            QTimer.singleShot(0, self.workshop_picked.emit)

    def _date_typed(self) -> None:
        try:
            day = self.date.date("day", required=True)
        except ValidationError as error:
            self.bad_date.emit(error.message)
            self.date.set_date(self._day)
            return
        self.day_chosen.emit(day)
