"""The line that lists the recent days whose attendance was not entered; a day is a link to it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel

from reintegra.i18n import _, format_day_month, ngettext

LISTED = 8  # the most recent ones; the count says how many there are in all


class GapsLine(QLabel):
    day_chosen = Signal(object)  # a date

    def __init__(self, parent=None):
        super().__init__(parent)
        self.days: list[date] = []
        self.setObjectName("daily-log-gaps")
        # Clicked, not tabbed through: each day would be a Tab stop between the chooser and the grid.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setToolTip(_("Click a day to enter it (Ctrl+G goes to the earliest)"))
        self.linkActivated.connect(lambda link: self.day_chosen.emit(date.fromisoformat(link)))
        self.hide()

    def set_days(self, days: list[date]) -> None:
        self.days = list(days)
        links = ", ".join(f'<a href="{day.isoformat()}">{format_day_month(day)}</a>' for day in days[-LISTED:])
        if len(days) > LISTED:
            links = "…, " + links
        self.setText(ngettext("Attendance not entered: {count} day — {days}",
                              "Attendance not entered: {count} days — {days}", len(days)).format(
            count=len(days), days=links))
        self.setVisible(bool(days))
