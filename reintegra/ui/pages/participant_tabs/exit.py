"""The participant's exit tab: record the exit, or see it with its follow-up contacts — record what
each contact found, correct where the person went, or reopen the participation."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import ExitReason, Role
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import follow_ups, participants
from reintegra.services.errors import NotFoundError, PermissionDenied, ReintegraError, ValidationError
from reintegra.services.follow_ups import FollowUpRow, FollowUpState
from reintegra.services.labels import choices, label
from reintegra.services.validation import Checks
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.exit_details import ExitDetailsDialog, add_destination_fields, chosen_contract
from reintegra.ui.dialogs.follow_up import FollowUpDialog
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.pages.participant_tabs.base import ParticipantTab
from reintegra.ui.pages.participant_tabs.exit_certificate import CertificateBox
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form

FORM_WIDTH = 640
DUE_COLOR = "#b3261e"


class FollowUpsModel(RowsModel):
    """Follow-up rows; a contact that is due and not made yet in red, the contact's note as a tooltip."""

    def __init__(self, columns, parent=None):
        super().__init__(columns, parent)
        self.today = date.today()

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.ForegroundRole and index.isValid():
            if self.row_at(index.row()).state(self.today) is FollowUpState.DUE:
                return QBrush(QColor(DUE_COLOR))
        if role == Qt.ToolTipRole and index.isValid():
            return self.row_at(index.row()).note or None
        return super().data(index, role)


