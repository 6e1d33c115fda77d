"""A date field that may be empty: typed as DD.MM.YYYY, or picked from a calendar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidgetAction

from reintegra.i18n import _
from reintegra.services.validation import parse_date
from reintegra.ui.icons import icon


class DateField(QLineEdit):
    picked = Signal()

    def __init__(self, value: date | None = None, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(_("DD.MM.YYYY"))
        self.setMaxLength(10)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00.00.00000") + 40)
        action = self.addAction(icon("daily-log"), QLineEdit.TrailingPosition)
        action.setText(_("Choose a date from the calendar"))
        action.setToolTip(action.text())
        action.triggered.connect(self._show_calendar)
        self.set_date(value)

    def set_date(self, value: date | None) -> None:
        self.setText(value.strftime("%d.%m.%Y") if value else "")

    def date(self, field: str = "date", *, required: bool = False) -> date | None:
        """The typed date; raises ValidationError (with ``field``) on a bad one."""
        return parse_date(field, self.text(), required=required)

    def _show_calendar(self) -> None:
        calendar = QCalendarWidget()
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.Monday)
        try:
            current = self.date()
        except Exception:
            current = None
        if current:
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(qdate: QDate) -> None:
            self.set_date(date(qdate.year(), qdate.month(), qdate.day()))
            menu.close()
            self.picked.emit()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        menu.exec(self.mapToGlobal(self.rect().bottomLeft()))
