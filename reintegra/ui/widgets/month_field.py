"""A month: the month's name and the year, side by side."""

from __future__ import annotations

from datetime import date

from babel.dates import get_month_names
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from reintegra.i18n import _, locale_name


class MonthField(QWidget):
    def __init__(self, year: int, month: int, parent=None):
        super().__init__(parent)
        self.month = QComboBox()
        names = get_month_names("wide", context="stand-alone", locale=locale_name())
        for number in range(1, 13):
            self.month.addItem(names[number].capitalize(), number)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setGroupSeparatorShown(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.month)
        layout.addWidget(self.year)
        layout.addStretch(1)
        self.setFocusProxy(self.month)
        self.set_month(year, month)

    def setAccessibleName(self, name: str) -> None:
        """Qt's own name: the month and the year say whose they are."""
        super().setAccessibleName(name)
        self.month.setAccessibleName(_("{field}: month").format(field=name))
        self.year.setAccessibleName(_("{field}: year").format(field=name))

    def set_month(self, year: int, month: int) -> None:
        self.year.setValue(year)
        self.month.setCurrentIndex(month - 1)

    def value(self) -> tuple[int, int]:
        return self.year.value(), self.month.currentData()


def previous_month(today: date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
