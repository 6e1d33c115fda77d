"""Where a participant went after the exit: the fields of the exit form, and a dialog to correct them."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout

from reintegra.db.enums import ContractType
from reintegra.db.models import Participant
from reintegra.i18n import _, format_date
from reintegra.services import participants
from reintegra.services.labels import choices, label
from reintegra.services.validation import max_length
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.widgets.form import Form


def add_destination_fields(form: Form) -> tuple[QLineEdit, QComboBox, QPlainTextEdit]:
    """Adds "where to", the contract and the notes to ``form`` (fields destination, contract_type, notes)."""
    destination = form.add("destination", _("&Where to:"), QLineEdit())
    destination.setMaxLength(max_length(Participant, "exit_destination"))
    destination.setPlaceholderText(_("Employer, social cooperative or institution (optional)"))
    contract_type = form.add("contract_type", _("&Contract:"), QComboBox())
    contract_type.addItem(_("None or not known"), None)
    for contract, text in choices(ContractType):
        contract_type.addItem(text, contract)
    notes = form.add("notes", _("&Notes:"), QPlainTextEdit())
    notes.setTabChangesFocus(True)
    notes.setFixedHeight(90)
    return destination, contract_type, notes


def chosen_contract(combo: QComboBox) -> ContractType | None:
    data = combo.currentData()
    return ContractType(data) if data else None  # Qt hands str-enum data back as plain str


class ExitDetailsDialog(QDialog):
    """Corrects the destination, contract and notes of a recorded exit (not its date or reason).

    ``conflict`` is True after the dialog closes when another computer changed the participant first.
    """

    def __init__(self, context: AppContext, participant_id: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.participant_id = participant_id
        self.conflict = False
        with context.read() as session:
            person = participants.get_participant(session, participant_id, actor=context.actor(session))
            self.version = person.version
            name, exit_date, reason = person.full_name, person.exit_date, person.exit_reason
            destination, contract, notes = person.exit_destination, person.exit_contract_type, person.exit_notes
        self.setWindowTitle(_("Exit details of {name}").format(name=name))
        self.setMinimumWidth(520)
        about = QLabel(_("{name} left on {date} ({reason}). To change the date or the reason, reopen the "
                         "participation and record the exit again.").format(
            name=name, date=format_date(exit_date), reason=label(reason) or "—"))
        about.setWordWrap(True)
        about.setProperty("role", "hint")
        self.form = Form()
        self.form.layout_.setContentsMargins(0, 0, 0, 0)
        self.destination, self.contract_type, self.notes = add_destination_fields(self.form)
        self.destination.setText(destination)
        self.contract_type.setCurrentIndex(max(0, self.contract_type.findData(contract)))
        self.notes.setPlainText(notes)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.destination.setFocus()

    def save(self) -> None:
        self.form.clear_errors()
        save_in_dialog(self, self.form.show_error, lambda session, actor: participants.update_exit_details(
            session, self.participant_id, self.version, destination=self.destination.text(),
            contract_type=chosen_contract(self.contract_type), notes=self.notes.toPlainText(), actor=actor),
            close_when_gone=False)
