"""The participants page's waiting list: its columns (application date, days waited, in application order)
and the actions on it — add an applicant, admit one, close an application (``services/waiting_list.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from reintegra.i18n import _, format_date, ngettext
from reintegra.services import labels
from reintegra.services.participants import Filter
from reintegra.services.waiting_list import WaitingRow
from reintegra.ui import messages
from reintegra.ui.dialogs.admit import AdmitDialog
from reintegra.ui.dialogs.applicant import ApplicantDialog
from reintegra.ui.dialogs.close_application import CloseApplicationDialog
from reintegra.ui.icons import icon
from reintegra.ui.models.table import Column

# The column the list is first sorted by: the application date, in the order people applied.
ORDER_COLUMN = 5


def waiting_columns() -> list[Column]:
    """As many columns as the participants list, so that its widths fit both."""
    return [
        Column(_("Surname"), lambda row: row.last_name),
        Column(_("First name"), lambda row: row.first_name),
        Column(_("PESEL"), lambda row: row.pesel),
        Column(_("Programme"), lambda row: row.programme.value, spoken=lambda row: labels.label(row.programme)),
        Column(_("Referred by"), lambda row: _referral(row)),
        Column(_("Application date"), lambda row: row.position,
               display=lambda row: format_date(row.application_date) if row.application_date else "—"),
        Column(_("Waiting"), lambda row: row.position, display=waiting_text),
    ]


def waiting_text(row: WaitingRow) -> str:
    if row.days_waited is None:
        return _("No application date")
    return ngettext("waiting {count} day", "waiting {count} days", row.days_waited).format(count=row.days_waited)


def _referral(row: WaitingRow) -> str:
    parts = [labels.label(row.referral) if row.referral else "", row.referral_institution]
    return " · ".join(part for part in parts if part)


class WaitingListActions:
    """Mixed into the participants page: the buttons and what they open. The page provides ``context``,
    ``may_admit``, ``status_filter``, ``open_dialog``, ``current_participant_id``, ``select_participant``
    and ``table``."""

    def build_waiting_buttons(self) -> QWidget:
        """A row of its own under the filters, shown with the waiting list (the header keeps the page narrow
        enough for small screens); Ctrl+Shift+N adds an applicant whatever the list shows."""
        self.applicant_button = QPushButton(icon("add-person"), _("Add a&pplicant…"))
        self.applicant_button.setToolTip(_("Put someone on the waiting list (Ctrl+Shift+N)"))
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+N"), self)
        shortcut.activated.connect(self.add_applicant)
        self.applicant_button.clicked.connect(self.add_applicant)
        self.admit_applicant_button = QPushButton(icon("edit"), _("A&dmit…"))
        self.admit_applicant_button.setToolTip(_("Admit the chosen applicant, with their data filled in"))
        self.admit_applicant_button.clicked.connect(self.admit_applicant)
        self.close_application_button = QPushButton(_("C&lose application…"))
        self.close_application_button.setToolTip(_("Take the chosen applicant off the waiting list, with the "
                                                   "reason"))
        self.close_application_button.clicked.connect(self.close_application)
        self.waiting_buttons = QWidget()
        row = QHBoxLayout(self.waiting_buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.applicant_button, self.admit_applicant_button, self.close_application_button):
            row.addWidget(button)
        row.addStretch(1)
        self.waiting_buttons.hide()
        return self.waiting_buttons

    def show_waiting_buttons(self, may_admit: bool, on_the_list: bool, chosen: bool) -> None:
        self.waiting_buttons.setVisible(may_admit and on_the_list)
        for button in (self.admit_applicant_button, self.close_application_button):
            button.setEnabled(chosen)

    def add_applicant(self) -> None:
        if not self.may_admit:
            return
        dialog = ApplicantDialog(self.context, self)
        if not self.open_dialog(dialog) or dialog.saved_id is None:
            return
        self.status_filter.setCurrentIndex(self.status_filter.findData(Filter.APPLICANTS))
        self.context.events.participants_changed.emit()
        self.select_participant(dialog.saved_id, reveal=True)
        self.table.setFocus()

    def admit_applicant(self) -> None:
        chosen = self.current_participant_id()
        if not self.may_admit or chosen is None:
            return
        dialog = AdmitDialog(self.context, self, applicant_id=chosen)
        # The admitted person leaves the list, which stays shown: the next one may be admitted too.
        if self.open_dialog(dialog, after=lambda saved: self.context.events.participants_changed.emit()):
            self.table.setFocus()
            if dialog.warnings:
                messages.info(self, "\n".join(dialog.warnings))

    def close_application(self) -> None:
        chosen = self.current_participant_id()
        if not self.may_admit or chosen is None:
            return
        dialog = CloseApplicationDialog(self.context, chosen, self)
        self.open_dialog(dialog, after=lambda saved: self.context.events.participants_changed.emit())
        self.table.setFocus()



def sort_for(on_the_list: bool) -> tuple[int, Qt.SortOrder]:
    """The waiting list in application order; the participants by surname."""
    return (ORDER_COLUMN, Qt.AscendingOrder) if on_the_list else (0, Qt.AscendingOrder)
