"""Closing an application without an admission: the day and the reason (``waiting_list.close_application``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from reintegra.db.enums import ExitReason
from reintegra.i18n import _, format_date
from reintegra.services import participants, waiting_list
from reintegra.services.labels import label
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form, Typed


class CloseApplicationDialog(QDialog):
    """Takes one applicant off the waiting list; ``conflict`` is True when it closed for a reload."""

    def __init__(self, context: AppContext, participant_id: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.participant_id = participant_id
        self.conflict = False
        with context.read() as session:
            person = participants.get_participant(session, participant_id, actor=context.actor(session))
            self.version, name, applied = person.version, person.full_name, person.application_date
        self.setWindowTitle(_("Close the application of {name}").format(name=name))
        self.setMinimumWidth(480)
        about = QLabel(_("{name} applied on {date}. A closed application leaves the waiting list; it is not "
                         "counted as an exit.").format(name=name, date=format_date(applied) or "—"))
        about.setWordWrap(True)
        about.setProperty("role", "hint")
        self.form = Form()
        self.form.layout_.setContentsMargins(0, 0, 0, 0)
        self.closing_date = self.form.add("exit_date", _("Closed &on:"), DateField(date.today()))
        self.reason = self.form.add("reason", _("&Reason:"), QComboBox())
        self.reason.addItem(_("Choose…"), None)
        for reason in waiting_list.CLOSING_REASONS:
            self.reason.addItem(label(reason), reason)
        self.notes = self.form.add("notes", _("&Notes:"), QPlainTextEdit())
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Close application"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.reason.setFocus()
        self.form.live(self.check)

    def check(self) -> None:
        """Raises every error of what is typed: a date that is not one, then the waiting list's rules."""
        typed = Typed()
        closing_date = typed.read(lambda: self.closing_date.date("exit_date", required=True))
        data = self.reason.currentData()
        with self.context.read() as session:
            typed.rule(waiting_list.check_closing, session, self.participant_id, closing_date,
                       ExitReason(data) if data else None, actor=self.context.actor(session))
        typed.raise_any()

    def save(self) -> None:
        if self.form.refused(self.check):
            return
        closing_date = self.closing_date.date("exit_date", required=True)
        data = self.reason.currentData()
        reason = ExitReason(data) if data else None  # Qt hands str-enum data back as plain str
        save_in_dialog(self, self.form.show_error, lambda session, actor: waiting_list.close_application(
            session, self.participant_id, self.version, closing_date, reason, notes=self.notes.toPlainText(),
            actor=actor))
