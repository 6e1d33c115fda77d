"""Recording what a follow-up contact after an exit found, correcting it, or clearing it."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)
from sqlalchemy.orm import Session

from reintegra.db.enums import EmploymentStatus
from reintegra.db.models import FollowUp, User
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import follow_ups
from reintegra.services.follow_ups import FollowUpRow
from reintegra.services.labels import choices
from reintegra.services.validation import max_length
from reintegra.ui import messages
from reintegra.ui.tab_order import buttons_as_laid_out
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form, Typed


class FollowUpDialog(QDialog):
    """One follow-up contact of ``name``: date, what it found, the employer and a note.

    A contact already recorded is shown for correction, with a button to clear it. After the
    dialog closes, ``conflict`` is True when another computer changed or removed the contact first
    (the caller reloads).
    """

    def __init__(self, context: AppContext, row: FollowUpRow, *, name: str, employer_hint: str = "",
                 today: date | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.row = row
        self.conflict = False
        recorded = row.contact_date is not None
        self.setWindowTitle(_("Follow-up contact with {name}").format(name=name))
        self.setMinimumWidth(520)
        about = QLabel(ngettext(
            "The contact {count} month after the exit on {exit_date}, due on {due_date}.",
            "The contact {count} months after the exit on {exit_date}, due on {due_date}.",
            row.months_after).format(count=row.months_after, exit_date=format_date(row.exit_date),
                                     due_date=format_date(row.due_date)))
        about.setWordWrap(True)

        self.form = Form()
        self.form.layout_.setContentsMargins(0, 0, 0, 0)
        self.contact_date = self.form.add("contact_date", _("Contact &date:"),
                                          DateField(row.contact_date or today or date.today()))
        self.status = self.form.add("employment_status", _("What it &found:"), QComboBox())
        self.status.addItem(_("Choose…"), None)
        for status, text in choices(EmploymentStatus):
            self.status.addItem(text, status)
        if row.employment_status is not None:
            self.status.setCurrentIndex(self.status.findData(row.employment_status))
        self.employer = self.form.add("employer", _("&Employer:"), QLineEdit(row.employer or employer_hint))
        self.employer.setMaxLength(max_length(FollowUp, "employer"))
        self.employer.setPlaceholderText(_("Employer, social cooperative or ZAZ (optional)"))
        self.employer.setToolTip(_("Kept only when the person works."))
        self.note = self.form.add("note", _("&Note:"), QPlainTextEdit(row.note))
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(_("Who was reached and how, what they said"))
        self.note.setFixedHeight(80)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Save changes") if recorded else _("Record contact"))
        self.save_button.setToolTip(_("Save (Ctrl+Enter)"))
        self.clear_button = buttons.addButton(_("C&lear contact…"), QDialogButtonBox.ResetRole)
        self.clear_button.setToolTip(_("Clear a contact recorded by mistake: the follow-up is shown as not "
                                       "made again."))
        self.clear_button.setVisible(recorded)
        buttons_as_laid_out(buttons)
        self.clear_button.clicked.connect(self.clear)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        (self.contact_date if not recorded else self.status).setFocus()
        self.form.live(self.check)

    def chosen_status(self) -> EmploymentStatus | None:
        data = self.status.currentData()
        return EmploymentStatus(data) if data else None  # Qt hands str-enum data back as plain str

    def _status_changed(self, *_args) -> None:
        status = self.chosen_status()
        self.employer.setEnabled(status is not None and status.is_employed)

    def check(self) -> None:
        """Raises every error of what is typed: a date that is not one, then the follow-up rules."""
        typed = Typed()
        contact_date = typed.read(lambda: self.contact_date.date("contact_date", required=True))
        with self.context.read() as session:
            typed.rule(follow_ups.check_contact, session, self.row.id, contact_date, self.chosen_status(),
                       self.employer.text() if self.employer.isEnabled() else "", self.note.toPlainText(),
                       actor=self.context.actor(session))
        typed.raise_any()

    def save(self) -> None:
        if self.form.refused(self.check):
            return
        save_in_dialog(self, self.form.show_error, self._write)

    def _write(self, session: Session, actor: User | None) -> None:
        contact_date = self.contact_date.date("contact_date", required=True)
        follow_ups.record_contact(session, self.row.id, self.row.version, contact_date, self.chosen_status(),
                                  self.employer.text() if self.employer.isEnabled() else "", self.note.toPlainText(),
                                  actor=actor)

    def clear(self) -> None:
        question = _("Clear the contact of {date}? The follow-up is shown as not made again and what it found "
                     "is removed.").format(date=format_date(self.row.contact_date))
        if not messages.confirm(self, question, yes=_("Clear contact")):
            return
        # Clearing has no field to point at: whatever is refused is said in a message box.
        save_in_dialog(self, lambda error: False, lambda session, actor: follow_ups.clear_contact(
            session, self.row.id, self.row.version, actor=actor))
