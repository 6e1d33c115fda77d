"""Settings → Users (administrators): every account with its role and workshops; add, edit, a new
temporary password, disable and enable. Users are never deleted: the audit log names them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reintegra.i18n import _, format_datetime, pgettext
from reintegra.services import users
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.labels import label
from reintegra.services.users import UserRow
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.user import TemporaryPasswordDialog, UserDialog
from reintegra.ui.icons import icon
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.saving import NOT_SAVED, RunsDialogs, change_in_tab, save


def _status(row: UserRow) -> str:
    if not row.active:
        return pgettext("user", "disabled")
    if row.must_change_password:
        return _("active, temporary password")
    return pgettext("user", "active")


class UsersTab(RunsDialogs, QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = RowsModel([
            Column(_("Full name"), lambda row: row.full_name),
            Column(_("Login"), lambda row: row.username),
            Column(_("Role"), lambda row: label(row.role)),
            Column(_("Workshops"), lambda row: ", ".join(row.workshops)),
            Column(_("Status"), lambda row: row.active, display=_status),
            Column(_("Last sign-in"), lambda row: row.last_login_at,
                   display=lambda row: format_datetime(row.last_login_at) if row.last_login_at else _("never")),
        ], self)
        self.model.muted = lambda row: not row.active
        self.table = QTableView()
        self.table.setObjectName("users")
        accessible.name(self.table, _("List of users"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.edit)

        self.add_button = QPushButton(icon("add-person"), _("&Add user…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(icon("edit"), _("&Edit…"))
        self.edit_button.clicked.connect(self.edit)
        self.reset_button = QPushButton(_("&Reset password…"))
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton(_("&Disable"))
        self.active_button.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.active_button)
        hint = QLabel(_("An instructor sees only the participants of their workshops; a director everything but "
                        "users, backups and database settings; an administrator everything. A new user and a "
                        "reset password get a temporary password, replaced at the next sign-in. Users are "
                        "disabled, never deleted, because the audit log names them."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        context.events.workshops_changed.connect(self.load)  # a renamed workshop, instructors chosen there
        self.load()

    def load(self, select_id: int | None = None) -> None:
        """The users from the database, keeping the chosen one (or choosing ``select_id``)."""
        selected = self.selected()
        try:
            with self.context.read() as session:
                rows = users.user_rows(session, actor=self.context.actor(session))
        except ReintegraError as error:
            messages.error(self, error.message)
            rows = []
        self.model.set_rows(rows)
        wanted = select_id if select_id is not None else (selected.id if selected else None)
        target = next((i for i, row in enumerate(rows) if row.id == wanted), 0)
        if rows:
            self.table.selectRow(target)
        self._update_buttons()

    def selected(self) -> UserRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and self.model.rowCount() else None

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        for button in (self.edit_button, self.reset_button, self.active_button):
            button.setEnabled(row is not None)
        self.active_button.setText(_("&Enable") if row is not None and not row.active else _("&Disable"))

    # -- changing ----------------------------------------------------------------------------

    def add(self) -> None:
        dialog = UserDialog(self.context, parent=self)
        if self.open_dialog(dialog, after=lambda saved: self._saved(dialog.saved_id)) and dialog.issued:
            self._show_password(dialog.issued)

    def edit(self, *_args) -> None:
        row = self.selected()
        if row is not None:
            dialog = UserDialog(self.context, row, parent=self)
            self.open_dialog(dialog, after=lambda saved: self._saved(row.id))

    def _saved(self, user_id: int | None) -> None:
        self.load(user_id)
        # An instructor's workshops changed: the daily log and the workshops page list them.
        self.context.events.workshops_changed.emit()

    def reset_password(self) -> None:
        row = self.selected()
        if row is None or not messages.confirm(self, _(
                "Give {name} a new temporary password? The current password stops working at once."
                ).format(name=row.full_name or row.username), yes=_("Reset password")):
            return
        def reset(session, actor) -> tuple[str, str]:
            issued = users.reset_password(session, row.id, actor=actor)
            return issued.user.username, issued.password

        issued = save(self, reset, reload=lambda: self.load(row.id))
        if issued is not NOT_SAVED:
            self.load(row.id)
            self._show_password(issued)

    def _may_disable(self, user_id: int) -> bool:
        """Refused before the question is asked (own account, last administrator …), not after."""
        try:
            with self.context.read() as session:
                users.check_deactivate(session, user_id, actor=self.context.actor(session))
        except ValidationError as error:
            messages.error(self, error.message)
            return False
        except ReintegraError:
            return True  # the change itself reports it
        return True

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active and not self._may_disable(row.id):
            return
        if row.active and not messages.confirm(self, _(
                "Disable {name}? They can no longer sign in; everything they recorded stays.").format(
                name=row.full_name or row.username), yes=_("Disable")):
            return
        if change_in_tab(self, lambda session, actor: users.set_active(session, row.id, not row.active, actor=actor),
                         reload=lambda: self.load(row.id)):
            self.load(row.id)

    def _show_password(self, issued: tuple[str, str]) -> None:
        dialog = TemporaryPasswordDialog(*issued, self)
        self.run_dialog(dialog)
        dialog.deleteLater()
