"""A date field that may be empty: typed in the language's one date pattern (DD.MM.YYYY / DD/MM/YYYY, see
i18n.date_pattern), or picked from a calendar in the UI language."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QToolButton, QWidgetAction

from reintegra.i18n import _, date_placeholder, format_date, locale_name
from reintegra.services.validation import parse_date
from reintegra.ui.icons import icon


class DateField(QLineEdit):
    picked = Signal()

    def __init__(self, value: date | None = None, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(date_placeholder())
        self.setMaxLength(10)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00.00.00000") + 40)
        action = self.addAction(icon("daily-log"), QLineEdit.TrailingPosition)
        action.setText(_("Choose a date from the calendar"))
        action.setToolTip(_("Choose a date from the calendar (Alt+Down)"))
        action.triggered.connect(self._show_calendar)
        self.calendar_button = next(
            (button for button in self.findChildren(QToolButton) if button.defaultAction() is action), None)
        if self.calendar_button is not None:  # the icon Qt puts in the field: named for screen readers
            self.calendar_button.setAccessibleName(action.text())
        self.set_date(value)

    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value) if value else "")

    def date(self, field: str = "date", *, required: bool = False) -> date | None:
        """The typed date; raises ValidationError (with ``field``) on a bad one."""
        return parse_date(field, self.text(), required=required)

    def keyPressEvent(self, event) -> None:
        # Alt+Down opens the calendar from the keyboard, as it does a combo box's list.
        if event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier:
            self._show_calendar()
            return
        super().keyPressEvent(event)

    def _show_calendar(self) -> None:
        calendar = QCalendarWidget()
        calendar.setLocale(QLocale(locale_name()))  # day and month names in the UI language, not the system's
        calendar.setGridVisible(True)
        calendar.setAccessibleName(_("Calendar"))
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
        menu.aboutToShow.connect(lambda: calendar.setFocus(Qt.PopupFocusReason))
        menu.exec(self.mapToGlobal(self.rect().bottomLeft()))