class ExitTab(ParticipantTab):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self._version: int | None = None
        self._name = ""
        self._exit_date: date | None = None
        self._exit_reason: ExitReason | None = None
        self._destination = ""
        self._may_edit = may_edit = context.can(Role.DIRECTOR)

        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        hint_page = QWidget()
        hint_layout = QVBoxLayout(hint_page)
        hint_layout.addWidget(self.hint)
        hint_layout.addStretch(1)

        self.stack = QStackedWidget()
        self.stack.addWidget(hint_page)
        self.stack.addWidget(self._build_form_page(may_edit))
        self.stack.addWidget(self._build_record_page(may_edit))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _build_form_page(self, may_edit: bool) -> QWidget:
        title = QLabel(_("Record the exit"))
        title.setProperty("role", "section-title")
        self.form_intro = QLabel()
        self.form_intro.setProperty("role", "hint")
        self.form_intro.setWordWrap(True)
        self.form = Form()
        self.form.layout_.setContentsMargins(0, 0, 0, 0)
        self.exit_date = self.form.add("exit_date", _("Exit &date:"), DateField(date.today()))
        self.reason = self.form.add("reason", _("&Reason:"), QComboBox())
        self.reason.addItem(_("Choose the reason…"), None)
        for reason, text in choices(ExitReason):
            self.reason.addItem(text, reason)
        self.destination, self.contract_type, self.exit_notes = add_destination_fields(self.form)
        self.form.live(self.check_exit)
        self.exit_button = QPushButton(_("Record exit…"))
        self.exit_button.clicked.connect(self.record_exit)
        self.exit_button.setEnabled(may_edit)
        if not may_edit:
            self.exit_button.setToolTip(_("Only a director records exits."))
        return _page(title, self.form_intro, self.form, _button_row(self.exit_button))

    def _build_record_page(self, may_edit: bool) -> QWidget:
        title = QLabel(_("Exit recorded"))
        title.setProperty("role", "section-title")
        self.recorded: dict[str, QLabel] = {}
        facts = QFormLayout()
        for key, caption in (("date", _("Exit date:")), ("reason", _("Reason:")), ("destination", _("Where to:")),
                             ("contract", _("Contract:")), ("notes", _("Notes:"))):
            value = QLabel()
            value.setObjectName(f"recorded-{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            facts.addRow(caption, value)
            self.recorded[key] = value
        follow_title = QLabel(_("Follow-up contacts"))
        follow_title.setProperty("role", "section-title")
        self.follow_intro = QLabel()
        self.follow_intro.setProperty("role", "hint")
        self.follow_intro.setWordWrap(True)
        self.follow_model = FollowUpsModel([
            Column(_("After"), lambda row: row.months_after, display=_months_text),
            Column(_("Due"), lambda row: row.due_date),
            Column(_("Contact made"), lambda row: row.contact_date),
            Column(_("Status"), lambda row: _follow_up_text(row, self.follow_model.today)),
            Column(_("Employer"), lambda row: row.employer),
        ], self)
        self.follow_table = QTableView()
        accessible.name(self.follow_table, _("Follow-up contacts"))
        self.follow_table.setModel(self.follow_model)
        self.follow_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.follow_table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.follow_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.follow_table.setTabKeyNavigation(False)
        self.follow_table.verticalHeader().hide()
        self.follow_table.setAlternatingRowColors(True)
        self.follow_table.setWordWrap(False)
        header = self.follow_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(self.follow_model.columns) - 1, QHeaderView.Stretch)
        self.reopen_button = QPushButton(_("Reopen participation…"))
        self.reopen_button.setToolTip(_("Undo the exit, for example when it was recorded by mistake."))
        self.reopen_button.clicked.connect(self.reopen)
        self.reopen_button.setEnabled(may_edit)
        self.details_button = QPushButton(_("Edit exit &details…"))
        self.details_button.setToolTip(_("Edit where the person went, the contract and the notes."))
        self.details_button.clicked.connect(self.edit_details)
        self.details_button.setVisible(may_edit)
        self.contact_button = QPushButton(_("Record &contact…"))
        self.contact_button.setToolTip(_("Record what the chosen follow-up contact found (Enter or double-click)."))
        self.contact_button.clicked.connect(self.record_contact)
        self.contact_button.setVisible(may_edit)
        self.follow_table.activated.connect(self.record_contact)
        self.follow_table.selectionModel().currentRowChanged.connect(self._update_buttons)
        holder = QWidget()
        holder.setLayout(facts)
        facts.setContentsMargins(0, 0, 0, 8)
        self.certificate_box = CertificateBox(self)
        return _page(title, holder, _button_row(self.details_button, self.reopen_button), follow_title,
                     self.follow_intro, self.follow_table, _button_row(self.contact_button), self.certificate_box)

    # -- reading -----------------------------------------------------------------------------

    def load(self, participant_id: int) -> None:
        # Another tab saved something: what was typed into the exit form of the same person stays.
        keep_typed = participant_id == self.participant_id and self.stack.currentIndex() == 1
        self.participant_id = participant_id
        self.follow_model.today = date.today()
        try:
            with self.context.read() as session:
                person = participants.get_participant(session, participant_id, actor=self.context.actor(session))
                self._version, self._name, self._exit_date = person.version, person.full_name, person.exit_date
                self._exit_reason, self._destination = person.exit_reason, person.exit_destination
                programme = person.programme
                admitted = participants.state_of(person, date.today()).admitted
                recorded = {
                    "date": format_date(person.exit_date), "reason": label(person.exit_reason),
                    "destination": person.exit_destination or "—",
                    "contract": label(person.exit_contract_type) or "—", "notes": person.exit_notes or "—",
                }
                planned = (follow_ups.follow_ups_of(session, participant_id, exit_date=person.exit_date,
                                                     actor=self.context.actor(session))
                           if person.exit_date else [])
        except (NotFoundError, PermissionDenied) as error:
            self._show_hint(error.message)
            return
        if not admitted and self._exit_date is not None:
            self._show_hint(_("The application of {name} was closed on {date} ({reason}); {name} was never "
                              "admitted, so there is no exit to record.").format(
                name=self._name, date=recorded["date"], reason=recorded["reason"]))
        elif not admitted:
            self._show_hint(_("{name} is on the waiting list and has not been admitted yet; an exit can be "
                              "recorded only for an admitted participant.").format(name=self._name))
        elif self._exit_date is None:
            self._show_form(keep_typed)
        else:
            self._show_record(recorded, planned)
            self.certificate_box.load(participant_id, self._name, programme)

    def _show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.stack.setCurrentIndex(0)

    def _show_form(self, keep_typed: bool = False) -> None:
        if not keep_typed:
            self.form.clear_errors()
            self.exit_date.set_date(date.today())
            self.reason.setCurrentIndex(0)
            self.destination.clear()
            self.contract_type.setCurrentIndex(0)
            self.exit_notes.clear()
        self.form_intro.setText(_(
            "When {name} leaves the facility, record the date and the reason. Open placements end on that day, "
            "and follow-up contacts are planned 3, 6 and 12 months later.").format(name=self._name))
        self.stack.setCurrentIndex(1)

    def _show_record(self, recorded: dict[str, str], planned: list[FollowUpRow]) -> None:
        for key, text in recorded.items():
            self.recorded[key].setText(text)
        chosen = self.selected_follow_up()
        self.follow_model.set_rows(planned)
        # The same contact stays chosen after a reload; else the one to make next, else the first.
        target = next((row for row in planned if chosen is not None and row.id == chosen.id), None)
        target = target or follow_ups.next_contact(planned) or next(iter(planned), None)
        if target is not None:
            self._choose(target)
        self._update_buttons()
        self.follow_table.setVisible(bool(planned))
        if planned:
            self.follow_intro.setText(_("Contacts with {name} after the exit, to learn whether they work or study."
                                        ).format(name=self._name))
        else:
            self.follow_intro.setText(_("No follow-up contacts are planned after this exit."))
        rows_height = sum(self.follow_table.rowHeight(row) for row in range(len(planned)))
        self.follow_table.setFixedHeight(self.follow_table.horizontalHeader().sizeHint().height() + rows_height + 4)
        self.stack.setCurrentIndex(2)

    # -- changing ----------------------------------------------------------------------------

    def _typed_exit(self) -> tuple[date | None, ExitReason | None]:
        """The exit date (raises ValidationError for one that is not a date) and the reason chosen."""
        exit_date = self.exit_date.date("exit_date", required=True)
        # Qt hands str-enum item data back as plain strings.
        return exit_date, ExitReason(self.reason.currentData()) if self.reason.currentData() else None

    def check_exit(self) -> None:
        """What recording the exit would refuse, every field at once (the service's check, writing nothing)."""
        checks = Checks()
        exit_date, reason = None, None
        with checks.field():
            exit_date, reason = self._typed_exit()
        reason = ExitReason(self.reason.currentData()) if self.reason.currentData() else None
        with checks.field():
            with self.context.read() as session:
                participants.check_exit(session, self.participant_id, exit_date, reason,
                                        destination=self.destination.text(), expected_version=self._version,
                                        actor=self.context.actor(session))
        if checks.failed("exit_date"):  # a date that is not one: the service's "required" says nothing more
            first = next(error for error in checks.errors if error.field == "exit_date")
            checks.errors = [error for error in checks.errors if error.field != "exit_date" or error is first]
        checks.raise_any()

    def record_exit(self) -> None:
        self.form.clear_errors()
        # The question comes only once the input is right: a refusal after "yes" would waste the answer.
        ask = True
        try:
            self.check_exit()
        except ValidationError as error:
            self.form.show_error(error)
            return
        except ReintegraError:
            ask = False  # changed elsewhere, busy …: the save below says so, as every save does
        exit_date, reason = self._typed_exit()
        contract = chosen_contract(self.contract_type)
        question = _("Record that {name} left the facility on {date} ({reason})? Open placements end on that "
                     "day.").format(name=self._name, date=format_date(exit_date), reason=label(reason))
        if ask and not messages.confirm(self, question, yes=_("Record exit")):
            return
        participant_id, version = self.participant_id, self._version
        destination, notes = self.destination.text(), self.exit_notes.toPlainText()
        self.save_form(lambda session, actor: participants.exit_participant(
            session, participant_id, version, exit_date, reason, destination=destination,
            contract_type=contract, notes=notes, actor=actor), show_error=self.form.show_error)

    def reopen(self) -> None:
        question = _("Reopen the participation of {name}? The exit of {date} is removed and follow-up contacts "
                     "not made yet are dropped. Placements that ended on the exit date stay ended.").format(
            name=self._name, date=format_date(self._exit_date))
        if not messages.confirm(self, question, yes=_("Reopen")):
            return
        participant_id, version = self.participant_id, self._version
        self.change(lambda session, actor: participants.reopen(session, participant_id, version, actor=actor))

    def selected_follow_up(self) -> FollowUpRow | None:
        index = self.follow_table.currentIndex()
        return self.follow_model.row_at(index.row()) if index.isValid() and self.follow_model.rowCount() else None

    def _choose(self, row: FollowUpRow) -> None:
        position = self.follow_model.rows().index(row)
        self.follow_table.setCurrentIndex(self.follow_model.index(position, 0))
        self.follow_table.selectRow(position)

    def _update_buttons(self, *_args) -> None:
        self.contact_button.setEnabled(self.selected_follow_up() is not None)
        self.contact_button.setVisible(self._may_edit and self.follow_model.rowCount() > 0)

    def make_contact_dialog(self, row: FollowUpRow) -> FollowUpDialog:
        hint = follow_ups.suggested_employer(self.follow_model.rows(), row, self._exit_reason, self._destination)
        return FollowUpDialog(self.context, row, name=self._name, employer_hint=hint, parent=self)

    def make_details_dialog(self) -> ExitDetailsDialog:
        return ExitDetailsDialog(self.context, self.participant_id, parent=self)

    def record_contact(self, *_args) -> bool:
        """Opens the chosen follow-up contact to record (or correct) what it found; True when saved."""
        row = self.selected_follow_up()
        if row is None or not self._may_edit:
            return False
        return self.open_dialog_in_tab(self.make_dialog(lambda: self.make_contact_dialog(row)))

    def record_due_contact(self) -> bool:
        """Opens the earliest contact not made yet, due or soon due (the start page's "follow-up due" line)."""
        if self.participant_id is None:
            return False
        self.load(self.participant_id)
        row = follow_ups.next_contact(self.follow_model.rows()) if self.stack.currentIndex() == 2 else None
        if row is None:
            messages.info(self, _("No follow-up contact with {name} is left to make.").format(name=self._name))
            return False
        if not self._may_edit:
            messages.info(self, _("Only a director records follow-up contacts."))
            return False
        self._choose(row)
        return self.record_contact()

    def edit_details(self) -> None:
        self.open_dialog_in_tab(self.make_dialog(self.make_details_dialog))


def _button_row(*buttons: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addStretch(1)
    for button in buttons:
        layout.addWidget(button)
    return row


def _page(*widgets: QWidget) -> QWidget:
    """A column at most FORM_WIDTH wide, at the top left: forms read badly across a wide screen."""
    content = QWidget()
    content.setMaximumWidth(FORM_WIDTH)
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    page = QWidget()
    layout = QHBoxLayout(page)
    layout.addWidget(content, 1, Qt.AlignTop)
    layout.addStretch(0)
    return page


def _months_text(row: FollowUpRow) -> str:
    return ngettext("{count} month", "{count} months", row.months_after).format(count=row.months_after)


def _follow_up_text(row: FollowUpRow, today: date) -> str:
    state = row.state(today)
    if state is FollowUpState.DONE:
        return label(row.employment_status) or _("Contact made")
    if state is FollowUpState.DUE:
        return _("Due – not contacted yet")
    return _("Planned")
