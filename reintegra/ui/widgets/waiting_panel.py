"""The waiting list's figures for the start page (a director's or an administrator's): how many wait now,
the median and the longest wait (``waiting_list.waiting_figures``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from reintegra.i18n import _, format_number, ngettext
from reintegra.services import waiting_list
from reintegra.ui.context import AppContext

NO_VALUE = "—"


def days_text(days: float | None) -> str:
    if days is None:
        return NO_VALUE
    count = int(days) if days == int(days) else 2  # a half day (a median) takes the plural of "2"
    return ngettext("{count} day", "{count} days", count).format(count=format_number(days))


class WaitingPanel(QWidget):
    """``refresh(day)`` reads the figures as on that day."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        title = QLabel(_("Waiting list"))
        title.setProperty("role", "section-title")
        self.setToolTip(_("Applicants who applied and are neither admitted nor is their application closed; a wait "
                          "runs from the application date to today."))
        self.waiting = QLabel(NO_VALUE)
        self.waiting.setObjectName("applicants-waiting")
        self.median = QLabel(NO_VALUE)
        self.median.setObjectName("median-wait")
        self.longest = QLabel(NO_VALUE)
        self.longest.setObjectName("longest-wait")
        figures = QFormLayout()
        figures.setContentsMargins(0, 0, 0, 0)
        figures.addRow(_("Waiting now:"), self.waiting)
        figures.addRow(_("Median wait:"), self.median)
        figures.addRow(_("Longest wait:"), self.longest)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addLayout(figures)

    def refresh(self, day: date) -> None:
        with self.context.read() as session:
            figures = waiting_list.waiting_figures(session, day, actor=self.context.actor(session))
        self.waiting.setText(format_number(figures.applicants_waiting))
        self.median.setText(days_text(figures.median_wait_days))
        self.longest.setText(days_text(figures.longest_wait_days))
